import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { migrate } from '../database';
import { postgresMissing, testDatabases } from '../__testUtils__/testDatabases';
import { EventStore, EventWindow, sumOfCounts } from './EventStore';
import { readEventBatch } from './eventSchemas';
import { mockServices } from '@backstage/backend-test-utils';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { MeasureSeries } from '../measures/MeasureSeries';
import { LOCKSTEP_SQL, MS_PER_DAY, wholeDays, windowEdges } from './rollups';

jest.setTimeout(120_000);

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

/** mulberry32: the same events on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.parse('2026-09-01T00:00:00Z');
const DAYS = 12;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Batches of deployments and availability, many of them rewriting events written before (same
 * source and external id, other service, time, environment, release or counts), some naming an
 * event twice, with release and change-request ids shared between services so that lockstep
 * comes and goes.
 */
function* batches(seed: number) {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(rnd() * items.length)];
  const services = ['a', 'b', 'c', 'd', 'e'];
  const at = () => START + Math.floor(rnd() * DAYS * MS_PER_DAY);
  for (let b = 0; b < 14; b++) {
    const deployments = Array.from(
      { length: 1 + Math.floor(rnd() * 40) },
      () => {
        const deployTime = at();
        return {
          source: pick(['pipeline', 'github']),
          externalId: `dep-${Math.floor(rnd() * 60)}`,
          service: pick(services),
          environment: rnd() < 0.8 ? 'production' : 'Staging',
          buildTime: iso(deployTime - Math.floor(rnd() * 3 * MS_PER_DAY)),
          deployTime: iso(deployTime),
          releaseId: rnd() < 0.4 ? `rel-${Math.floor(rnd() * 6)}` : null,
          changeRequestId: rnd() < 0.3 ? `CHG-${Math.floor(rnd() * 6)}` : null,
          standardChange: rnd() < 0.5,
        };
      },
    );
    yield readEventBatch('deployments', { items: deployments });
    const availability = Array.from(
      { length: 1 + Math.floor(rnd() * 60) },
      () => {
        const start = at();
        const total = Math.floor(rnd() * 5000);
        return {
          source: pick(['prometheus', 'datadog']),
          externalId: `int-${Math.floor(rnd() * 120)}`,
          service: pick(services),
          start: iso(start),
          end: iso(start + 60_000 + Math.floor(rnd() * 3_600_000)),
          good: Math.floor(total * rnd()),
          total,
        };
      },
    );
    yield readEventBatch('availability', { items: availability });
  }
}

const byService = <T extends { service: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.service < b.service ? -1 : 1));

/** The answers as they were before the rollups: aggregates over every raw row in the window. */
async function rawDeploymentTotals(knex: Knex, window: EventWindow) {
  const rows = await knex('deployments as d')
    .select('d.service_ref as service')
    .select(knex.raw('count(*) as n'))
    .select(knex.raw('sum(case when d.standard_change then 1 else 0 end) as s'))
    .select(knex.raw(`sum(${LOCKSTEP_SQL}) as l`))
    .where('d.environment', 'production')
    .where('d.deployed_at', '>=', window.from)
    .where('d.deployed_at', '<', window.to)
    .groupBy('d.service_ref');
  return byService(
    rows.map((r: any) => ({
      service: String(r.service),
      count: Number(r.n),
      standard: Number(r.s),
      inLockstep: Number(r.l),
    })),
  );
}

async function rawAvailabilityTotals(knex: Knex, window: EventWindow) {
  const rows = await knex('availability_intervals')
    .select('service_ref as service')
    .select(
      knex.raw(
        `${sumOfCounts(knex, 'good')} as good, ${sumOfCounts(
          knex,
          'total',
        )} as total, count(*) as n`,
      ),
    )
    .where('start_at', '>=', window.from)
    .where('start_at', '<', window.to)
    .groupBy('service_ref');
  return byService(
    rows.map((r: any) => ({
      service: String(r.service),
      good: Number(r.good),
      total: Number(r.total),
      count: Number(r.n),
    })),
  );
}

async function rawSources(knex: Knex, window: EventWindow) {
  const deployments = await knex('deployments')
    .distinct('service_ref as service', 'source')
    .where('environment', 'production')
    .where('deployed_at', '>=', window.from)
    .where('deployed_at', '<', window.to);
  const availability = await knex('availability_intervals')
    .distinct('service_ref as service', 'source')
    .where('start_at', '>=', window.from)
    .where('start_at', '<', window.to);
  return [
    ...deployments.map((r: any) => `deployments ${r.service} ${r.source}`),
    ...availability.map((r: any) => `availability ${r.service} ${r.source}`),
  ].sort();
}

