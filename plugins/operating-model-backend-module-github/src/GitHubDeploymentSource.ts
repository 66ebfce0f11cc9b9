import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  GithubIntegrationConfig,
  ScmIntegrations,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EventSourceDeployment,
  EventSourceReadOptions,
  EventSourceReadResult,
  EventSourceUnmapped,
  OperatingModelEventSource,
} from '@operating-model/backstage-plugin-operating-model-node';
import {
  addPending,
  EnvironmentState,
  GitHubCursor,
  MAX_MISSING,
  PartialRead,
  PENDING_DAYS,
  readGitHubCursor,
  removePending,
  RunState,
  writeGitHubCursor,
} from './gitHubCursor';
import {
  DEFAULT_REQUEST_POLICY,
  GitHubAnswer,
  GitHubRestClient,
  RateLimitStop,
  RequestPolicy,
} from './GitHubRestClient';
import {
  GitHubSourceConfig,
  readGitHubSourceConfig,
} from './gitHubSourceConfig';
import {
  readRepositories,
  RepositoryTarget,
  RepositoryTargets,
} from './readRepositories';

/** Requests one read may send before it ends its page; the next read goes on from there. */
export const REQUESTS_PER_PAGE = 200;
/** Pages of one deployment's statuses read at most; a deployment has a handful. */
const MAX_STATUS_PAGES = 5;
/** Commit times kept in memory, by repository and sha: a commit never changes. */
const MAX_COMMITS_CACHED = 50_000;
/** ETags kept in memory: the first page of each deployments list, and pending statuses. */
const MAX_ETAGS_CACHED = 50_000;
const DAY_MS = 86_400_000;

/** GitHub's deployment, as far as the source reads it. */
interface GitHubDeployment {
  id: number;
  sha: string;
  ref: string;
  environment?: string;
  created_at: string;
  creator: { login: string } | null;
}

interface GitHubStatus {
  id: number;
  state: string;
  created_at: string;
}

/** What the statuses of a deployment say. */
type Settled =
  | { kind: 'succeeded'; at: number }
  | { kind: 'pending' }
  /** Failed, errored, made inactive without success, or deleted: never counted. */
  | { kind: 'dropped' };

/** Options of {@link GitHubDeploymentSource}; tests and the benchmark shorten the waits. */
export interface GitHubDeploymentSourceOptions {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  policy?: Partial<RequestPolicy>;
  /** Default: `DefaultGithubCredentialsProvider` over `integrations.github`. */
  credentials?: GithubCredentialsProvider;
  requestsPerPage?: number;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Stops a page where it is, its progress kept in the cursor. */
class PageFull extends Error {}

/** A bounded map that forgets its oldest entries. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  set(key: K, value: V) {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    if (this.size > this.max) this.delete(this.keys().next().value as K);
    return this;
  }
}

/** What one read is doing: its events, its request budget, and the cursor it changes. */
interface PageWork {
  cursor: GitHubCursor;
  run: RunState;
  events: EventSourceDeployment[];
  requestsAtStart: number;
  signal: AbortSignal;
}

/**
 * Production deployments from GitHub's deployments API, for every Component with the
 * `github.com/project-slug` annotation: one event per deployment to a production environment
 * once it has a `success` status, its deploy time that status's time and its build time the
 * commit time of the deployed sha, so lead time is commit to production.
 */
export class GitHubDeploymentSource implements OperatingModelEventSource {
  readonly id = 'github';
  readonly kinds = ['deployments' as const];

  private readonly sourceConfig: GitHubSourceConfig | undefined;
  private readonly integrations: ScmIntegrations;
  private readonly credentials: GithubCredentialsProvider;
  private readonly requestsPerPage: number;
  private readonly now: () => Date;
  private clientCache: GitHubRestClient | undefined;
  /** The catalog's repositories, read once per run. */
  private targets: { at: number; targets: RepositoryTargets } | undefined;
  /** The ETag of each deployments list's first page, and the newest id it showed. */
  private readonly listEtags = new BoundedMap<
    string,
    { etag: string; top: number }
  >(MAX_ETAGS_CACHED);
  /** The ETag of each pending deployment's statuses while they showed no success. */
  private readonly pendingEtags = new BoundedMap<string, string>(
    MAX_ETAGS_CACHED,
  );
  private readonly commitTimes = new BoundedMap<string, number | null>(
    MAX_COMMITS_CACHED,
  );

