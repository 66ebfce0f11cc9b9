/**
 * A local stand-in for the parts of GitHub's REST API that the module reads, written from
 * GitHub's public REST reference: the deployments, deployment statuses and commits endpoints,
 * `GET /rate_limit`, token checks, page-number pagination with a `Link` header, ETags and
 * conditional requests, the primary and secondary rate limits, and injectable server errors.
 *
 * Tests start it on a free local port; `dev/serveGitHubStandIn.ts` serves it as a script, with
 * generated repositories, so the example app can be pointed at it.
 */
import { createHash } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

/** A deployment as the stand-in keeps it; the JSON GitHub answers is built from it. */
export interface StandInDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  createdAt: string;
  creator: string | null;
  statuses: StandInStatus[];
}

/** A deployment status as the stand-in keeps it. */
export interface StandInStatus {
  id: number;
  state:
    | 'error'
    | 'failure'
    | 'inactive'
    | 'pending'
    | 'success'
    | 'queued'
    | 'in_progress';
  createdAt: string;
}

/** A repository: its deployments and the commit times of its commits, by sha. */
export interface StandInRepository {
  owner: string;
  name: string;
  deployments: StandInDeployment[];
  commits: Map<string, { committedAt: string; authoredAt: string }>;
}

/** A fault to answer instead of the real response, for requests that match. */
export interface StandInFault {
  /** Which requests: a test of the path and query; every request when absent. */
  match?: RegExp;
  /** How many matching requests pass before the fault starts. Default 0. */
  after?: number;
  /** How many matching requests it answers. Default 1. */
  times?: number;
  /** `secondary`: a 403 or 429 secondary rate limit; `server`: a 5xx. */
  kind: 'secondary' | 'server';
  status?: number;
  /** Seconds in `retry-after`, for a secondary rate limit; absent sends none. */
  retryAfter?: number;
}

/** One request the stand-in answered, for tests to look at. */
export interface StandInRequest {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
  accept: string | undefined;
  apiVersion: string | undefined;
  ifNoneMatch: string | undefined;
}

/** Options of {@link startGitHubStandIn}. */
export interface StandInOptions {
  /** Tokens that `Authorization: Bearer <t>` or `token <t>` may carry. Default `['x']`. */
  tokens?: string[];
  /** Requests an hour for each token (GitHub's default for a token is 5,000). */
  rateLimit?: number;
  /** The status of a primary rate limit refusal: GitHub sends 403 or 429. Default 403. */
  primaryLimitStatus?: 403 | 429;
  /** A path prefix, such as `/api/v3` for GitHub Enterprise Server. Default none. */
  pathPrefix?: string;
  port?: number;
}

/** A running stand-in. */
export interface GitHubStandIn {
  /** The API base URL, as `integrations.github[].apiBaseUrl` takes it. */
  url: string;
  repositories: Map<string, StandInRepository>;
  requests: StandInRequest[];
  /** Requests that counted against a token's rate limit (a 304 does not). */
  charged: number;
  addRepository(slug: string): StandInRepository;
  /** Adds a deployment (with its commit), newest id yet; statuses are added with addStatus. */
  addDeployment(
    slug: string,
    deployment: {
      sha?: string;
      ref?: string;
      environment?: string;
      createdAt: string;
      committedAt?: string;
      creator?: string | null;
      task?: string;
    },
  ): StandInDeployment;
  addStatus(
    slug: string,
    deploymentId: number,
    state: StandInStatus['state'],
    createdAt: string,
  ): StandInStatus;
  fault(fault: StandInFault): void;
  /** Sets what is left of a token's hourly limit, and when it resets (epoch seconds). */
  setRateLimit(token: string, remaining: number, resetAt?: number): void;
  close(): Promise<void>;
}

const API_VERSIONS = ['2022-11-28', '2026-03-10'];
const DOCS = 'https://docs.github.com/rest';
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 30;

const iso = (value: string) =>
  new Date(value).toISOString().replace('.000Z', 'Z');

function user(login: string, origin: string) {
  const id =
    [...login].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 1e7, 7) + 1;
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${origin}/users/${login}`,
    html_url: `https://github.com/${login}`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

function fakeSha(seed: string) {
  return createHash('sha1').update(seed).digest('hex');
}