/** The rollup tables as a fresh backfill would make them, and as they are, without empty rows. */
async function rollupsFromRaw(knex: Knex) {
  const deployments = await knex('deployments as d')
    .select('d.service_ref', 'd.source')
    .select(knex.raw(`d.deployed_at / ${MS_PER_DAY} as day`))
    .select(knex.raw('count(*) as deployments'))
    .select(
      knex.raw(
        'sum(case when d.standard_change then 1 else 0 end) as standard',
      ),
    )
    .select(knex.raw(`sum(${LOCKSTEP_SQL}) as lockstep`))
    .where('d.environment', 'production')
    .groupBy(
      'd.service_ref',
      'd.source',
      knex.raw(`d.deployed_at / ${MS_PER_DAY}`),
    );
  const availability = await knex('availability_intervals')
    .select('service_ref', 'source')
    .select(knex.raw(`start_at / ${MS_PER_DAY} as day`))
    .select(
      knex.raw(
        `${sumOfCounts(knex, 'good')} as good, ${sumOfCounts(
          knex,
          'total',
        )} as total, count(*) as intervals`,
      ),
    )
    .groupBy('service_ref', 'source', knex.raw(`start_at / ${MS_PER_DAY}`));
  return normalise({ deployments, availability });
}

async function rollupsStored(knex: Knex) {
  return normalise({
    deployments: await knex('deployment_days').where('deployments', '>', 0),
    availability: await knex('availability_days').where('intervals', '>', 0),
  });
}

/** Rows as sorted text, every column but the key's names read as a number. */
function normalise(tables: Record<string, Array<Record<string, unknown>>>) {
  const names = ['service_ref', 'source'];
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      rows
        .map(row =>
          JSON.stringify(
            Object.keys(row)
              .sort()
              .map(k => [k, names.includes(k) ? row[k] : Number(row[k])]),
          ),
        )
        .sort(),
    ]),
  );
}

/** The series as they were read before the rollups, straight from the raw rows. */
async function rawSeries(knex: Knex, services: string[], window: EventWindow) {
  const weekOf = `((deployed_at - ${4 * MS_PER_DAY}) / ${7 * MS_PER_DAY})`;
  const dayOf = `(start_at / ${MS_PER_DAY})`;
  const weeks = await knex('deployments')
    .select(knex.raw(`${weekOf} as week, count(*) as n`))
    .where('environment', 'production')
    .where('deployed_at', '>=', window.from)
    .where('deployed_at', '<', window.to)
    .whereIn('service_ref', services)
    .groupByRaw(weekOf);
  const days = await knex('availability_intervals')
    .select(
      knex.raw(
        `${dayOf} as day, ${sumOfCounts(knex, 'good')} as good, ${sumOfCounts(
          knex,
          'total',
        )} as total`,
      ),
    )
    .where('start_at', '>=', window.from)
    .where('start_at', '<', window.to)
    .whereIn('service_ref', services)
    .groupByRaw(dayOf);
  const counts = new Map(weeks.map((r: any) => [Number(r.week), Number(r.n)]));
  const perWeek = [];
  if (counts.size > 0) {
    const numbers = [...counts.keys()];
    for (let w = Math.min(...numbers); w <= Math.max(...numbers); w++) {
      perWeek.push({
        weekStart: new Date(w * 7 * MS_PER_DAY + 4 * MS_PER_DAY).toISOString(),
        count: counts.get(w) ?? 0,
      });
    }
  }
  const perDay = days
    .map((r: any) => ({
      day: new Date(Number(r.day) * MS_PER_DAY).toISOString().slice(0, 10),
      good: Number(r.good),
      total: Number(r.total),
      ratio: Number(r.total) > 0 ? Number(r.good) / Number(r.total) : null,
    }))
    .sort((a: { day: string }, b: { day: string }) => (a.day < b.day ? -1 : 1));
  return { deploymentsPerWeek: perWeek, availabilityPerDay: perDay };
}

