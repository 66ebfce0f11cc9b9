import { GitHubStandIn, startGitHubStandIn } from './gitHubStandIn';

/** The stand-in answers as GitHub's REST reference says GitHub does. */
describe('the GitHub stand-in', () => {
  let standIn: GitHubStandIn;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${standIn.url}${path}`, {
      headers: {
        Authorization: 'Bearer t',
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        ...headers,
      },
    });

  beforeEach(async () => {
    standIn = await startGitHubStandIn({ tokens: ['t'], rateLimit: 100 });
    for (let i = 0; i < 7; i++) {
      const d = standIn.addDeployment('acme/shop', {
        createdAt: `2026-11-0${i + 1}T10:00:00Z`,
        committedAt: `2026-11-0${i + 1}T08:00:00Z`,
        ref: `v${i}`,
      });
      standIn.addStatus(
        'acme/shop',
        d.id,
        'success',
        `2026-11-0${i + 1}T10:05:00Z`,
      );
    }
  });
  afterEach(() => standIn.close());

  it('pages with per_page and page, and a Link header with prev, next, last and first', async () => {
    const res = await get('/repos/acme/shop/deployments?per_page=3&page=2');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.map((d: { ref: string }) => d.ref)).toEqual(['v3', 'v2', 'v1']);
    const base = `${standIn.url}/repos/acme/shop/deployments?per_page=3`;
    expect(res.headers.get('link')).toBe(
      `<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next", <${base}&page=3>; rel="last", <${base}&page=1>; rel="first"`,
    );
    const last = await get('/repos/acme/shop/deployments?per_page=3&page=3');
    expect((await last.json()).map((d: { ref: string }) => d.ref)).toEqual([
      'v0',
    ]);
    // A single page has no Link header at all.
    const all = await get('/repos/acme/shop/deployments?per_page=100');
    expect(all.headers.get('link')).toBeNull();
  });

  it('answers the JSON shapes of deployments, deployment statuses and commits', async () => {
    const [deployment] = await (
      await get(
        '/repos/acme/shop/deployments?environment=production&per_page=1',
      )
    ).json();
    expect(deployment).toMatchObject({
      id: expect.any(Number),
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      ref: 'v6',
      task: 'deploy',
      environment: 'production',
      created_at: '2026-11-07T10:00:00Z',
      creator: { login: 'octocat' },
      statuses_url: `${standIn.url}/repos/acme/shop/deployments/${deployment.id}/statuses`,
      production_environment: true,
      transient_environment: false,
    });
    const [status] = await (
      await get(`/repos/acme/shop/deployments/${deployment.id}/statuses`)
    ).json();
    expect(status).toMatchObject({
      state: 'success',
      created_at: '2026-11-07T10:05:00Z',
      environment: 'production',
    });
    const commit = await (
      await get(`/repos/acme/shop/commits/${deployment.sha}`)
    ).json();
    expect(commit).toMatchObject({
      sha: deployment.sha,
      commit: {
        committer: { date: '2026-11-07T08:00:00Z' },
        author: { date: '2026-11-07T07:50:00Z' },
      },
    });
    expect((await get('/repos/acme/shop/commits/0000000')).status).toBe(422);
  });

  it('sends an ETag on every 200 and answers 304, free, to a matching If-None-Match', async () => {
    const first = await get('/repos/acme/shop/deployments');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
    const again = await get('/repos/acme/shop/deployments', {
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('x-ratelimit-remaining')).toBe('99');
    standIn.addDeployment('acme/shop', { createdAt: '2026-11-08T10:00:00Z' });
    const changed = await get('/repos/acme/shop/deployments', {
      'If-None-Match': etag,
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('checks the token, the Accept header and the API version', async () => {
    const bad = await get('/repos/acme/shop/deployments', {
      Authorization: 'token nope',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    expect(
      (await get('/repos/acme/shop/deployments', { Authorization: 'token t' }))
        .status,
    ).toBe(200);
    expect(
      (await get('/repos/acme/shop/deployments', { Accept: 'text/html' }))
        .status,
    ).toBe(415);
    expect(
      (
        await get('/repos/acme/shop/deployments', {
          'X-GitHub-Api-Version': '2001-01-01',
        })
      ).status,
    ).toBe(400);
    // Without a token a private repository is not found, as on GitHub.
    const anonymous = await fetch(`${standIn.url}/repos/acme/shop/deployments`);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it("answers 404 with GitHub's body for an unknown repository", async () => {
    const res = await get('/repos/acme/gone/deployments');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      message: 'Not Found',
      documentation_url:
        'https://docs.github.com/rest/deployments/deployments#list-deployments',
      status: '404',
    });
  });

  it('refuses with 403 and x-ratelimit-remaining 0 once the hourly limit is spent', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    standIn.setRateLimit('t', 1, reset);
    const lastOne = await get('/repos/acme/shop/deployments');
    expect(lastOne.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(lastOne.headers.get('x-ratelimit-used')).toBe('100');
    const refused = await get('/repos/acme/shop/deployments');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset')).toBe(String(reset));
    expect((await refused.json()).message).toMatch(
      /^API rate limit exceeded for /,
    );
  });

  it('answers injected secondary limits and server errors, then recovers', async () => {
    standIn.fault({
      kind: 'secondary',
      status: 429,
      retryAfter: 30,
      match: /deployments/,
    });
    standIn.fault({
      kind: 'server',
      status: 503,
      after: 1,
      match: /deployments/,
    });
    const limited = await get('/repos/acme/shop/deployments');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect((await limited.json()).message).toMatch(/secondary rate limit/);
    expect((await get('/repos/acme/shop/deployments')).status).toBe(200);
    expect((await get('/repos/acme/shop/deployments')).status).toBe(503);
    expect((await get('/repos/acme/shop/deployments')).status).toBe(200);
  });

  it('serves a GitHub Enterprise path prefix', async () => {
    const enterprise = await startGitHubStandIn({
      tokens: ['t'],
      pathPrefix: '/api/v3',
    });
    try {
      enterprise.addRepository('acme/shop');
      expect(enterprise.url).toMatch(/\/api\/v3$/);
      const res = await fetch(`${enterprise.url}/repos/acme/shop/deployments`, {
        headers: { Authorization: 'Bearer t' },
      });
      expect(res.status).toBe(200);
    } finally {
      await enterprise.close();
    }
  });
});