/** Starts a stand-in on a free local port (or `options.port`). */
export async function startGitHubStandIn(
  options: StandInOptions = {},
): Promise<GitHubStandIn> {
  const tokens = new Set(options.tokens ?? ['x']);
  const limit = options.rateLimit ?? 5000;
  const prefix = options.pathPrefix ?? '';
  const repositories = new Map<string, StandInRepository>();
  const faults: Array<StandInFault & { seen: number; answered: number }> = [];
  const budgets = new Map<string, { remaining: number; resetAt: number }>();
  let nextDeploymentId = 1_000_000;
  let nextStatusId = 5_000_000;
  let requestCount = 0;

  const budgetOf = (who: string) => {
    const now = Math.floor(Date.now() / 1000);
    let budget = budgets.get(who);
    if (!budget || budget.resetAt <= now) {
      budget = {
        remaining: who === 'anonymous' ? 60 : limit,
        resetAt: now + 3600,
      };
      budgets.set(who, budget);
    }
    return budget;
  };

  // Made once the handler below exists; closed through the stand-in.
  let server: Server | undefined = undefined;
  const standIn: GitHubStandIn = {
    url: '',
    repositories,
    requests: [],
    charged: 0,
    addRepository(slug) {
      const [owner, name] = slug.split('/');
      const repository: StandInRepository = {
        owner,
        name,
        deployments: [],
        commits: new Map(),
      };
      repositories.set(slug.toLowerCase(), repository);
      return repository;
    },
    addDeployment(slug, d) {
      const repository =
        repositories.get(slug.toLowerCase()) ?? standIn.addRepository(slug);
      const id = ++nextDeploymentId;
      const sha = d.sha ?? fakeSha(`${slug} ${id}`);
      if (!repository.commits.has(sha) || d.committedAt) {
        const committedAt = d.committedAt ?? d.createdAt;
        repository.commits.set(sha, {
          committedAt,
          authoredAt: new Date(Date.parse(committedAt) - 600_000).toISOString(),
        });
      }
      const deployment: StandInDeployment = {
        id,
        sha,
        ref: d.ref ?? 'main',
        task: d.task ?? 'deploy',
        environment: d.environment ?? 'production',
        createdAt: d.createdAt,
        creator: d.creator === undefined ? 'octocat' : d.creator,
        statuses: [],
      };
      repository.deployments.push(deployment);
      return deployment;
    },
    addStatus(slug, deploymentId, state, createdAt) {
      const deployment = repositories
        .get(slug.toLowerCase())
        ?.deployments.find(d => d.id === deploymentId);
      if (!deployment)
        throw new Error(`No deployment ${deploymentId} in ${slug}`);
      const status: StandInStatus = { id: ++nextStatusId, state, createdAt };
      deployment.statuses.push(status);
      return status;
    },
    fault(fault) {
      faults.push({ ...fault, seen: 0, answered: 0 });
    },
    setRateLimit(token, remaining, resetAt) {
      budgets.set(token, {
        remaining,
        resetAt: resetAt ?? Math.floor(Date.now() / 1000) + 3600,
      });
    },
    close: async () => {
      await new Promise<void>(resolve => server?.close(() => resolve()));
    },
  };

  function handle(req: IncomingMessage, res: ServerResponse) {
    const host = req.headers.host ?? 'localhost';
    const origin = `http://${host}${prefix}`;
    const url = new URL(req.url ?? '/', `http://${host}`);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `SI${(++requestCount).toString(16).toUpperCase()}`,
      'access-control-expose-headers':
        'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
    };
    const record = (status: number) =>
      standIn.requests.push({
        method: req.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        status,
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        apiVersion: header(req, 'x-github-api-version'),
        ifNoneMatch: header(req, 'if-none-match'),
      });
    const send = (status: number, body?: unknown, extra = {}) => {
      record(status);
      res.writeHead(status, { ...headers, ...extra });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    // Authentication: a token GitHub does not know is refused; none at all is anonymous.
    const authorization = req.headers.authorization;
    let who = 'anonymous';
    if (authorization !== undefined) {
      const match = /^(?:bearer|token)\s+(\S+)$/i.exec(authorization);
      if (!match || !tokens.has(match[1])) {
        send(401, {
          message: 'Bad credentials',
          documentation_url: DOCS,
          status: '401',
        });
        return;
      }
      who = match[1];
    }

    const version = header(req, 'x-github-api-version');
    if (version !== undefined && !API_VERSIONS.includes(version)) {
      send(400, {
        message: `API version ${version} is not supported.`,
        documentation_url: `${DOCS}/about-the-rest-api/api-versions`,
        status: '400',
      });
      return;
    }
    headers['x-github-api-version-selected'] = version ?? API_VERSIONS[0];
    const accept = req.headers.accept;
    if (
      accept !== undefined &&
      !accept
        .split(',')
        .some(type =>
          /^\s*(application\/(vnd\.github(\.v3)?(\+json)?|json)|\*\/\*)\s*(;.*)?$/.test(
            type,
          ),
        )
    ) {
      send(415, {
        message: `Unsupported 'Accept' header: ${accept}. Must accept 'application/json'.`,
        documentation_url: `${DOCS}/overview/media-types`,
        status: '415',
      });
      return;
    }

    const budget = budgetOf(who);
    const rateHeaders = () => ({
      'x-ratelimit-limit': String(who === 'anonymous' ? 60 : limit),
      'x-ratelimit-remaining': String(Math.max(0, budget.remaining)),
      'x-ratelimit-reset': String(budget.resetAt),
      'x-ratelimit-used': String(
        (who === 'anonymous' ? 60 : limit) - Math.max(0, budget.remaining),
      ),
      'x-ratelimit-resource': 'core',
    });

    const route = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length)
      : url.pathname;

    if (route === '/rate_limit') {
      // Reading the rate limit does not count against it.
      const core = {
        limit: who === 'anonymous' ? 60 : limit,
        remaining: Math.max(0, budget.remaining),
        reset: budget.resetAt,
        used:
          (who === 'anonymous' ? 60 : limit) - Math.max(0, budget.remaining),
      };
      send(200, { resources: { core }, rate: core }, rateHeaders());
      return;
    }

    for (const fault of faults) {
      if (fault.match && !fault.match.test(`${route}${url.search}`)) continue;
      fault.seen += 1;
      if (fault.seen <= (fault.after ?? 0)) continue;
      if (fault.answered >= (fault.times ?? 1)) continue;
      fault.answered += 1;
      if (fault.kind === 'secondary') {
        send(
          fault.status ?? 403,
          {
            message:
              'You have exceeded a secondary rate limit. Wait a few minutes, then try again.',
            documentation_url: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
            status: String(fault.status ?? 403),
          },
          {
            ...rateHeaders(),
            ...(fault.retryAfter !== undefined
              ? { 'retry-after': String(fault.retryAfter) }
              : {}),
          },
        );
      } else {
        send(fault.status ?? 502, { message: 'Server Error' });
      }
      return;
    }

    if (budget.remaining <= 0) {
      send(
        options.primaryLimitStatus ?? 403,
        {
          message: `API rate limit exceeded for ${
            who === 'anonymous' ? '127.0.0.1' : 'user ID 1'
          }.`,
          documentation_url: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api`,
          status: String(options.primaryLimitStatus ?? 403),
        },
        rateHeaders(),
      );
      return;
    }

    const answer = resolve(route, url, origin);
    const body = JSON.stringify(answer.body);
    const etag = `W/"${createHash('sha256').update(body).digest('hex')}"`;
    if (answer.status === 200) {
      const ifNoneMatch = header(req, 'if-none-match');
      // A conditional request answered 304 costs nothing against the rate limit.
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
        delete headers['content-type'];
        send(304, undefined, { ...rateHeaders(), etag });
        return;
      }
    }
    budget.remaining -= 1;
    standIn.charged += 1;
    send(answer.status, answer.body, {
      ...rateHeaders(),
      ...(answer.status === 200 ? { etag } : {}),
      ...(answer.link ? { link: answer.link } : {}),
      ...(answer.status === 200
        ? { 'cache-control': 'private, max-age=60, s-maxage=60' }
        : {}),
    });

    function resolve(
      path: string,
      requestUrl: URL,
      base: string,
    ): { status: number; body: unknown; link?: string } {
      if (req.method !== 'GET') {
        return { status: 404, body: notFound(`${DOCS}`) };
      }
      const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] !== 'repos' || parts.length < 4) {
        return { status: 404, body: notFound(DOCS) };
      }
      const slug = `${parts[1]}/${parts[2]}`;
      const repository = repositories.get(slug.toLowerCase());
      // GitHub answers 404, not 403, for a private repository the token cannot see.
      if (!repository || who === 'anonymous') {
        return {
          status: 404,
          body: notFound(
            `${DOCS}/${
              parts[3] === 'commits'
                ? 'commits/commits#get-a-commit'
                : 'deployments/deployments#list-deployments'
            }`,
          ),
        };
      }
      const repoUrl = `${base}/repos/${repository.owner}/${repository.name}`;
      if (parts[3] === 'deployments' && parts.length === 4) {
        const q = requestUrl.searchParams;
        const items = repository.deployments
          .filter(
            d =>
              (!q.has('environment') ||
                d.environment === q.get('environment')) &&
              (!q.has('sha') || d.sha === q.get('sha')) &&
              (!q.has('ref') || d.ref === q.get('ref')) &&
              (!q.has('task') || d.task === q.get('task')),
          )
          .sort((a, b) => b.id - a.id)
          .map(d => deploymentJson(d, repoUrl, base));
        return paged(items, requestUrl, base);
      }
      if (parts[3] === 'deployments' && parts.length >= 5) {
        const deployment = repository.deployments.find(
          d => String(d.id) === parts[4],
        );
        if (!deployment) {
          return {
            status: 404,
            body: notFound(`${DOCS}/deployments/deployments#get-a-deployment`),
          };
        }
        if (parts.length === 5) {
          return {
            status: 200,
            body: deploymentJson(deployment, repoUrl, base),
          };
        }
        if (parts[5] === 'statuses' && parts.length === 6) {
          const items = [...deployment.statuses]
            .sort((a, b) => b.id - a.id)
            .map(s => statusJson(s, deployment, repoUrl, base));
          return paged(items, requestUrl, base);
        }
      }
      if (parts[3] === 'commits' && parts.length === 5) {
        const ref = parts[4];
        const sha = [...repository.commits.keys()].find(
          s => s === ref || (ref.length >= 7 && s.startsWith(ref)),
        );
        if (!sha) {
          return {
            status: 422,
            body: {
              message: `No commit found for SHA: ${ref}`,
              documentation_url: `${DOCS}/commits/commits#get-a-commit`,
              status: '422',
            },
          };
        }
        return {
          status: 200,
          body: commitJson(sha, repository.commits.get(sha)!, repoUrl),
        };
      }
      return { status: 404, body: notFound(DOCS) };
    }
  }

  server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: String(error) }));
    }
  });
  const listening = server;
  await new Promise<void>(resolve =>
    listening.listen(options.port ?? 0, '127.0.0.1', () => resolve()),
  );
  const { port } = listening.address() as AddressInfo;
  standIn.url = `http://127.0.0.1:${port}${prefix}`;
  return standIn;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function notFound(documentationUrl: string) {
  return {
    message: 'Not Found',
    documentation_url: documentationUrl,
    status: '404',
  };
}