/** Windows on whole days, on parts of days at either end, inside one day, and around it all. */
function windows(seed: number): EventWindow[] {
  const rnd = random(seed);
  const fixed: EventWindow[] = [
    { from: START, to: START + DAYS * MS_PER_DAY },
    { from: START - MS_PER_DAY, to: START + (DAYS + 1) * MS_PER_DAY },
    { from: START + 3 * MS_PER_DAY, to: START + 4 * MS_PER_DAY },
    { from: START + 3.25 * MS_PER_DAY, to: START + 3.75 * MS_PER_DAY },
    { from: START + 0.5 * MS_PER_DAY, to: START + 9.1 * MS_PER_DAY },
    { from: 0, to: START + 30 * MS_PER_DAY },
  ];
  const drawn = Array.from({ length: 20 }, () => {
    const a = START + Math.floor(rnd() * DAYS * MS_PER_DAY);
    const b = START + Math.floor(rnd() * DAYS * MS_PER_DAY);
    return { from: Math.min(a, b), to: Math.max(a, b) + 1 };
  });
  return [...fixed, ...drawn];
}

describe('whole days and edges of a window', () => {
  it.each([
    [START, START + 2 * MS_PER_DAY, 2, 0],
    [START + 1, START + 2 * MS_PER_DAY, 1, 1],
    [START + 1, START + 2 * MS_PER_DAY - 1, 0, 1],
    [START + 1, START + MS_PER_DAY - 1, 0, 1],
    [START - 5, START + MS_PER_DAY + 5, 1, 2],
  ])(
    'from %p to %p has %p whole days and %p edges',
    (from, to, days, edges) => {
      const whole = wholeDays({ from, to });
      expect(whole.end - whole.first).toBe(days);
      const parts = windowEdges({ from, to });
      expect(parts).toHaveLength(edges);
      // The days and the edges cover the window once.
      const covered =
        (whole.end - whole.first) * MS_PER_DAY +
        parts.reduce((sum, p) => sum + (p.to - p.from), 0);
      expect(covered).toBe(to - from);
    },
  );
});

