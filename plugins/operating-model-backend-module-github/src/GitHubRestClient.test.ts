import {
  GitHubStandIn,
  startGitHubStandIn,
} from './__testUtils__/gitHubStandIn';
import {
  DEFAULT_REQUEST_POLICY,
  GitHubRestClient,
  nextLink,
  RateLimitStop,
} from './GitHubRestClient';

describe('nextLink', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    [
      '<https://api.github.com/repositories/1/deployments?page=2>; rel="next", <https://api.github.com/repositories/1/deployments?page=5>; rel="last"',
      'https://api.github.com/repositories/1/deployments?page=2',
    ],
    [
      '<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next"',
      'https://x/a?page=3',
    ],
    [
      '<https://x/a?page=1>; rel="first", <https://x/a?page=1>; rel="prev"',
      undefined,
    ],
    ['<https://x/a?page=9>; rel="last"', undefined],
  ])('reads the next page of %j', (link, next) => {
    expect(nextLink(link)).toBe(next);
  });
});

describe('GitHubRestClient against the stand-in', () => {
  let standIn: GitHubStandIn;
  const sleeps: number[] = [];
  let clock = Date.now();
  // What time passing does to the stand-in, whose own clock is real.
  let whileAsleep = () => {};
  const client = (policy = {}) =>
    new GitHubRestClient(
      standIn.url,
      { ...DEFAULT_REQUEST_POLICY, serverErrorBackoffMs: 5, ...policy },
      {
        now: () => clock,
        sleep: async ms => {
          sleeps.push(ms);
          clock += ms;
          whileAsleep();
        },
      },
    );
  const signal = new AbortController().signal;

  beforeEach(async () => {
    standIn = await startGitHubStandIn({ tokens: ['t'] });
    sleeps.length = 0;
    clock = Date.now();
    whileAsleep = () => {};
    for (let i = 0; i < 150; i++) {
      standIn.addDeployment('acme/shop', {
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      });
    }
  });
  afterEach(() => standIn.close());

  it('follows the Link header page by page, newest first, and answers 304 to a matching ETag', async () => {
    const c = client();
    const first = await c.get('/repos/acme/shop/deployments?per_page=100', {
      token: 't',
      signal,
    });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(100);
    expect(first.next).toBe(
      `${standIn.url}/repos/acme/shop/deployments?per_page=100&page=2`,
    );
    const ids = (first.body as Array<{ id: number }>).map(d => d.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const second = await c.get(first.next!, { token: 't', signal });
    expect(second.body).toHaveLength(50);
    expect(second.next).toBeUndefined();

    const again = await c.get('/repos/acme/shop/deployments?per_page=100', {
      token: 't',
      etag: first.etag,
      signal,
    });
    expect(again.status).toBe(304);
    expect(c.counts).toMatchObject({ sent: 3, notModified: 1 });
    expect(standIn.charged).toBe(2);
  });

  it('waits for the reset of a spent primary limit when it is near, and retries', async () => {
    standIn.setRateLimit('t', 0, Math.floor(clock / 1000) + 20);
    whileAsleep = () => standIn.setRateLimit('t', 5000);
    const answer = await client().get('/repos/acme/shop/deployments', {
      token: 't',
      signal,
    });
    expect(answer.status).toBe(200);
    expect(standIn.requests.map(r => r.status)).toEqual([403, 200]);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(19_000);
    expect(sleeps[0]).toBeLessThanOrEqual(22_000);
  });

  it('stops when the primary limit is still spent after its reset (as a clock out of step would have it)', async () => {
    standIn.setRateLimit('t', 0, Math.floor(clock / 1000) + 5);
    await expect(
      client().get('/repos/acme/shop/deployments', { token: 't', signal }),
    ).rejects.toBeInstanceOf(RateLimitStop);
    expect(sleeps.length).toBeLessThanOrEqual(3);
  });

  it('stops, rather than waits, for a primary limit that resets later than the policy allows', async () => {
    standIn.setRateLimit('t', 0, Math.floor(clock / 1000) + 3600);
    await expect(
      client().get('/repos/acme/shop/deployments', { token: 't', signal }),
    ).rejects.toBeInstanceOf(RateLimitStop);
    expect(sleeps).toEqual([]);
  });

  it('retries a secondary limit after retry-after, and one without it after a minute, doubled for each limit before it', async () => {
    standIn.fault({ kind: 'secondary', status: 429, retryAfter: 2 });
    standIn.fault({ kind: 'secondary', status: 403 });
    const answer = await client({ maxWaitMs: 120_000 }).get(
      '/repos/acme/shop/deployments',
      { token: 't', signal },
    );
    expect(answer.status).toBe(200);
    expect(sleeps).toEqual([2000, 120_000]);
  });

  it('retries a 5xx with a doubling backoff, then fails naming the request', async () => {
    standIn.fault({ kind: 'server', status: 503, times: 2 });
    expect(
      (
        await client().get('/repos/acme/shop/deployments', {
          token: 't',
          signal,
        })
      ).status,
    ).toBe(200);
    expect(sleeps).toEqual([5, 10]);

    standIn.fault({ kind: 'server', status: 500, times: 10 });
    await expect(
      client().get('/repos/acme/shop/deployments', { token: 't', signal }),
    ).rejects.toThrow(
      'GitHub GET /repos/acme/shop/deployments answered 500 Internal Server Error, 4 times',
    );
  });

  it('fails on bad credentials, and never sends the token outside the API base URL', async () => {
    await expect(
      client().get('/repos/acme/shop/deployments', { token: 'wrong', signal }),
    ).rejects.toThrow(
      'GitHub GET /repos/acme/shop/deployments answered 401 Bad credentials: check the token or GitHub App in integrations.github',
    );
    await expect(
      client().get('https://elsewhere.example/repos/acme/shop/deployments', {
        token: 't',
        signal,
      }),
    ).rejects.toThrow(/outside/);
    expect(standIn.requests).toHaveLength(1);
  });

  it('answers 404 for an unknown repository for the caller to report', async () => {
    const answer = await client().get('/repos/acme/gone/deployments', {
      token: 't',
      signal,
    });
    expect(answer).toMatchObject({
      status: 404,
      body: { message: 'Not Found' },
    });
  });

  it('stops waiting when the read is aborted', async () => {
    standIn.fault({ kind: 'secondary', status: 429, retryAfter: 30 });
    const controller = new AbortController();
    const real = new GitHubRestClient(standIn.url);
    const answer = real.get('/repos/acme/shop/deployments', {
      token: 't',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('The run timed out')), 50);
    await expect(answer).rejects.toThrow('The run timed out');
  });
});