/** Weak comparison, as for If-None-Match: `W/"a"` matches `"a"`; `*` matches anything. */
function etagMatches(ifNoneMatch: string, etag: string) {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .some(tag => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** A page of a list, with GitHub's `Link` header: prev, next, last and first, as they apply. */
function paged(items: unknown[], requestUrl: URL, base: string) {
  const perPageAsked = Number(
    requestUrl.searchParams.get('per_page') ?? DEFAULT_PER_PAGE,
  );
  const perPage = Math.min(
    MAX_PER_PAGE,
    Number.isInteger(perPageAsked) && perPageAsked > 0
      ? perPageAsked
      : DEFAULT_PER_PAGE,
  );
  const pageAsked = Number(requestUrl.searchParams.get('page') ?? 1);
  const page = Number.isInteger(pageAsked) && pageAsked > 0 ? pageAsked : 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (n: number) => {
    const target = new URL(requestUrl.toString());
    target.searchParams.set('page', String(n));
    const path = `${target.pathname}${target.search}`;
    const origin = new URL(base).origin;
    return `<${origin}${path}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${linkTo(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) {
    links.push(`${linkTo(page + 1)}; rel="next"`);
    links.push(`${linkTo(last)}; rel="last"`);
  }
  if (page > 1) links.push(`${linkTo(1)}; rel="first"`);
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    link: links.length > 0 ? links.join(', ') : undefined,
  };
}

function deploymentJson(d: StandInDeployment, repoUrl: string, base: string) {
  const url = `${repoUrl}/deployments/${d.id}`;
  const updated = d.statuses.reduce(
    (latest, s) => (s.createdAt > latest ? s.createdAt : latest),
    d.createdAt,
  );
  return {
    url,
    id: d.id,
    node_id: Buffer.from(`010:Deployment${d.id}`).toString('base64'),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: d.creator === null ? null : user(d.creator, base),
    created_at: iso(d.createdAt),
    updated_at: iso(updated),
    statuses_url: `${url}/statuses`,
    repository_url: repoUrl,
    transient_environment: false,
    production_environment: /prod/i.test(d.environment),
    performed_via_github_app: null,
  };
}

function statusJson(
  s: StandInStatus,
  d: StandInDeployment,
  repoUrl: string,
  base: string,
) {
  const deploymentUrl = `${repoUrl}/deployments/${d.id}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: Buffer.from(`016:DeploymentStatus${s.id}`).toString('base64'),
    state: s.state,
    creator: user('github-actions[bot]', base),
    description: '',
    environment: d.environment,
    target_url: '',
    created_at: iso(s.createdAt),
    updated_at: iso(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: repoUrl,
    environment_url: '',
    log_url: '',
    performed_via_github_app: null,
  };
}

function commitJson(
  sha: string,
  times: { committedAt: string; authoredAt: string },
  repoUrl: string,
) {
  const person = (date: string) => ({
    name: 'Octo Cat',
    email: 'octocat@example.com',
    date: iso(date),
  });
  return {
    url: `${repoUrl}/commits/${sha}`,
    sha,
    node_id: Buffer.from(`06:Commit${sha}`).toString('base64'),
    html_url: `${repoUrl.replace('/repos/', '/')}/commit/${sha}`,
    comments_url: `${repoUrl}/commits/${sha}/comments`,
    commit: {
      url: `${repoUrl}/git/commits/${sha}`,
      author: person(times.authoredAt),
      committer: person(times.committedAt),
      message: 'A change',
      tree: {
        url: `${repoUrl}/git/trees/${fakeSha(`tree ${sha}`)}`,
        sha: fakeSha(`tree ${sha}`),
      },
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: null,
    committer: null,
    parents: [],
    stats: { additions: 1, deletions: 0, total: 1 },
    files: [],
  };
}

/**
 * Fills a stand-in with repositories that deploy to production every `everyHours` hours over
 * `days` days before `now`, each deployment succeeding `pipelineMinutes` after it starts and
 * its commit made `leadMinutes` before that; deterministic, for the benchmark and the script.
 */
export function seedRepositories(
  standIn: GitHubStandIn,
  slugs: string[],
  options: {
    deployments: number;
    now?: number;
    everyHours?: number;
    leadMinutes?: number;
    pipelineMinutes?: number;
  },
) {
  const now = options.now ?? Date.now();
  const every = (options.everyHours ?? 24) * 3_600_000;
  const lead = (options.leadMinutes ?? 180) * 60_000;
  const pipeline = (options.pipelineMinutes ?? 12) * 60_000;
  for (const slug of slugs) {
    standIn.addRepository(slug);
    for (let i = options.deployments; i >= 1; i--) {
      const created = now - i * every;
      const deployment = standIn.addDeployment(slug, {
        createdAt: new Date(created).toISOString(),
        committedAt: new Date(created - lead).toISOString(),
        ref: `v1.${options.deployments - i}.0`,
      });
      standIn.addStatus(
        slug,
        deployment.id,
        'in_progress',
        new Date(created + 60_000).toISOString(),
      );
      standIn.addStatus(
        slug,
        deployment.id,
        'success',
        new Date(created + pipeline).toISOString(),
      );
    }
  }
}