describe.each(databases.eachSupportedId())('rollups on %s', databaseId => {
  it('answer as the raw rows do, on seeded random events with rewrites', async () => {
    const knex = await databases.init(databaseId);
    await migrate(knex);
    const store = new EventStore(knex);
    for (const seed of [1, 2, 3]) {
      for (const batch of batches(seed)) {
        await store.write(batch);
        expect(await rollupsStored(knex)).toEqual(await rollupsFromRaw(knex));
      }
      for (const window of windows(seed)) {
        expect(byService(await store.deploymentTotals(window))).toEqual(
          await rawDeploymentTotals(knex, window),
        );
        expect(byService(await store.availabilityTotals(window))).toEqual(
          await rawAvailabilityTotals(knex, window),
        );
        const sources = (await store.sourcesOf(window))
          .filter(s => s.kind !== 'incidents')
          .map(s => `${s.kind} ${s.service} ${s.source}`)
          .sort();
        expect(sources).toEqual(await rawSources(knex, window));
        expect(
          byService(
            await store.deploymentTotals(window, [
              'component:default/a',
              'component:default/c',
            ]),
          ),
        ).toEqual(
          (await rawDeploymentTotals(knex, window)).filter(r =>
            ['component:default/a', 'component:default/c'].includes(r.service),
          ),
        );
      }
    }
    // Something was rewritten and something went out in lockstep, or the test proves little.
    const [{ n }] = await knex('deployment_days').sum({ n: 'lockstep' });
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('rolls up events written before the rollups existed when migrating', async () => {
    const knex = await databases.init(databaseId);
    await migrate(knex);
    const store = new EventStore(knex);
    for (const batch of batches(7)) await store.write(batch);
    const expected = await rollupsFromRaw(knex);
    const directory = resolvePackagePath(
      '@operating-model/backstage-plugin-operating-model-backend',
      'migrations',
    );
    await knex.migrate.down({
      directory,
      name: '20261204000000_event_rollups.js',
    });
    expect(await knex.schema.hasTable('deployment_days')).toBe(false);
    await migrate(knex);
    expect(await rollupsStored(knex)).toEqual(expected);
  });

  it('give the measures series as the raw rows do', async () => {
    const knex = await databases.init(databaseId);
    await migrate(knex);
    const store = new EventStore(knex);
    const config = readOperatingModelConfigFromObject({});
    const assessments = new ServiceAssessments(
      config,
      mockServices.logger.mock(),
    );
    const letters = ['a', 'b', 'c', 'd', 'e'];
    assessments.replaceSnapshot({
      services: letters.map(name => ({
        entityRef: `component:default/${name}`,
        owner: 'group:default/team',
        system: null,
        domain: null,
        annotations: {},
        links: [],
      })),
      groups: [
        {
          entityRef: 'group:default/team',
          type: 'team',
          annotations: {},
          members: [],
        },
      ],
      users: [],
      domains: [],
      titles: new Map(),
      readAt: new Date(START),
    });
    const series = new MeasureSeries({
      knex,
      assessments,
      config,
      now: () => new Date(START + 60 * MS_PER_DAY),
    });
    for (const batch of batches(5)) await store.write(batch);
    for (const window of windows(5)) {
      const asked = { from: new Date(window.from), to: new Date(window.to) };
      for (const [ref, services] of [
        ['component:default/b', ['component:default/b']],
        ['group:default/team', letters.map(l => `component:default/${l}`)],
      ] as const) {
        const answer = await series.forEntity(ref, asked);
        expect({
          deploymentsPerWeek: answer.deploymentsPerWeek,
          availabilityPerDay: answer.availabilityPerDay,
        }).toEqual(await rawSeries(knex, [...services], window));
      }
    }
  });

  it('subtracts a rewritten event from the day it left and adds it to the day it moved to', async () => {
    const knex = await databases.init(databaseId);
    await migrate(knex);
    const store = new EventStore(knex);
    const interval = (day: number, good: number, total: number) => ({
      source: 'prometheus',
      externalId: 'one',
      service: 'bedroom',
      start: iso(START + day * MS_PER_DAY),
      end: iso(START + day * MS_PER_DAY + 3_600_000),
      good,
      total,
    });
    await store.write(
      readEventBatch('availability', { items: [interval(0, 90, 100)] }),
    );
    await store.write(
      readEventBatch('availability', { items: [interval(2, 5, 10)] }),
    );
    const window = { from: START, to: START + 3 * MS_PER_DAY };
    expect(await store.availabilityTotals(window)).toEqual([
      { service: 'component:default/bedroom', good: 5, total: 10, count: 1 },
    ]);
    expect(
      await store.availabilityTotals({ from: START, to: START + MS_PER_DAY }),
    ).toEqual([]);
  });
});

// SQLite in memory is one connection, so one writer: only a server has writers at once.
const servers = databases.eachSupportedId().filter(([id]) => id !== 'SQLITE_3');

describe.each(servers)('rollups with two writers on %s', databaseId => {
  it('stay right when batches about the same events are written at once', async () => {
    const knex = await databases.init(databaseId);
    await migrate(knex);
    const store = new EventStore(knex);
    const deployment = (service: string, n: number) => ({
      source: 'pipeline',
      externalId: `${service}-${n}`,
      service,
      environment: 'production',
      buildTime: iso(START + n * 60_000),
      deployTime: iso(START + n * 60_000),
      releaseId: `train-${n % 3}`,
    });
    const interval = (n: number, total: number) => ({
      source: 'prometheus',
      externalId: `shared-${n}`,
      service: 'bedroom',
      start: iso(START + n * 60_000),
      end: iso(START + (n + 1) * 60_000),
      good: total,
      total,
    });
    const batchOf = (s: number) => [
      readEventBatch('deployments', {
        items: Array.from({ length: 30 }, (_, n) =>
          deployment(['kitchen', 'bedroom'][s], n),
        ),
      }),
      readEventBatch('availability', {
        items: Array.from({ length: 50 }, (_, n) => interval(n, s + 1)),
      }),
    ];
    // The second batch is written while the first is not yet committed: each service's
    // deployments are in lockstep only with the other's, and both write the same new intervals.
    for (const kind of [0, 1]) {
      const first = await knex.transaction();
      await store.write(batchOf(0)[kind], first);
      const second = await knex.transaction();
      const writing = store.write(batchOf(1)[kind], second);
      await new Promise(resolve => setTimeout(resolve, 300));
      await first.commit();
      await writing;
      await second.commit();
    }
    expect(await rollupsStored(knex)).toEqual(await rollupsFromRaw(knex));
    const window = { from: START, to: START + MS_PER_DAY };
    expect(byService(await store.deploymentTotals(window))).toEqual(
      await rawDeploymentTotals(knex, window),
    );
    expect(
      (await store.deploymentTotals(window)).map(t => t.inLockstep),
    ).toEqual([30, 30]);
  });
});
