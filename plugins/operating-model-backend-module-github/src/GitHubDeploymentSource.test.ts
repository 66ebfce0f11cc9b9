import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { operatingModelEventSourcesExtensionPoint } from '@operating-model/backstage-plugin-operating-model-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the module in the plugin it extends
import operatingModelPlugin from '@operating-model/backstage-plugin-operating-model-backend';
import request from 'supertest';
import {
  GitHubStandIn,
  startGitHubStandIn,
} from './__testUtils__/gitHubStandIn';
import {
  GitHubDeploymentSource,
  GitHubDeploymentSourceOptions,
} from './GitHubDeploymentSource';
import gitHubModule from '.';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const TASK = 'operating-model-source-github';
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();

function component(name: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: slug ? { 'github.com/project-slug': slug } : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'bedroom-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/bedroom-team' }],
  };
}

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'bedroom-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A deployment that succeeded `pipelineHours` after it was created, its commit `leadHours` before that. */
function deploy(
  standIn: GitHubStandIn,
  slug: string,
  hoursAgo: number,
  options: {
    leadHours?: number;
    pipelineHours?: number;
    environment?: string;
    success?: boolean;
    ref?: string;
  } = {},
) {
  const d = standIn.addDeployment(slug, {
    createdAt: at(hoursAgo),
    committedAt: at(hoursAgo + (options.leadHours ?? 2)),
    environment: options.environment,
    ref: options.ref ?? `v${hoursAgo}`,
  });
  standIn.addStatus(slug, d.id, 'in_progress', at(hoursAgo - 0.1));
  if (options.success !== false) {
    standIn.addStatus(
      slug,
      d.id,
      'success',
      at(hoursAgo - (options.pipelineHours ?? 1)),
    );
  }
  return d;
}