  constructor(private readonly options: GitHubDeploymentSourceOptions) {
    this.sourceConfig = readGitHubSourceConfig(options.config);
    this.integrations = ScmIntegrations.fromConfig(options.config);
    this.credentials =
      options.credentials ??
      DefaultGithubCredentialsProvider.fromIntegrations(this.integrations);
    this.requestsPerPage = options.requestsPerPage ?? REQUESTS_PER_PAGE;
    this.now = options.now ?? (() => new Date());
  }

  /** Requests sent since the source was made, for the logs and the benchmark. */
  get requestCounts() {
    return this.clientCache?.counts;
  }

  async read(options: EventSourceReadOptions): Promise<EventSourceReadResult> {
    const config = this.sourceConfig;
    const cursor = readGitHubCursor(options.cursor);
    if (!config) {
      // The backend runs only configured sources; a read without config has nothing to do.
      return { events: {}, cursor: options.cursor };
    }
    // A new run starts with the last run's missing repositories, until it reads them again.
    const run: RunState = cursor.run ?? {
      at: this.now().getTime(),
      ...(cursor.m ? { missing: cursor.m } : {}),
    };
    cursor.run = run;
    delete cursor.m;
    const targets = await this.targetsOf(run);

    const integration = this.integrations.github.byHost(config.host)?.config;
    const refused = refusalOf(integration, config.host);
    if (!integration?.apiBaseUrl || refused) {
      this.options.logger.warn(
        `GitHub deployments are not read: ${refused}. Every Component with github.com/project-slug is reported unmapped.`,
      );
      delete cursor.run;
      return {
        events: {},
        cursor: writeGitHubCursor(cursor),
        mapped: 0,
        unmapped: [
          ...targets.unmapped,
          ...targets.repositories.map(t => ({
            entityRef: t.entityRef,
            reason: `${refused}, so ${t.owner}/${t.repo} cannot be read`,
          })),
        ],
      };
    }
    const client = this.client(integration.apiBaseUrl);
    const work: PageWork = {
      cursor,
      run,
      events: [],
      requestsAtStart: client.counts.sent,
      signal: options.signal,
    };

    let more = false;
    let complete = false;
    try {
      for (const target of targets.repositories) {
        if (run.after !== undefined && target.key <= run.after) continue;
        if (this.pageFull(work) && run.part?.k !== target.key) {
          more = true;
          break;
        }
        await this.readRepository(config, client, target, work);
        run.after = target.key;
        delete run.part;
      }
      complete = !more;
    } catch (error) {
      if (error instanceof PageFull) {
        more = true;
      } else if (error instanceof RateLimitStop) {
        // What was read is written; the next scheduled run goes on from here.
        this.options.logger.warn(
          `GitHub deployments: ${error.message}; the run stops here and the next one goes on`,
        );
      } else {
        throw error;
      }
    }

    const missing = this.missingOf(targets, run, config);
    const result = {
      mapped: targets.repositories.length - missing.length,
      unmapped: [...targets.unmapped, ...missing],
    };
    if (complete) this.finishRun(cursor, targets, config);
    return {
      events: { deployments: work.events },
      cursor: writeGitHubCursor(cursor),
      more,
      ...result,
    };
  }

  private client(apiBaseUrl: string) {
    if (!this.clientCache) {
      this.clientCache = new GitHubRestClient(
        apiBaseUrl,
        { ...DEFAULT_REQUEST_POLICY, ...this.options.policy },
        { now: () => this.now().getTime(), sleep: this.options.sleep },
      );
    }
    return this.clientCache;
  }

  /** The catalog's repositories for this run: read when the run begins, kept until it ends. */
  private async targetsOf(run: RunState): Promise<RepositoryTargets> {
    if (this.targets?.at !== run.at) {
      this.targets = {
        at: run.at,
        targets: await readRepositories(
          this.options.catalog,
          this.options.auth,
        ),
      };
    }
    return this.targets.targets;
  }

  private pageFull(work: PageWork) {
    return (
      this.clientCache!.counts.sent - work.requestsAtStart >=
      this.requestsPerPage
    );
  }

  private checkpoint(work: PageWork) {
    if (work.signal.aborted) {
      throw work.signal.reason instanceof Error
        ? work.signal.reason
        : new Error('The GitHub read was aborted');
    }
    if (this.pageFull(work)) throw new PageFull();
  }

