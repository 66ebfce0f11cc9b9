import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EventSourceReadOptions,
  EventSourceReadResult,
  OperatingModelEventSource,
  operatingModelEventSourcesExtensionPoint,
} from '@operating-model/backstage-plugin-operating-model-node';
import { Knex } from 'knex';
import request from 'supertest';
import { migrate } from '../database';
import { EventStore } from '../events/EventStore';
import { operatingModelPlugin } from '../plugin';
import { testEntities, testOperatingModelConfig } from '../testEntities';
import { postgresMissing, testDatabases } from '../__testUtils__/testDatabases';
import { SourceRunner } from './SourceRunner';
import { SourceStore } from './SourceStore';

jest.setTimeout(60_000);

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

const incident = (id: string, restoredAt: string | null = null) => ({
  externalId: id,
  services: ['component:default/bedroom'],
  title: `Incident ${id}`,
  startedAt: '2026-11-02T10:00:00Z',
  acknowledgedAt: '2026-11-02T10:05:00Z',
  restoredAt,
  severity: 'high',
});

/** A tool with pages of incidents: each read gives the page after the cursor. */
function pagedSource(
  pages: EventSourceReadResult[],
  options: { failOn?: number } = {},
) {
  const reads: Array<string | undefined> = [];
  const tool = { ...options };
  const source: OperatingModelEventSource = {
    id: 'tool',
    kinds: ['incidents'],
    async read({ cursor }: EventSourceReadOptions) {
      reads.push(cursor);
      const index = cursor === undefined ? 0 : Number(cursor);
      if (tool.failOn === index) {
        throw new Error('The tool answered 503 Service Unavailable');
      }
      return pages[index];
    },
  };
  return { source, reads, tool };
}

async function incidentsIn(knex: Knex) {
  const rows = await knex('incidents')
    .select('source', 'external_id', 'restored_at')
    .orderBy('external_id');
  return rows.map(r => ({
    source: r.source,
    id: r.external_id,
    restored: r.restored_at !== null,
  }));
}

