import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { GithubCredentialsProvider } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EventSourceDeployment,
  EventSourceReadResult,
} from '@operating-model/backstage-plugin-operating-model-node';
import {
  GitHubStandIn,
  startGitHubStandIn,
} from './__testUtils__/gitHubStandIn';
import { MAX_PENDING, readGitHubCursor } from './gitHubCursor';
import { GitHubDeploymentSource } from './GitHubDeploymentSource';

const DAY = 86_400_000;
const now = Date.parse('2026-11-30T12:00:00Z');
const daysAgo = (days: number) => new Date(now - days * DAY).toISOString();

const component = (name: string, slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': slug },
  },
});

/** Reads as the backend's runner does: page after page while `more`, each cursor kept. */
async function run(source: GitHubDeploymentSource, cursor?: string) {
  const pages: EventSourceReadResult[] = [];
  let next = cursor;
  for (let i = 0; i < 1000; i++) {
    const page = await source.read({
      cursor: next,
      signal: new AbortController().signal,
    });
    pages.push(page);
    next = page.cursor;
    if (!page.more) break;
  }
  const deployments = pages.flatMap(p => p.events.deployments ?? []);
  return { pages, deployments, cursor: next };
}

function sourceFor(
  standIn: GitHubStandIn,
  entities: Entity[],
  options: {
    credentials?: GithubCredentialsProvider;
    requestsPerPage?: number;
    initialWindowDays?: number;
    clock?: { now: number };
  } = {},
) {
  const clock = options.clock ?? { now };
  return new GitHubDeploymentSource({
    config: mockServices.rootConfig({
      data: {
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: standIn.url, token: 'x' }],
        },
        operatingModel: {
          sources: {
            github: { initialWindowDays: options.initialWindowDays ?? 365 },
          },
        },
      },
    }),
    logger: mockServices.logger.mock(),
    auth: mockServices.auth(),
    catalog: catalogServiceMock({ entities }),
    requestsPerPage: options.requestsPerPage,
    credentials: options.credentials,
    now: () => new Date(clock.now),
    sleep: async () => {},
  });
}

const ids = (deployments: EventSourceDeployment[]) =>
  deployments.map(d => Number(d.externalId)).sort((a, b) => a - b);