  /** Drops what the run kept and the state of repositories no longer in the catalog. */
  private finishRun(
    cursor: GitHubCursor,
    targets: RepositoryTargets,
    config: GitHubSourceConfig,
  ) {
    const keys = new Set(targets.repositories.map(t => t.key));
    const refs = new Set(targets.repositories.map(t => t.entityRef));
    const missing = cursor.run?.missing?.filter(([ref]) => refs.has(ref));
    if (missing?.length) cursor.m = missing;
    for (const key of Object.keys(cursor.r)) {
      if (!keys.has(key)) {
        delete cursor.r[key];
        continue;
      }
      for (const env of Object.keys(cursor.r[key])) {
        if (!config.productionEnvironments.includes(env)) {
          delete cursor.r[key][env];
        }
      }
    }
    delete cursor.run;
    this.targets = undefined;
    const counts = this.clientCache?.counts;
    this.options.logger.info(
      `GitHub deployments: read ${targets.repositories.length} repositories; ${
        counts?.sent ?? 0
      } requests so far, ${
        counts?.notModified ?? 0
      } of them answered 304 Not Modified`,
    );
  }

  private missingOf(
    targets: RepositoryTargets,
    run: RunState,
    config: GitHubSourceConfig,
  ): EventSourceUnmapped[] {
    const byRef = new Map(targets.repositories.map(t => [t.entityRef, t]));
    return (run.missing ?? []).flatMap(([entityRef, why]) => {
      // One the catalog no longer has, or no longer names a repository for, is not reported.
      const t = byRef.get(entityRef);
      if (!t) return [];
      const slug = `${t.owner}/${t.repo}`;
      const reasons = {
        404: `GitHub (${config.host}) answered 404 for ${slug}: no such repository, or the credentials cannot see it`,
        403: `GitHub (${config.host}) refused ${slug} (403): the token or GitHub App needs Deployments and Contents read access`,
        credentials: `No token or GitHub App installation in integrations.github for ${config.host} gives access to ${slug}`,
      };
      return [{ entityRef, reason: reasons[why as keyof typeof reasons] }];
    });
  }

  private noteMissing(
    run: RunState,
    target: RepositoryTarget,
    why: 404 | 403 | 'credentials',
  ) {
    const missing = (run.missing ?? []).filter(
      ([ref]) => ref !== target.entityRef,
    );
    if (missing.length < MAX_MISSING) missing.push([target.entityRef, why]);
    run.missing = missing;
  }

  private async readRepository(
    config: GitHubSourceConfig,
    client: GitHubRestClient,
    target: RepositoryTarget,
    work: PageWork,
  ) {
    let token: string | undefined;
    try {
      token = (
        await this.credentials.getCredentials({
          url: `https://${config.host}/${target.owner}/${target.repo}`,
        })
      ).token;
    } catch (error) {
      this.options.logger.warn(
        `GitHub deployments: no credentials for ${target.owner}/${
          target.repo
        }: ${(error as Error).message}`,
      );
    }
    if (!token) {
      this.noteMissing(work.run, target, 'credentials');
      return;
    }
    const { run } = work;
    const environments = config.productionEnvironments;
    const resumeAt =
      run.part?.k === target.key ? environments.indexOf(run.part.e) : 0;
    for (const environment of environments.slice(Math.max(0, resumeAt))) {
      const outcome = await this.readEnvironment(
        config,
        client,
        target,
        token,
        environment,
        work,
      );
      if (outcome === 404 || outcome === 403) {
        this.noteMissing(run, target, outcome);
        delete work.cursor.r[target.key];
        return;
      }
    }
    // Readable again: it is no longer missing.
    if (run.missing?.some(([ref]) => ref === target.entityRef)) {
      run.missing = run.missing.filter(([ref]) => ref !== target.entityRef);
    }
  }