/** The backend plugin, this module (or a test copy of it with short waits), and a way to run it again. */
async function startBackend(options: {
  standIn: GitHubStandIn;
  entities: Entity[];
  source?: Partial<GitHubDeploymentSourceOptions>;
  github?: Record<string, unknown>;
  integration?: Record<string, unknown> | null;
  configured?: boolean;
}) {
  let scheduler: SchedulerService | undefined;
  const schedulerCapture = createBackendModule({
    pluginId: 'operating-model',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { s: coreServices.scheduler },
        async init({ s }) {
          scheduler = s;
        },
      });
    },
  });
  const sleeps: number[] = [];
  const testModule = createBackendModule({
    pluginId: 'operating-model',
    moduleId: 'github-test',
    register(env) {
      env.registerInit({
        deps: {
          sources: operatingModelEventSourcesExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          deps.sources.addEventSource(
            new GitHubDeploymentSource({
              ...deps,
              sleep: async ms => {
                sleeps.push(ms);
              },
              ...options.source,
            }),
          );
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      operatingModelPlugin,
      options.source ? testModule : gitHubModule,
      schedulerCapture,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github:
              options.integration === null
                ? []
                : [
                    {
                      host: 'github.com',
                      apiBaseUrl: options.standIn.url,
                      token: 'x',
                      ...options.integration,
                    },
                  ],
          },
          operatingModel: {
            sources:
              options.configured === false
                ? {}
                : {
                    github: {
                      schedule: {
                        frequency: { minutes: 15 },
                        timeout: { minutes: 5 },
                        initialDelay: { milliseconds: 1 },
                      },
                      ...options.github,
                    },
                  },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [team, ...options.entities] }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  return {
    server,
    sleeps,
    runAgain: () => scheduler!.triggerTask(TASK),
    source: async () => {
      const res = await request(server).get('/api/operating-model/sources');
      return res.body.items.find((s: { id: string }) => s.id === 'github');
    },
    measures: async (name: string) =>
      (
        await request(server).get(
          `/api/operating-model/measures/component/default/${name}`,
        )
      ).body,
  };
}

describe('the GitHub deployments source, through the backend plugin', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await startGitHubStandIn({ tokens: ['x'] });
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('reads the production deployments of each Component on the first run, reports the ones it cannot map, and makes lead time commit to production', async () => {
    deploy(standIn, 'acme/bedroom', 50, { leadHours: 2, pipelineHours: 1 });
    deploy(standIn, 'acme/bedroom', 30, { leadHours: 4, pipelineHours: 1 });
    deploy(standIn, 'acme/bedroom', 10, { leadHours: 6, pipelineHours: 2 });
    // Not production, and not yet successful: neither is written.
    deploy(standIn, 'acme/bedroom', 20, { environment: 'staging' });
    deploy(standIn, 'acme/bedroom', 1, { success: false });

    const backend = await startBackend({
      standIn,
      entities: [
        component('bedroom', 'acme/bedroom'),
        component('living-room', 'acme/no-such-repo'),
        component('kitchen', 'not a slug'),
        component('hallway'),
      ],
    });

    const source = await backend.source();
    expect(source).toMatchObject({
      id: 'github',
      kinds: ['deployments'],
      enabled: true,
      eventsWritten: 3,
      lastError: null,
      mapped: 1,
    });
    expect(source.unmapped).toEqual([
      {
        entityRef: 'component:default/kitchen',
        reason: 'github.com/project-slug "not a slug" is not owner/repo',
      },
      {
        entityRef: 'component:default/living-room',
        reason:
          'GitHub (github.com) answered 404 for acme/no-such-repo: no such repository, or the credentials cannot see it',
      },
    ]);

    const measures = await backend.measures('bedroom');
    expect(measures.deploymentFrequency.count).toBe(3);
    // Commit to success: 2 + 1, 4 + 1 and 6 + 2 hours; the median is 5 hours.
    expect(measures.leadTimeDays).toMatchObject({ count: 3 });
    expect(measures.leadTimeDays.median * 24).toBeCloseTo(5, 5);

    // GitHub's recommended headers on every request, and the token from integrations.github.
    for (const r of standIn.requests) {
      expect(r.authorization).toBe('Bearer x');
      expect(r.accept).toBe('application/vnd.github+json');
      expect(r.apiVersion).toBe('2022-11-28');
    }
    expect(standIn.requests.map(r => `${r.status} ${r.path}`)).toEqual(
      expect.arrayContaining([
        '200 /repos/acme/bedroom/deployments?environment=production&per_page=100',
        '404 /repos/acme/no-such-repo/deployments?environment=production&per_page=100',
      ]),
    );
  });

  it('reads again with ETags: an unchanged repository costs only 304s, and a new deployment and a late success are all that is fetched', async () => {
    deploy(standIn, 'acme/bedroom', 40);
    const late = deploy(standIn, 'acme/bedroom', 3, { success: false });
    const backend = await startBackend({
      standIn,
      entities: [component('bedroom', 'acme/bedroom')],
    });
    expect(await backend.source()).toMatchObject({ eventsWritten: 1 });

    // Nothing changed: the deployments list and the pending deployment's statuses answer 304.
    const before = standIn.requests.length;
    const charged = standIn.charged;
    await backend.runAgain();
    const second = standIn.requests.slice(before);
    expect(second.map(r => `${r.status} ${r.path}`)).toEqual([
      `304 /repos/acme/bedroom/deployments/${late.id}/statuses?per_page=100`,
      '304 /repos/acme/bedroom/deployments?environment=production&per_page=100',
    ]);
    expect(second.every(r => r.ifNoneMatch?.startsWith('W/"'))).toBe(true);
    expect(standIn.charged).toBe(charged);

    // The pending deployment succeeds and a new one is made: only they are read.
    standIn.addStatus('acme/bedroom', late.id, 'success', at(2.5));
    const fresh = deploy(standIn, 'acme/bedroom', 1, { pipelineHours: 0.5 });
    const third = standIn.requests.length;
    await backend.runAgain();
    expect(
      standIn.requests.slice(third).map(r => `${r.status} ${r.path}`),
    ).toEqual([
      `200 /repos/acme/bedroom/deployments/${late.id}/statuses?per_page=100`,
      `200 /repos/acme/bedroom/deployments/${late.id}`,
      `200 /repos/acme/bedroom/commits/${late.sha}`,
      '200 /repos/acme/bedroom/deployments?environment=production&per_page=100',
      `200 /repos/acme/bedroom/deployments/${fresh.id}/statuses?per_page=100`,
      `200 /repos/acme/bedroom/commits/${fresh.sha}`,
    ]);
    expect(await backend.source()).toMatchObject({
      eventsWritten: 3,
      lastError: null,
    });
    expect((await backend.measures('bedroom')).deploymentFrequency.count).toBe(
      3,
    );
  });

  it('waits out a secondary rate limit (403, then 429, with retry-after) and goes on', async () => {
    deploy(standIn, 'acme/bedroom', 12);
    deploy(standIn, 'acme/bedroom', 6);
    standIn.fault({
      kind: 'secondary',
      status: 403,
      retryAfter: 3,
      match: /\/statuses/,
    });
    standIn.fault({
      kind: 'secondary',
      status: 429,
      retryAfter: 7,
      match: /\/commits\//,
    });
    const backend = await startBackend({
      standIn,
      entities: [component('bedroom', 'acme/bedroom')],
      source: {},
    });
    expect(backend.sleeps).toEqual([3000, 7000]);
    expect(await backend.source()).toMatchObject({
      eventsWritten: 2,
      lastError: null,
    });
    expect(
      standIn.requests.filter(r => r.status === 403 || r.status === 429),
    ).toHaveLength(2);
  });

  it('writes nothing of a page that a 5xx interrupts, keeps the pages before it, and the next run completes', async () => {
    for (const repo of ['a', 'b', 'c']) {
      for (const hoursAgo of [30, 20, 10])
        deploy(standIn, `acme/${repo}`, hoursAgo);
    }
    // acme/c's second statuses answer 502 more often than the retries allow, after its first
    // deployment was read in the same page.
    standIn.fault({
      kind: 'server',
      status: 502,
      after: 1,
      times: 4,
      match: /acme\/c\/deployments\/\d+\/statuses/,
    });
    const backend = await startBackend({
      standIn,
      entities: ['a', 'b', 'c'].map(r =>
        component(`service-${r}`, `acme/${r}`),
      ),
      source: {
        requestsPerPage: 4,
        policy: { serverErrorBackoffMs: 10, serverErrorRetries: 3 },
      },
    });
    const failed = await backend.source();
    expect(failed.lastError).toMatch(
      /^GitHub GET \/repos\/acme\/c\/deployments\/\d+\/statuses\?per_page=100 answered 502 Bad Gateway, 4 times$/,
    );
    expect(failed.lastSuccessAt).toBeNull();
    expect(
      (await backend.measures('service-a')).deploymentFrequency.count,
    ).toBe(3);
    expect(
      (await backend.measures('service-c')).deploymentFrequency.count,
    ).toBe(0);
    expect(backend.sleeps).toEqual([10, 20, 40]);
    const writtenBefore = failed.eventsWritten;

    expect(writtenBefore).toBe(6);

    const before = standIn.requests.length;
    await backend.runAgain();
    const recovered = await backend.source();
    expect(recovered).toMatchObject({ lastError: null, eventsWritten: 9 });
    for (const name of ['service-a', 'service-b', 'service-c']) {
      expect((await backend.measures(name)).deploymentFrequency.count).toBe(3);
    }
    // The run went on from the last page written: only acme/c was read again.
    expect(
      standIn.requests
        .slice(before)
        .every(r => r.path.startsWith('/repos/acme/c/')),
    ).toBe(true);
  });

  it('stops the run at a primary rate limit that resets later than it waits, and the next run goes on', async () => {
    for (const repo of ['a', 'b']) {
      for (const hoursAgo of [30, 20])
        deploy(standIn, `acme/${repo}`, hoursAgo);
    }
    // Five requests left this hour: enough for acme/a (a list, two statuses, two commits).
    standIn.setRateLimit('x', 5, Math.floor(now / 1000) + 1800);
    let clock = 0;
    const backend = await startBackend({
      standIn,
      entities: [
        component('service-a', 'acme/a'),
        component('service-b', 'acme/b'),
      ],
      source: { now: () => new Date(Date.now() + clock) },
    });
    const stopped = await backend.source();
    expect(stopped).toMatchObject({ lastError: null, eventsWritten: 2 });
    expect(
      (await backend.measures('service-b')).deploymentFrequency.count,
    ).toBe(0);
    // The fifth answer said x-ratelimit-remaining: 0: it sent nothing more, so nothing was refused.
    expect(standIn.requests).toHaveLength(5);
    expect(standIn.requests.filter(r => r.status === 403)).toHaveLength(0);

    // Half an hour later the limit has reset.
    clock = 1800_000;
    standIn.setRateLimit('x', 5000);
    const before = standIn.requests.length;
    await backend.runAgain();
    expect(
      (await backend.measures('service-b')).deploymentFrequency.count,
    ).toBe(2);
    expect(
      standIn.requests
        .slice(before)
        .some(r => r.path.startsWith('/repos/acme/a/')),
    ).toBe(false);
  });

  it('uses the commit time the deployed sha has, or the deploy time when the commit is after it', async () => {
    const skewed = standIn.addDeployment('acme/bedroom', {
      createdAt: at(5),
      committedAt: at(3),
    });
    standIn.addStatus('acme/bedroom', skewed.id, 'success', at(4));
    const backend = await startBackend({
      standIn,
      entities: [component('bedroom', 'acme/bedroom')],
    });
    const measures = await backend.measures('bedroom');
    expect(measures.leadTimeDays).toMatchObject({ count: 1, median: 0 });
  });

  it('does nothing unless operatingModel.sources.github is configured: the source is listed as off', async () => {
    deploy(standIn, 'acme/bedroom', 5);
    const backend = await startBackend({
      standIn,
      entities: [component('bedroom', 'acme/bedroom')],
      configured: false,
    });
    expect(await backend.source()).toMatchObject({
      id: 'github',
      enabled: false,
      schedule: null,
      lastRunAt: null,
      eventsWritten: 0,
    });
    expect(standIn.requests).toHaveLength(0);
  });

  it('reports every Component unmapped, and reads nothing, when the integration has no credentials', async () => {
    deploy(standIn, 'acme/bedroom', 5);
    const backend = await startBackend({
      standIn,
      entities: [component('bedroom', 'acme/bedroom')],
      integration: { token: undefined },
    });
    expect(await backend.source()).toMatchObject({
      eventsWritten: 0,
      lastError: null,
      mapped: 0,
      unmapped: [
        {
          entityRef: 'component:default/bedroom',
          reason:
            'integrations.github for github.com has neither a token nor a GitHub App, so acme/bedroom cannot be read',
        },
      ],
    });
    expect(standIn.requests).toHaveLength(0);
  });

  it('reads a GitHub Enterprise host through its integration and apiBaseUrl', async () => {
    const enterprise = await startGitHubStandIn({
      tokens: ['ghes'],
      pathPrefix: '/api/v3',
    });
    try {
      deploy(enterprise, 'platform/bedroom', 5);
      const backend = await startBackend({
        standIn: enterprise,
        entities: [component('bedroom', 'platform/bedroom')],
        github: {
          host: 'github.example.com',
          productionEnvironments: ['production', 'prod-eu'],
        },
        integration: { host: 'github.example.com', token: 'ghes' },
      });
      expect(await backend.source()).toMatchObject({
        eventsWritten: 1,
        mapped: 1,
        lastError: null,
      });
      expect(enterprise.requests.map(r => r.path)).toContain(
        '/api/v3/repos/platform/bedroom/deployments?environment=prod-eu&per_page=100',
      );
    } finally {
      await enterprise.close();
    }
  });
});