describe('reading page by page', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await startGitHubStandIn({ tokens: ['x'] });
  });
  afterEach(() => standIn.close());

  function deployDaily(slug: string, days: number[]) {
    return days.map(d => {
      const deployment = standIn.addDeployment(slug, {
        createdAt: daysAgo(d),
        committedAt: daysAgo(d + 0.5),
      });
      standIn.addStatus(slug, deployment.id, 'success', daysAgo(d - 0.01));
      return deployment;
    });
  }

  it('follows the deployments list over several pages and stops at the start of the initial window', async () => {
    // 250 deployments over the last 250 days, 150 of them within a 150-day window.
    const all = deployDaily(
      'acme/shop',
      Array.from({ length: 250 }, (_, i) => 250 - i - 0.5),
    );
    const inWindow = all.filter(
      d => Date.parse(d.createdAt) >= now - 150 * DAY,
    );
    expect(inWindow).toHaveLength(150);

    const { deployments, cursor } = await run(
      sourceFor(standIn, [component('shop', 'acme/shop')], {
        initialWindowDays: 150,
        requestsPerPage: 10_000,
      }),
    );
    expect(ids(deployments)).toEqual(inWindow.map(d => d.id));
    // Two pages of the list: the second shows the window's start.
    expect(
      standIn.requests
        .filter(r => r.path.includes('/deployments?'))
        .map(r => r.path),
    ).toEqual([
      '/repos/acme/shop/deployments?environment=production&per_page=100',
      '/repos/acme/shop/deployments?environment=production&per_page=100&page=2',
    ]);
    // Settled down to the newest deployment older than the window: it is never read again.
    expect(readGitHubCursor(cursor).r['acme/shop'].production.n).toBe(
      all.at(-1)!.id,
    );
  });

  it('ends a page when its requests are spent, anywhere in a repository, and goes on from there without reading anything twice', async () => {
    const shop = deployDaily(
      'acme/shop',
      Array.from({ length: 130 }, (_, i) => 130 - i),
    );
    const cart = deployDaily('acme/cart', [3, 2, 1]);
    const { pages, deployments } = await run(
      sourceFor(
        standIn,
        [component('shop', 'acme/shop'), component('cart', 'acme/cart')],
        {
          requestsPerPage: 25,
        },
      ),
    );
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.slice(0, -1).every(p => p.more)).toBe(true);
    expect(ids(deployments)).toEqual([...shop, ...cart].map(d => d.id));
    // Each deployment's statuses and commit once; the list's pages again on each resumed page.
    const statuses = standIn.requests.filter(r => r.path.includes('/statuses'));
    expect(statuses).toHaveLength(133);
    expect(new Set(statuses.map(r => r.path)).size).toBe(133);
    expect(
      standIn.requests.filter(r => r.path.includes('/commits/')),
    ).toHaveLength(133);
    // Every page's mapped count is the run's.
    expect(pages.every(p => p.mapped === 2)).toBe(true);
  });

  it('keeps the cursor bounded: at most MAX_PENDING pending deployments, none older than a week, and no repository that left the catalog', async () => {
    for (let i = 0; i < MAX_PENDING + 5; i++) {
      const d = standIn.addDeployment('acme/shop', {
        createdAt: daysAgo(2 - i / 100),
      });
      standIn.addStatus('acme/shop', d.id, 'in_progress', daysAgo(2 - i / 100));
    }
    const stale = standIn.addDeployment('acme/cart', { createdAt: daysAgo(1) });
    standIn.addStatus('acme/cart', stale.id, 'queued', daysAgo(1));
    const failed = standIn.addDeployment('acme/cart', {
      createdAt: daysAgo(0.5),
    });
    standIn.addStatus('acme/cart', failed.id, 'failure', daysAgo(0.4));
    const clock = { now };
    const entities = [
      component('shop', 'acme/shop'),
      component('cart', 'acme/cart'),
    ];
    const first = await run(sourceFor(standIn, entities, { clock }));
    expect(first.deployments).toEqual([]);
    const state = readGitHubCursor(first.cursor);
    expect(state.run).toBeUndefined();
    expect(state.r['acme/shop'].production.p).toHaveLength(MAX_PENDING);
    // A failed deployment is not waited for; a queued one is.
    expect(state.r['acme/cart'].production.p).toEqual([
      [stale.id, Math.floor(Date.parse(stale.createdAt) / 1000)],
    ]);

    // Eight days on, and acme/shop has left the catalog.
    clock.now = now + 8 * DAY;
    const later = await run(
      sourceFor(standIn, [component('cart', 'acme/cart')], { clock }),
      first.cursor,
    );
    const after = readGitHubCursor(later.cursor);
    expect(Object.keys(after.r)).toEqual(['acme/cart']);
    expect(after.r['acme/cart'].production.p).toBeUndefined();
    expect(later.cursor!.length).toBeLessThan(100);
  });

  it('finishes a run whose remaining repositories left the catalog while it was paused', async () => {
    deployDaily('acme/a', [1]);
    const paused = JSON.stringify({
      v: 1,
      r: {},
      run: { at: now, after: 'acme/m' },
    });
    const page = await sourceFor(standIn, [component('a', 'acme/a')]).read({
      cursor: paused,
      signal: new AbortController().signal,
    });
    expect(page.more).toBe(false);
    expect(readGitHubCursor(page.cursor).run).toBeUndefined();
  });

  it('keeps reporting a repository GitHub did not find on the next run, until that run reads it again', async () => {
    deployDaily('acme/a', [3, 2, 1]);
    const source = sourceFor(
      standIn,
      [component('a', 'acme/a'), component('z', 'acme/zz')],
      { requestsPerPage: 2 },
    );
    const gone = {
      entityRef: 'component:default/z',
      reason: expect.stringMatching(/answered 404 for acme\/zz/),
    };
    const first = await run(source);
    expect(first.pages.at(-1)).toMatchObject({ mapped: 1, unmapped: [gone] });
    deployDaily('acme/a', [0.5, 0.25]);
    const second = await run(source, first.cursor);
    expect(second.pages.length).toBeGreaterThan(1);
    expect(second.pages.every(p => p.mapped === 1)).toBe(true);
    expect(second.pages.every(p => p.unmapped?.length === 1)).toBe(true);

    // The repository appears: the run that reads it maps it.
    standIn.addRepository('acme/zz');
    const third = await run(source, second.cursor);
    expect(third.pages.at(-1)).toMatchObject({ mapped: 2, unmapped: [] });
  });

  it('reports a repository that no GitHub App installation reaches, and reads the others with their own token', async () => {
    deployDaily('acme/a', [1]);
    deployDaily('other/b', [1]);
    deployDaily('third/c', [1]);
    const asked: string[] = [];
    const credentials: GithubCredentialsProvider = {
      async getCredentials({ url }) {
        asked.push(url);
        if (url.includes('/other/')) return { type: 'app' };
        if (url.includes('/third/')) {
          throw new Error(
            'The Backstage GitHub application used in the third organization does not have access to a repository with the name c',
          );
        }
        return {
          type: 'app',
          token: 'x',
          headers: { Authorization: 'Bearer x' },
        };
      },
    };
    const { pages, deployments } = await run(
      sourceFor(
        standIn,
        [
          component('a', 'acme/a'),
          component('b', 'other/b'),
          component('c', 'third/c'),
        ],
        { credentials },
      ),
    );
    expect(deployments.map(d => d.service)).toEqual(['component:default/a']);
    expect(asked).toEqual([
      'https://github.com/acme/a',
      'https://github.com/other/b',
      'https://github.com/third/c',
    ]);
    expect(pages.at(-1)).toMatchObject({
      mapped: 1,
      unmapped: [
        {
          entityRef: 'component:default/b',
          reason:
            'No token or GitHub App installation in integrations.github for github.com gives access to other/b',
        },
        {
          entityRef: 'component:default/c',
          reason:
            'No token or GitHub App installation in integrations.github for github.com gives access to third/c',
        },
      ],
    });
  });

  it('starts afresh from a cursor it cannot read, writing what it writes again as updates', async () => {
    deployDaily('acme/shop', [2, 1]);
    const { deployments } = await run(
      sourceFor(standIn, [component('shop', 'acme/shop')]),
      'not json',
    );
    expect(deployments).toHaveLength(2);
    expect(deployments[0]).toMatchObject({
      service: 'component:default/shop',
      environment: 'production',
      deployer: 'octocat',
      version: 'main',
    });
  });
});
