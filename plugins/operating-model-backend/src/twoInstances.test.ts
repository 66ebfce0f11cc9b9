import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { operatingModelPlugin } from './plugin';
import { testEntities, testOperatingModelConfig } from './testEntities';
import { postgresMissing, testDatabases } from './__testUtils__/testDatabases';

/**
 * Two instances of the real backend plugin on one PostgreSQL database, as two replicas of a
 * Backstage backend would run: each with its own connection pool and its own (real) scheduler,
 * the same catalog. PostgreSQL only: SQLite databases cannot be shared between processes.
 */

jest.setTimeout(120_000);

const databases = testDatabases(['POSTGRES_15']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

const RECORD_SHIFTS = 'operating-model-record-shifts';
const TASKS_TABLE = 'backstage_backend_tasks__tasks';

/** Polls `check` until it returns a value other than undefined, or fails after `limitMs`. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  limitMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${limitMs} ms waiting for ${what}${
          last ? `: ${last}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

interface Run {
  instance: string;
  startedAt: number;
  endedAt?: number;
}

/**
 * Backstage's own scheduler (`DefaultSchedulerService`, what `@backstage/backend-defaults`
 * installs), rather than the test backend's mock, which runs every task on every instance. It
 * keeps global tasks in the plugin's database, so both instances share one task table and
 * compete for each run through it. The only changes: the shift-recording task's function is
 * wrapped to note which instance ran it, and its initial delay is cut from 30 s to 1 s so that
 * the test need not wait; id, scope, frequency and timeout go through as the plugin gave them.
 */
function recordingScheduler(
  instance: string,
  runs: Run[],
  registered: string[],
  handle: { scheduler?: SchedulerService },
) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {
      database: coreServices.database,
      logger: coreServices.logger,
      rootLifecycle: coreServices.rootLifecycle,
      httpRouter: coreServices.httpRouter,
      pluginMetadata: coreServices.pluginMetadata,
      metrics: metricsServiceRef,
    },
    async factory(deps) {
      const real = DefaultSchedulerService.create(deps);
      const wrap = (
        task: SchedulerServiceTaskScheduleDefinition &
          SchedulerServiceTaskInvocationDefinition,
      ): SchedulerServiceTaskScheduleDefinition &
        SchedulerServiceTaskInvocationDefinition => {
        if (task.id !== RECORD_SHIFTS) return task;
        registered.push(`${instance}:${task.scope ?? 'global'}`);
        return {
          ...task,
          initialDelay: { seconds: 1 },
          fn: async signal => {
            const run: Run = { instance, startedAt: Date.now() };
            runs.push(run);
            try {
              await task.fn(signal);
            } finally {
              run.endedAt = Date.now();
            }
          },
        };
      };
      const scheduler: SchedulerService = {
        triggerTask: id => real.triggerTask(id),
        cancelTask: id => real.cancelTask(id),
        scheduleTask: task => real.scheduleTask(wrap(task)),
        createScheduledTaskRunner: schedule => ({
          run: task => real.scheduleTask(wrap({ ...task, ...schedule })),
        }),
        getScheduledTasks: () => real.getScheduledTasks(),
      };
      handle.scheduler = scheduler;
      return scheduler;
    },
  });
}

const bearer = (user: string) => ({
  Authorization: mockCredentials.user.header(`user:default/${user}`),
});