  /**
   * One pass over one environment of one repository: the pending deployments again, then the
   * deployments list from newest down to the newest one settled before (or, the first time,
   * to the start of the initial window). Progress is kept in `run.part` after each
   * deployment, so a page may end anywhere and the next goes on from there.
   */
  private async readEnvironment(
    config: GitHubSourceConfig,
    client: GitHubRestClient,
    target: RepositoryTarget,
    token: string,
    environment: string,
    work: PageWork,
  ): Promise<'done' | 404 | 403> {
    const { run, cursor } = work;
    const state: EnvironmentState = cursor.r[target.key]?.[environment] ?? {
      n: 0,
    };
    // Nothing settled yet: the first read, which goes back as far as the initial window.
    const firstRead = state.n === 0;
    let part: PartialRead;
    if (run.part?.k === target.key && run.part.e === environment) {
      part = run.part;
    } else {
      part = {
        k: target.key,
        e: environment,
        checked: false,
        page: 1,
        below: null,
        top: 0,
      };
      run.part = part;
      this.checkpoint(work);
    }
    const save = () => {
      (cursor.r[target.key] ??= {})[environment] = state;
    };

    if (!part.checked) {
      for (const [id, createdAtSeconds] of [...(state.p ?? [])]) {
        if (createdAtSeconds * 1000 < run.at - PENDING_DAYS * DAY_MS) {
          removePending(state, id);
          continue;
        }
        const event = await this.settlePending(
          client,
          target,
          token,
          environment,
          id,
          work,
        );
        if (event !== 'pending') {
          if (event) work.events.push(event);
          removePending(state, id);
        }
      }
      save();
      part.checked = true;
    }

    const windowStart = run.at - config.initialWindowDays * DAY_MS;
    let url: string | undefined = this.listPath(target, environment, part.page);
    while (url) {
      this.checkpoint(work);
      const firstPage = part.page === 1 && part.below === null;
      const cached = firstPage ? this.listEtags.get(url) : undefined;
      // An ETag says "as before" only if everything that page showed was settled and written.
      const etag = cached && cached.top <= state.n ? cached.etag : undefined;
      const answer: GitHubAnswer = await client.get(url, {
        token,
        etag,
        signal: work.signal,
      });
      if (answer.status === 304) break;
      if (answer.status === 404 || answer.status === 403) return answer.status;
      if (answer.status !== 200 || !Array.isArray(answer.body)) {
        throw new Error(
          `GitHub answered ${answer.status} for the deployments of ${target.owner}/${target.repo}`,
        );
      }
      const deployments = (answer.body as GitHubDeployment[])
        .filter(d => Number.isSafeInteger(d?.id))
        .sort((a, b) => b.id - a.id);
      if (firstPage && answer.etag) {
        this.listEtags.set(url, {
          etag: answer.etag,
          top: deployments[0]?.id ?? 0,
        });
      }
      let reachedSettled = false;
      for (const deployment of deployments) {
        const createdAt = Date.parse(deployment.created_at);
        if (deployment.id <= state.n) {
          reachedSettled = true;
          break;
        }
        if (firstRead && !(createdAt >= windowStart)) {
          // Older than the initial window, as is everything after it: settled by not counting.
          part.top = Math.max(part.top, deployment.id);
          reachedSettled = true;
          break;
        }
        if (part.below !== null && deployment.id >= part.below) continue;
        this.checkpoint(work);
        const settled = await this.statusesOf(
          client,
          target,
          token,
          deployment.id,
          work,
        );
        if (settled.kind === 'succeeded') {
          const event = await this.eventOf(
            client,
            target,
            token,
            environment,
            deployment,
            settled.at,
            work,
          );
          work.events.push(event);
        } else if (settled.kind === 'pending') {
          addPending(state, deployment.id, Math.floor(createdAt / 1000));
        }
        part.below = deployment.id;
        part.top = Math.max(part.top, deployment.id);
        save();
      }
      if (reachedSettled || !answer.next) break;
      part.page = pageOf(answer.next) ?? part.page + 1;
      url = answer.next;
    }
    state.n = Math.max(state.n, part.top);
    save();
    delete run.part;
    return 'done';
  }

  private listPath(
    target: RepositoryTarget,
    environment: string,
    page: number,
  ) {
    const path = `${repoPath(
      target,
    )}/deployments?environment=${encodeURIComponent(environment)}&per_page=100`;
    return page > 1 ? `${path}&page=${page}` : path;
  }

  /** A pending deployment again: its statuses (conditionally), and the deployment once it succeeded. */
  private async settlePending(
    client: GitHubRestClient,
    target: RepositoryTarget,
    token: string,
    environment: string,
    id: number,
    work: PageWork,
  ): Promise<EventSourceDeployment | 'pending' | undefined> {
    const settled = await this.statusesOf(
      client,
      target,
      token,
      id,
      work,
      true,
    );
    if (settled.kind !== 'succeeded') {
      return settled.kind === 'pending' ? 'pending' : undefined;
    }
    const answer = await client.get(`${repoPath(target)}/deployments/${id}`, {
      token,
      signal: work.signal,
    });
    if (answer.status !== 200) return undefined;
    return this.eventOf(
      client,
      target,
      token,
      environment,
      answer.body as GitHubDeployment,
      settled.at,
      work,
    );
  }