describe.each(databases.eachSupportedId())(
  'event sources on %s',
  databaseId => {
    async function setUp(source: OperatingModelEventSource) {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      const store = new SourceStore(knex);
      const onEventsWritten = jest.fn();
      const runner = new SourceRunner({
        knex,
        eventStore: new EventStore(knex),
        store,
        config: mockServices.rootConfig({
          data: { operatingModel: { sources: { tool: {} } } },
        }),
        logger: mockServices.logger.mock(),
        onEventsWritten,
        now: () => new Date('2026-11-03T00:00:00Z'),
      });
      runner.add(source);
      return { knex, store, runner, onEventsWritten };
    }

    it('reads page after page, writing each with its cursor, and starts the next run from it', async () => {
      const pages: EventSourceReadResult[] = [
        { events: { incidents: [incident('a')] }, cursor: '1', more: true },
        {
          events: { incidents: [incident('b', '2026-11-02T11:00:00Z')] },
          cursor: '2',
          mapped: 1,
          unmapped: [
            { entityRef: 'component:default/x', reason: 'unknown id' },
          ],
        },
        { events: {}, cursor: '2' },
      ];
      const { source, reads } = pagedSource(pages);
      const { knex, store, runner, onEventsWritten } = await setUp(source);

      await runner.run('tool');
      expect(reads).toEqual([undefined, '1']);
      expect(await incidentsIn(knex)).toEqual([
        { source: 'tool', id: 'a', restored: false },
        { source: 'tool', id: 'b', restored: true },
      ]);
      expect(await store.get('tool')).toMatchObject({
        cursor: '2',
        eventsWritten: 2,
        lastError: null,
        lastSuccessAt: '2026-11-03T00:00:00.000Z',
        mapped: 1,
        unmapped: [{ entityRef: 'component:default/x', reason: 'unknown id' }],
      });
      expect(onEventsWritten).toHaveBeenCalledTimes(1);

      await runner.run('tool');
      expect(reads).toEqual([undefined, '1', '2']);
    });

    it('updates an event it reads again (the same source and external id), never duplicates it', async () => {
      const pages: EventSourceReadResult[] = [
        { events: { incidents: [incident('a')] }, cursor: '1' },
        {
          events: { incidents: [incident('a', '2026-11-02T12:00:00Z')] },
          cursor: '2',
        },
      ];
      const { source } = pagedSource(pages);
      const { knex, runner } = await setUp(source);
      await runner.run('tool');
      await runner.run('tool');
      expect(await incidentsIn(knex)).toEqual([
        { source: 'tool', id: 'a', restored: true },
      ]);
    });

    it('keeps the cursor of the last page written when a read fails, and goes on from it next time', async () => {
      const pages: EventSourceReadResult[] = [
        { events: { incidents: [incident('a')] }, cursor: '1', more: true },
        { events: { incidents: [incident('b')] }, cursor: '2' },
      ];
      const { source, reads, tool } = pagedSource(pages, { failOn: 1 });
      const { knex, store, runner } = await setUp(source);
      await runner.run('tool');
      expect(await incidentsIn(knex)).toEqual([
        { source: 'tool', id: 'a', restored: false },
      ]);
      expect(await store.get('tool')).toMatchObject({
        cursor: '1',
        lastError: 'The tool answered 503 Service Unavailable',
        lastSuccessAt: null,
      });

      // The tool is back: the next run reads from page 1, not from the start.
      tool.failOn = undefined;
      await runner.run('tool');
      expect(reads).toEqual([undefined, '1', '1']);
      expect(await incidentsIn(knex)).toHaveLength(2);
      expect(await store.get('tool')).toMatchObject({ lastError: null });
    });

    it('refuses a page with an event the ingestion API would refuse, writing none of it', async () => {
      const bad = { ...incident('c'), startedAt: 'yesterday' };
      const pages: EventSourceReadResult[] = [
        { events: { incidents: [incident('b'), bad] }, cursor: '1' },
      ];
      const { source } = pagedSource(pages);
      const { knex, store, runner } = await setUp(source);
      await runner.run('tool');
      expect(await incidentsIn(knex)).toEqual([]);
      const state = await store.get('tool');
      expect(state?.cursor).toBeUndefined();
      expect(state?.lastError).toMatch(
        /^Invalid incidents batch: items\[1\]\.startedAt: expected an ISO 8601 instant/,
      );
    });
  },
);

describe('the event sources extension point', () => {
  it('runs the sources modules add and lists them, configured or not, at GET /sources', async () => {
    const read = jest.fn(
      async (): Promise<EventSourceReadResult> => ({
        events: { incidents: [incident('from-module')] },
        cursor: 'done',
      }),
    );
    const sourcesModule = createBackendModule({
      pluginId: 'operating-model',
      moduleId: 'test-sources',
      register(env) {
        env.registerInit({
          deps: { sources: operatingModelEventSourcesExtensionPoint },
          async init({ sources }) {
            sources.addEventSource(
              { id: 'configured', kinds: ['incidents'], read },
              { id: 'unconfigured', kinds: ['deployments'], read },
            );
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        operatingModelPlugin,
        sourcesModule,
        mockServices.rootConfig.factory({
          data: {
            operatingModel: {
              ...testOperatingModelConfig,
              sources: {
                configured: {
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 5 },
                    initialDelay: { milliseconds: 1 },
                  },
                },
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: testEntities() }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });

    // The test scheduler runs every scheduled task once as the backend starts.
    const sources = async () =>
      (await request(server).get('/api/operating-model/sources')).body.items;
    const [configured, unconfigured] = await sources();
    expect(configured).toMatchObject({
      id: 'configured',
      kinds: ['incidents'],
      enabled: true,
      schedule: { frequency: { minutes: 30 } },
      eventsWritten: 1,
      lastError: null,
    });
    expect(configured.lastSuccessAt).not.toBeNull();
    expect(unconfigured).toMatchObject({
      id: 'unconfigured',
      enabled: false,
      schedule: null,
      lastRunAt: null,
      eventsWritten: 0,
    });
    expect(read).toHaveBeenCalledTimes(1);
  });
});