(databases.supports('POSTGRES_15') ? describe : describe.skip)(
  'two instances on one PostgreSQL',
  () => {
    const runs: Run[] = [];
    const registered: string[] = [];
    /** When each instance's scheduler last asked the shared task table which tasks are ready. */
    const polls: Record<string, number[]> = { one: [], two: [] };
    let knexOne: Knex;
    let knexTwo: Knex;
    const instances: Record<
      string,
      {
        server: any;
        stop: () => Promise<void>;
        handle: { scheduler?: SchedulerService };
      }
    > = {};

    async function startInstance(instance: string, knex: Knex) {
      knex.on('query', (query: { sql?: string }) => {
        // TaskStatePoller's readiness query: `select ... CASE WHEN next_run_start_at <= ... from backstage_backend_tasks__tasks`.
        if (
          query.sql?.includes(TASKS_TABLE) &&
          /case\s+when\s+next_run_start_at/i.test(query.sql)
        ) {
          polls[instance].push(Date.now());
        }
      });
      const handle: { scheduler?: SchedulerService } = {};
      const backend = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: testEntities() }),
          recordingScheduler(instance, runs, registered, handle),
        ],
      });
      instances[instance] = {
        server: backend.server,
        stop: () => backend.stop(),
        handle,
      };
    }

    beforeAll(async () => {
      knexOne = await databases.init('POSTGRES_15');
      // A pool of its own on the same database, as a second replica would have.
      const connection = knexOne.client.config
        .connection as Knex.PgConnectionConfig;
      knexTwo = knexFactory({
        client: 'pg',
        // Knex keeps the password out of the enumerable settings, so it is copied by name.
        connection: { ...connection, password: connection.password },
        pool: { min: 0, max: 10 },
      });
      // One after the other: both run the plugin's and the scheduler's migrations at start-up.
      await startInstance('one', knexOne);
      await startInstance('two', knexTwo);
    });

    afterAll(async () => {
      await instances.one?.stop();
      await instances.two?.stop();
      await knexTwo?.destroy();
    });

    const DAY = 86_400_000;
    const hour = (ms: number) =>
      new Date(Math.floor(ms / 3_600_000) * 3_600_000);

    it('answers an override made through one instance from the other on its next read', async () => {
      const now = Date.now();
      const start = hour(now + 2 * DAY);
      const end = new Date(start.getTime() + DAY);
      const window = `from=${encodeURIComponent(
        hour(now).toISOString(),
      )}&to=${encodeURIComponent(
        new Date(hour(now).getTime() + 10 * DAY).toISOString(),
      )}`;
      const schedule = (instance: string) =>
        request(instances[instance].server)
          .get(
            `/api/operating-model/schedules/group/default/bedroom-team?${window}`,
          )
          .set(bearer('alice'));
      const overrideShift = expect.objectContaining({
        person: 'user:default/dan',
        start: start.toISOString(),
        end: end.toISOString(),
        override: true,
      });

      // Instance two reads first, so anything it kept from that read would show below.
      const before = await schedule('two');
      expect(before.status).toBe(200);
      expect(before.body.shifts).not.toContainEqual(overrideShift);

      const created = await request(instances.one.server)
        .post(
          '/api/operating-model/schedules/group/default/bedroom-team/overrides',
        )
        .set(bearer('alice'))
        .send({
          person: 'user:default/dan',
          start: start.toISOString(),
          end: end.toISOString(),
          reason: 'swap',
        });
      expect(created.status).toBe(201);

      const after = await schedule('two');
      expect(after.status).toBe(200);
      expect(after.body.shifts).toContainEqual(overrideShift);

      // And the other way round: removed through two, gone from one's next read.
      const removed = await request(instances.two.server)
        .delete(
          `/api/operating-model/schedules/group/default/bedroom-team/overrides/${created.body.id}`,
        )
        .set(bearer('bob'));
      expect(removed.status).toBe(204);
      const afterRemoval = await schedule('one');
      expect(afterRemoval.status).toBe(200);
      expect(afterRemoval.body.shifts).not.toContainEqual(overrideShift);
    });

    it('runs the global shift-recording task on one instance only', async () => {
      // How this is observed: both instances register the task with Backstage's real scheduler,
      // which keeps it in one row of the shared task table. Each run is claimed by an atomic
      // UPDATE of that row, and on release the next run is put 5 minutes ahead. The wrapped task
      // function notes which instance ran it; the row tells when a run has ended. After the first
      // run (due 1 s after start) the test triggers two more, one through each instance, waiting
      // for each to end. After the last one it waits until both instances' schedulers have polled
      // the table again: a worker only polls again once any claim it was about to make is over,
      // so by then a second run of the same turn would have been noted. Then there must be
      // exactly one run per turn, never two at once.
      expect(registered.sort()).toEqual(['one:global', 'two:global']);

      const row = async () =>
        (await knexOne(TASKS_TABLE).where({ id: RECORD_SHIFTS }).first()) as
          | {
              current_run_ticket: string | null;
              last_run_ended_at: Date | string | null;
            }
          | undefined;
      const endedAt = (value: Date | string | null | undefined) =>
        value ? new Date(value).getTime() : 0;
      const idleAfter = (previousEnd: number) =>
        eventually(`a run of ${RECORD_SHIFTS} to end`, async () => {
          const current = await row();
          if (
            current &&
            !current.current_run_ticket &&
            endedAt(current.last_run_ended_at) > previousEnd
          ) {
            return endedAt(current.last_run_ended_at);
          }
          return undefined;
        });

      let lastEnd = await idleAfter(0);
      expect(runs).toHaveLength(1);
      for (const through of ['two', 'one']) {
        await instances[through].handle.scheduler!.triggerTask(RECORD_SHIFTS);
        lastEnd = await idleAfter(lastEnd);
      }
      const seenIdle = Date.now();
      await eventually(
        'both instances to poll the task table again',
        async () =>
          polls.one.some(t => t > seenIdle) && polls.two.some(t => t > seenIdle)
            ? true
            : undefined,
      );

      expect(
        runs.map(r => r.instance).every(i => i === 'one' || i === 'two'),
      ).toBe(true);
      expect(runs).toHaveLength(3);
      const sorted = [...runs].sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i].startedAt).toBeGreaterThanOrEqual(
          sorted[i - 1].endedAt!,
        );
      }
    });

    it('answers the same GET /services from both instances', async () => {
      const services = (instance: string) =>
        request(instances[instance].server).get(
          '/api/operating-model/services?at=2026-11-02T12:00:00Z',
        );
      // Each instance reads the catalog on its own refresh (the first 1 s after start, then every
      // 30 s), so allow more than one interval for both to have read it.
      const [one, two] = await eventually(
        'both instances to answer the same /services',
        async () => {
          const answers = await Promise.all([services('one'), services('two')]);
          return answers.every(a => a.status === 200) &&
            JSON.stringify(answers[0].body) === JSON.stringify(answers[1].body)
            ? answers
            : undefined;
        },
        45_000,
      );
      expect(one.body.items.length).toBeGreaterThan(0);
      expect(two.body).toEqual(one.body);
    });
  },
);