  /** The first `success` status of a deployment, or whether it may still get one. */
  private async statusesOf(
    client: GitHubRestClient,
    target: RepositoryTarget,
    token: string,
    id: number,
    work: PageWork,
    conditional = false,
  ): Promise<Settled> {
    const first = `${repoPath(target)}/deployments/${id}/statuses?per_page=100`;
    const statuses: GitHubStatus[] = [];
    let url: string | undefined = first;
    for (let page = 0; url && page < MAX_STATUS_PAGES; page++) {
      const etag =
        conditional && page === 0 ? this.pendingEtags.get(first) : undefined;
      const answer: GitHubAnswer = await client.get(url, {
        token,
        etag,
        signal: work.signal,
      });
      // Unchanged since it last showed no success.
      if (answer.status === 304) return { kind: 'pending' };
      if (answer.status === 404 || answer.status === 410)
        return { kind: 'dropped' };
      if (answer.status !== 200 || !Array.isArray(answer.body)) {
        throw new Error(
          `GitHub answered ${answer.status} for the statuses of deployment ${id} of ${target.owner}/${target.repo}`,
        );
      }
      statuses.push(...(answer.body as GitHubStatus[]));
      if (page === 0 && answer.etag) this.pendingEtags.set(first, answer.etag);
      url = answer.next;
    }
    const successes = statuses
      .filter(s => s.state === 'success')
      .map(s => Date.parse(s.created_at))
      .filter(t => Number.isFinite(t));
    if (successes.length > 0) {
      this.pendingEtags.delete(first);
      return { kind: 'succeeded', at: Math.min(...successes) };
    }
    const latest = statuses.reduce<GitHubStatus | undefined>(
      (newest, s) => (!newest || s.id > newest.id ? s : newest),
      undefined,
    );
    if (latest && ['failure', 'error', 'inactive'].includes(latest.state)) {
      this.pendingEtags.delete(first);
      return { kind: 'dropped' };
    }
    return { kind: 'pending' };
  }

  /** The event of a deployment that succeeded at `deployTime`, with its commit's time. */
  private async eventOf(
    client: GitHubRestClient,
    target: RepositoryTarget,
    token: string,
    environment: string,
    deployment: GitHubDeployment,
    deployTime: number,
    work: PageWork,
  ): Promise<EventSourceDeployment> {
    const committedAt = await this.commitTime(
      client,
      target,
      token,
      deployment.sha,
      work,
    );
    // Without the commit (gone from the repository), the deployment's creation is the
    // nearest known time to "ready to deploy"; a commit after the deploy is clock skew.
    const built = committedAt ?? Date.parse(deployment.created_at);
    const buildTime = Number.isFinite(built)
      ? Math.min(built, deployTime)
      : deployTime;
    return {
      externalId: String(deployment.id),
      service: target.entityRef,
      environment,
      buildTime: new Date(buildTime).toISOString(),
      deployTime: new Date(deployTime).toISOString(),
      deployer: deployment.creator?.login || null,
      // The events API keeps at most 255 characters; a branch name may be longer.
      version: deployment.ref ? deployment.ref.slice(0, 255) : null,
    };
  }

  private async commitTime(
    client: GitHubRestClient,
    target: RepositoryTarget,
    token: string,
    sha: string,
    work: PageWork,
  ): Promise<number | null> {
    if (!/^[0-9a-f]{4,64}$/i.test(sha ?? '')) return null;
    const key = `${target.key}@${sha}`;
    const cached = this.commitTimes.get(key);
    if (cached !== undefined) return cached;
    const answer = await client.get(`${repoPath(target)}/commits/${sha}`, {
      token,
      signal: work.signal,
    });
    let time: number | null = null;
    if (answer.status === 200) {
      const commit = (
        answer.body as {
          commit?: {
            committer?: { date?: string };
            author?: { date?: string };
          };
        }
      ).commit;
      const parsed = Date.parse(
        commit?.committer?.date ?? commit?.author?.date ?? '',
      );
      time = Number.isFinite(parsed) ? parsed : null;
    } else if (![404, 409, 422].includes(answer.status)) {
      throw new Error(
        `GitHub answered ${answer.status} for commit ${sha} of ${target.owner}/${target.repo}`,
      );
    }
    this.commitTimes.set(key, time);
    return time;
  }
}

/** Why the integration for the host cannot be used, or undefined when it can. */
function refusalOf(
  integration: GithubIntegrationConfig | undefined,
  host: string,
): string | undefined {
  if (!integration) return `integrations.github has no entry for ${host}`;
  if (!integration.token && !integration.apps?.length) {
    return `integrations.github for ${host} has neither a token nor a GitHub App`;
  }
  if (!integration.apiBaseUrl) {
    return `integrations.github for ${host} has no apiBaseUrl`;
  }
  return undefined;
}

function repoPath(target: RepositoryTarget) {
  return `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(
    target.repo,
  )}`;
}

/** The `page` of a Link URL GitHub gave. */
function pageOf(url: string): number | undefined {
  try {
    const page = Number(new URL(url).searchParams.get('page'));
    return Number.isSafeInteger(page) && page > 0 ? page : undefined;
  } catch {
    return undefined;
  }
}
