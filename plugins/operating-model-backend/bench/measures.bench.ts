/**
 * Benchmark: a year of delivery and incident events for a generated organisation (10,000
 * services in 1,000 teams and 100 domains at --scale 1: about 1M deployments, 100k incidents and
 * hourly availability for 1,000 services, 8.8M intervals), written through the ingestion path
 * (batch validation, then EventStore, which keeps the per-day rollups in the same transaction)
 * into a fresh PostgreSQL database, then the measures of one service, one team, the leaders'
 * view over 90 days and over the year, and the directory's 30-day totals, each beside plain SQL
 * aggregates over the same raw rows. Prints each figure beside issue 11's goal and the ratio to
 * it (ingestion ≥ 30,000 events/s; the leaders' view under 200 ms for a year of events of 10,000
 * services), and the process's peak memory. Asserts nothing.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:measures [--scale 5] [--keep] [--database <name>]
 *
 * PG_URL names the server (default postgresql://postgres:postgres@localhost:5432); a database
 * `operating_model_bench_<time>` is created on it and dropped afterwards unless `--keep`.
 * `--database` reads a database an earlier `--keep` run left (same --scale), without ingesting.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { performance } from 'perf_hooks';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { OrgSnapshot } from '../src/catalog/readOrgSnapshot';
import { EventStore } from '../src/events/EventStore';
import {
  EventKind,
  MAX_BATCH_ITEMS,
  readEventBatch,
} from '../src/events/eventSchemas';
import { MeasuresService } from '../src/measures/MeasuresService';
import { againstGoal } from './generatedOrganisation';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const scale = Number(argument('--scale') ?? 1);
const keep = process.argv.includes('--keep');
const reuse = argument('--database');
const PG_URL =
  process.env.PG_URL ?? 'postgresql://postgres:postgres@localhost:5432';

const SERVICES = Math.max(10, Math.round(10_000 * scale));
const SERVICES_PER_TEAM = 10;
const TEAMS = Math.ceil(SERVICES / SERVICES_PER_TEAM);
const TEAMS_PER_DOMAIN = 10;
const DOMAINS = Math.ceil(TEAMS / TEAMS_PER_DOMAIN);
const MEMBERS = 8;
/** One service in ten reports hourly availability: 1,000 services, 8.76M intervals at full scale. */
const AVAILABILITY_EVERY = 10;
const INCIDENTS_PER_SERVICE = 10;
const RUNS = 5;
/** Issue 11: ingestion into PostgreSQL at least this fast. */
const INGESTION_GOAL_PER_S = 30_000;
/** Issue 11: the leaders' view over a year of events for 10,000 services under this. */
const LEADERS_GOAL_MS = 200;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const YEAR_END = Date.parse('2026-01-01T00:00:00Z');
const WINDOW = { from: new Date(YEAR_END - 90 * DAY), to: new Date(YEAR_END) };
const YEAR = { from: new Date(YEAR_START), to: new Date(YEAR_END) };
/** The directory's window: 30 days to an instant in the afternoon, so both ends are part days. */
const DIRECTORY_TO = YEAR_END - 9.5 * HOUR;
const DIRECTORY_WINDOW = { from: DIRECTORY_TO - 30 * DAY, to: DIRECTORY_TO };

/** The most heap the process used, sampled while it runs; the most rss comes from the OS. */
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);
sampler.unref();
const quietLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
} as any;

/**
 * A deterministic pseudo-random sequence (mulberry32), so every run measures the same
 * organisation; its 32-bit integer steps stay exact, unlike a textbook LCG in doubles.
 */
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

const iso = (ms: number) => new Date(ms).toISOString();
const serviceRef = (s: number) => `component:default/service-${s}`;
const teamOf = (s: number) => Math.floor(s / SERVICES_PER_TEAM);
const teamRef = (t: number) => `group:default/team-${t}`;
const domainRef = (d: number) => `domain:default/domain-${d}`;
const DEMANDS = ['low', 'medium', 'high', 'very-high'];
/** Production deployments a year by feature demand: roughly monthly to daily. */
const DEPLOYS_PER_YEAR: Record<string, number> = {
  low: 15,
  medium: 30,
  high: 80,
  'very-high': 250,
};
const EXPOSURES = [5_000, 120_000, 200_000, 600_000, 900_000];

function organisation(): OrgSnapshot {
  const rnd = random(42);
  const titles = new Map<string, string>();
  const services: OrgSnapshot['services'] = [];
  for (let s = 0; s < SERVICES; s++) {
    services.push({
      entityRef: serviceRef(s),
      owner: teamRef(teamOf(s)),
      system: null,
      domain: domainRef(Math.floor(teamOf(s) / TEAMS_PER_DOMAIN)),
      annotations: {
        'operating-model.io/financial-exposure': String(
          EXPOSURES[Math.floor(rnd() * EXPOSURES.length)],
        ),
        'operating-model.io/feature-demand': DEMANDS[s % DEMANDS.length],
      },
      links: [],
    });
  }
  const groups = Array.from({ length: TEAMS }, (_, t) => ({
    entityRef: teamRef(t),
    type: 'team',
    annotations: {},
    members: Array.from(
      { length: MEMBERS },
      (__, p) => `user:default/person-${t}-${p}`,
    ),
  }));
  const domains = Array.from({ length: DOMAINS }, (_, d) => ({
    entityRef: domainRef(d),
    annotations: {},
  }));
  return {
    services,
    groups,
    users: [],
    domains,
    titles,
    readAt: new Date(YEAR_END),
  };
}

function* deployments(): Generator<object> {
  const rnd = random(1);
  let n = 0;
  for (let s = 0; s < SERVICES; s++) {
    const perYear = DEPLOYS_PER_YEAR[DEMANDS[s % DEMANDS.length]];
    // One in ten more go to staging, which the measures leave out.
    const count = Math.round(perYear * 1.1);
    for (let i = 0; i < count; i++) {
      const deployTime =
        YEAR_START + Math.floor(rnd() * (YEAR_END - YEAR_START));
      const week = Math.floor((deployTime - YEAR_START) / (7 * DAY));
      n++;
      yield {
        source: 'pipeline',
        externalId: `dep-${n}`,
        service: serviceRef(s),
        environment: rnd() < 0.1 ? 'staging' : 'production',
        buildTime: iso(deployTime - Math.floor(rnd() * rnd() * 10 * DAY)),
        deployTime: iso(deployTime),
        // About one in twenty goes out under its team's release train of the week: lockstep.
        releaseId: rnd() < 0.05 ? `train-${teamOf(s)}-${week}` : null,
        changeRequestId: rnd() < 0.3 ? `CHG-${n}` : null,
        standardChange: rnd() < 0.4,
        version: `1.${i}.0`,
      };
    }
  }
}

function* incidents(): Generator<object> {
  const rnd = random(2);
  for (let n = 0; n < SERVICES * INCIDENTS_PER_SERVICE; n++) {
    const s = Math.floor(rnd() * SERVICES);
    const startedAt = YEAR_START + Math.floor(rnd() * (YEAR_END - YEAR_START));
    const minutes = 5 + Math.floor(rnd() * rnd() * 240);
    const services = [serviceRef(s)];
    if (rnd() < 0.1) services.push(serviceRef((s + 1) % SERVICES));
    yield {
      source: 'pagerduty',
      externalId: `inc-${n}`,
      services,
      startedAt: iso(startedAt),
      acknowledgedAt: iso(startedAt + Math.floor((1 + rnd() * 29) * 60_000)),
      restoredAt: rnd() < 0.97 ? iso(startedAt + minutes * 60_000) : null,
      financialLoss: rnd() < 0.5 ? Math.round(rnd() * 200_000) : null,
      severity: rnd() < 0.2 ? 'major' : 'minor',
    };
  }
}

function* availability(): Generator<object> {
  const rnd = random(3);
  for (let s = 0; s < SERVICES; s += AVAILABILITY_EVERY) {
    for (let start = YEAR_START; start < YEAR_END; start += HOUR) {
      const total = 1000 + Math.floor(rnd() * 4000);
      const failed =
        rnd() < 0.02 ? Math.floor(rnd() * total * 0.2) : Math.floor(rnd() * 3);
      yield {
        source: 'prometheus',
        externalId: `${s}-${start}`,
        service: serviceRef(s),
        start: iso(start),
        end: iso(start + HOUR),
        good: total - failed,
        total,
      };
    }
  }
}

/** Reviews of one incident in five, each read by a few people and giving a few actions. */
function* learning(
  kind: 'reviews' | 'review-reads' | 'actions',
): Generator<object> {
  const rnd = random(4);
  const reviews = Math.round((SERVICES * INCIDENTS_PER_SERVICE) / 5);
  for (let n = 0; n < reviews; n++) {
    const s = Math.floor(rnd() * SERVICES);
    const published = YEAR_START + Math.floor(rnd() * (YEAR_END - YEAR_START));
    const readers = Math.floor(rnd() * 10);
    const actions = Math.floor(rnd() * 4);
    if (kind === 'reviews') {
      yield {
        source: 'wiki',
        externalId: `rv-${n}`,
        services: [serviceRef(s)],
        publishedAt: iso(published),
      };
    } else if (kind === 'review-reads') {
      for (let r = 0; r < readers; r++) {
        yield {
          source: 'wiki',
          reviewExternalId: `rv-${n}`,
          person: `user:default/person-${Math.floor(
            rnd() * TEAMS,
          )}-${Math.floor(rnd() * MEMBERS)}`,
          readAt: iso(published + Math.floor(rnd() * 20 * DAY)),
        };
      }
    } else {
      for (let a = 0; a < actions; a++) {
        const completed =
          rnd() < 0.8 ? published + Math.floor(rnd() * 30 * DAY) : null;
        yield {
          source: 'jira',
          externalId: `act-${n}-${a}`,
          service: serviceRef(s),
          definedAt: iso(published),
          completedAt: completed === null ? null : iso(completed),
        };
      }
    }
  }
}

function* chaosDays(): Generator<object> {
  const rnd = random(5);
  for (let t = 0; t < TEAMS; t++) {
    for (let q = 0; q < 4; q++) {
      const day = YEAR_START + (q * 91 + Math.floor(rnd() * 80)) * DAY;
      yield {
        source: 'wiki',
        externalId: `chaos-${t}-${q}`,
        service: serviceRef(
          t * SERVICES_PER_TEAM + Math.floor(rnd() * SERVICES_PER_TEAM),
        ),
        date: iso(day).slice(0, 10),
      };
    }
  }
}

function* rework(): Generator<object> {
  const rnd = random(6);
  for (let t = 0; t < TEAMS; t++) {
    for (
      let monday = Date.parse('2024-12-30T00:00:00Z');
      monday < YEAR_END;
      monday += 7 * DAY
    ) {
      yield {
        source: 'jira',
        externalId: `rework-${t}-${monday}`,
        team: teamRef(t),
        week: iso(monday).slice(0, 10),
        hours: Math.round(rnd() * 60),
      };
    }
  }
}

async function ingest(
  store: EventStore,
  kind: EventKind,
  items: Iterable<object>,
) {
  let rows = 0;
  let ms = 0;
  let validating = 0;
  let batch: object[] = [];
  const flush = async () => {
    const start = performance.now();
    const checked = readEventBatch(kind, { items: batch });
    validating += performance.now() - start;
    rows += await store.write(checked);
    ms += performance.now() - start;
    batch = [];
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === MAX_BATCH_ITEMS) await flush();
  }
  if (batch.length > 0) await flush();
  console.log(
    `  ${kind.padEnd(14)} ${rows
      .toLocaleString('en-GB')
      .padStart(11)} rows in ${(ms / 1000)
      .toFixed(1)
      .padStart(6)} s = ${Math.round(rows / (ms / 1000))
      .toLocaleString('en-GB')
      .padStart(8)} rows/s (validating ${(validating / 1000).toFixed(
      1,
    )} s, writing ${((ms - validating) / 1000).toFixed(1)} s)`,
  );
  return { rows, ms };
}

async function medianTime(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The same figures straight from SQL (PostgreSQL's percentile_cont for medians), for services
 * picked by `scope` and grouped by `group`: the floor the measures could reach if they did
 * nothing but aggregate. Financial loss protection is left out: it needs each service's
 * exposure and target from the catalog, which SQL does not have.
 */
function plainSql(
  knex: Knex,
  scope: { services?: string[]; groupBy?: 'team_ref' | 'domain_ref' },
  window: { from: Date; to: Date } = WINDOW,
) {
  const w = [window.from.getTime(), window.to.getTime()];
  const join = (alias: string) =>
    scope.groupBy
      ? `join bench_services b on b.service_ref = ${alias}.service_ref`
      : '';
  const key = scope.groupBy ? `b.${scope.groupBy}` : `'scope'`;
  const where = (alias: string) =>
    scope.services ? `and ${alias}.service_ref = any(?)` : '';
  const bind = (...values: Knex.RawBinding[]): Knex.RawBinding[] =>
    scope.services ? [...values, scope.services] : values;
  return Promise.all([
    knex.raw(
      `select ${key} as k, count(*), sum(case when d.standard_change then 1 else 0 end),
        sum(case when (d.release_id is not null and exists (select 1 from deployments o
            where o.release_id = d.release_id and o.service_ref <> d.service_ref and o.environment = 'production'))
          or (d.change_request_id is not null and exists (select 1 from deployments o
            where o.change_request_id = d.change_request_id and o.service_ref <> d.service_ref and o.environment = 'production'))
          then 1 else 0 end),
        percentile_cont(0.5) within group (order by d.deployed_at - d.built_at),
        percentile_cont(0.9) within group (order by d.deployed_at - d.built_at)
       from deployments d ${join('d')}
       where d.environment = 'production' and d.deployed_at >= ? and d.deployed_at < ? ${where(
         'd',
       )}
       group by 1`,
      bind(...w),
    ),
    knex.raw(
      `select ${key} as k, sum(a.good), sum(a.total), count(*) from availability_intervals a ${join(
        'a',
      )}
       where a.start_at >= ? and a.start_at < ? ${where('a')} group by 1`,
      bind(...w),
    ),
    knex.raw(
      `select ${key} as k, count(distinct i.id),
        percentile_cont(0.5) within group (order by i.restored_at - i.started_at),
        percentile_cont(0.9) within group (order by i.restored_at - i.started_at),
        percentile_cont(0.5) within group (order by i.acknowledged_at - i.started_at)
       from incidents i join incident_services s on s.incident_id = i.id ${join(
         's',
       )}
       where i.started_at >= ? and i.started_at < ? ${where('s')} group by 1`,
      bind(...w),
    ),
    knex.raw(
      `select ${key} as k, count(distinct r.person), count(distinct v.id)
       from reviews v join review_services s on s.review_id = v.id ${join('s')}
       left join review_reads r on r.review_source = v.source and r.review_external_id = v.external_id
       where v.published_at >= ? and v.published_at < ? ${where(
         's',
       )} group by 1`,
      bind(...w),
    ),
    knex.raw(
      `select ${key} as k, count(*), percentile_cont(0.5) within group (order by a.completed_at - a.defined_at)
       from improvement_actions a ${join('a')}
       where a.completed_at >= ? and a.completed_at < ? ${where(
         'a',
       )} group by 1`,
      bind(...w),
    ),
    knex.raw(
      `select ${key} as k, count(distinct c.day) from chaos_days c ${join('c')}
       where c.held_at >= ? and c.held_at < ? ${where('c')} group by 1`,
      bind(...w),
    ),
  ]);
}

/** The directory's 30-day totals as plain SQL over the raw rows: what they were before rollups. */
function plainDirectorySql(knex: Knex) {
  const w = [DIRECTORY_WINDOW.from, DIRECTORY_WINDOW.to];
  return Promise.all([
    knex.raw(
      `select d.service_ref, count(*), sum(case when d.standard_change then 1 else 0 end),
        sum(case when (d.release_id is not null and exists (select 1 from deployments o
            where o.release_id = d.release_id and o.service_ref <> d.service_ref and o.environment = 'production'))
          or (d.change_request_id is not null and exists (select 1 from deployments o
            where o.change_request_id = d.change_request_id and o.service_ref <> d.service_ref and o.environment = 'production'))
          then 1 else 0 end)
       from deployments d where d.environment = 'production' and d.deployed_at >= ? and d.deployed_at < ?
       group by 1`,
      w,
    ),
    knex.raw(
      `select service_ref, sum(good), sum(total), count(*) from availability_intervals
       where start_at >= ? and start_at < ? group by 1`,
      w,
    ),
  ]);
}

async function main() {
  const database = reuse ?? `operating_model_bench_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: PG_URL });
  if (!reuse) await admin.raw(`create database ${database}`);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 1, max: 10 },
  });
  try {
    const fakeDatabase: DatabaseService = {
      getClient: async () => knex,
      migrations: { skip: false },
    };
    const store = await EventStore.create(fakeDatabase);
    console.log(
      `organisation: ${SERVICES.toLocaleString(
        'en-GB',
      )} services, ${TEAMS} teams, ${DOMAINS} domains (scale ${scale}); database ${database}`,
    );
    if (!reuse) {
      console.log(
        `ingestion through readEventBatch + EventStore.write (rollups kept in the same transaction), batches of ${MAX_BATCH_ITEMS.toLocaleString(
          'en-GB',
        )}:`,
      );
      let rows = 0;
      let ms = 0;
      for (const [kind, items] of [
        ['deployments', deployments()],
        ['incidents', incidents()],
        ['availability', availability()],
        ['reviews', learning('reviews')],
        ['review-reads', learning('review-reads')],
        ['actions', learning('actions')],
        ['chaos-days', chaosDays()],
        ['rework', rework()],
      ] as Array<[EventKind, Iterable<object>]>) {
        const result = await ingest(store, kind, items);
        rows += result.rows;
        ms += result.ms;
      }
      const rate = rows / (ms / 1000);
      console.log(
        `  ${'all'.padEnd(14)} ${rows
          .toLocaleString('en-GB')
          .padStart(11)} rows in ${(ms / 1000)
          .toFixed(1)
          .padStart(6)} s = ${Math.round(rate)
          .toLocaleString('en-GB')
          .padStart(8)} events/s ${againstGoal(rate, INGESTION_GOAL_PER_S, {
          unit: 'events/s',
          atLeast: true,
        })}`,
      );
      await knex.raw('vacuum analyze');
      const size = await knex.raw(
        'select pg_size_pretty(pg_database_size(current_database())) as size',
      );
      console.log(`database size after vacuum analyze: ${size.rows[0].size}`);
    }

    const snapshot = organisation();
    if (!(await knex.schema.hasTable('bench_services'))) {
      await knex.schema.createTable('bench_services', table => {
        table.string('service_ref').primary();
        table.string('team_ref').notNullable().index();
        table.string('domain_ref').notNullable().index();
      });
      for (let s = 0; s < SERVICES; s += 5000) {
        await knex('bench_services').insert(
          snapshot.services.slice(s, s + 5000).map(service => ({
            service_ref: service.entityRef,
            team_ref: service.owner!,
            domain_ref: service.domain!,
          })),
        );
      }
      await knex.raw('analyze bench_services');
    }

    const config = readOperatingModelConfigFromObject({});
    const assessments = new ServiceAssessments(config, quietLogger);
    assessments.replaceSnapshot(snapshot);
    const measures = new MeasuresService({
      store,
      assessments,
      config,
      now: () => new Date(YEAR_END),
    });

    const service = serviceRef(10);
    const team = teamRef(1);
    const teamServices = snapshot.services
      .filter(s => s.owner === team)
      .map(s => s.entityRef);
    const serviceFigures = await measures.forEntity(service, WINDOW);
    const teamFigures = await measures.forEntity(team, WINDOW);
    const leaders = await measures.leaders('team', WINDOW);
    console.log(
      `measures over ${iso(WINDOW.from.getTime()).slice(0, 10)} to ${iso(
        WINDOW.to.getTime(),
      ).slice(
        0,
        10,
      )} (90 days) unless named, median of ${RUNS} runs after a warm-up:`,
    );
    console.log(
      `  ${service}: ${serviceFigures.deploymentFrequency.count} deployments, ${serviceFigures.availability.count} intervals, ${serviceFigures.timeToRestoreMinutes.count} incidents restored`,
    );
    console.log(
      `  ${team}: ${teamFigures.deploymentFrequency.count} deployments, ${teamFigures.availability.count} intervals, ${teamFigures.timeToRestoreMinutes.count} incidents restored`,
    );
    console.log(
      `  leaders: ${
        leaders.items.length
      } teams, ${leaders.organisation.deploymentFrequency.count.toLocaleString(
        'en-GB',
      )} deployments, ${leaders.organisation.availability.count.toLocaleString(
        'en-GB',
      )} intervals, ${leaders.organisation.timeToRestoreMinutes.count.toLocaleString(
        'en-GB',
      )} incidents restored`,
    );
    const directoryTotals = () =>
      Promise.all([
        store.deploymentTotals({
          from: DIRECTORY_WINDOW.from,
          to: DIRECTORY_WINDOW.to,
        }),
        store.availabilityTotals({
          from: DIRECTORY_WINDOW.from,
          to: DIRECTORY_WINDOW.to,
        }),
      ]);
    const cases: Array<
      [string, () => Promise<unknown>, () => Promise<unknown>, number?]
    > = [
      [
        'one service',
        () => measures.forEntity(service, WINDOW),
        () => plainSql(knex, { services: [service] }),
      ],
      [
        'one team (10 services)',
        () => measures.forEntity(team, WINDOW),
        () => plainSql(knex, { services: teamServices }),
      ],
      [
        `leaders' view, groupBy=team (${TEAMS} teams)`,
        () => measures.leaders('team', WINDOW),
        () => plainSql(knex, { groupBy: 'team_ref' }),
        LEADERS_GOAL_MS,
      ],
      [
        `leaders' view, groupBy=domain (${DOMAINS} domains)`,
        () => measures.leaders('domain', WINDOW),
        () => plainSql(knex, { groupBy: 'domain_ref' }),
        LEADERS_GOAL_MS,
      ],
      [
        `leaders' view, groupBy=team, the year`,
        () => measures.leaders('team', YEAR),
        () => plainSql(knex, { groupBy: 'team_ref' }, YEAR),
        LEADERS_GOAL_MS,
      ],
      [
        `directory's 30-day totals (${SERVICES.toLocaleString(
          'en-GB',
        )} services)`,
        directoryTotals,
        () => plainDirectorySql(knex),
      ],
    ];
    console.log(
      `  ${'what'.padEnd(44)} ${'measures'.padStart(10)} ${'plain SQL'.padStart(
        10,
      )} ${'ratio'.padStart(6)}  against the goal`,
    );
    for (const [label, ours, plain, goal] of cases) {
      const oursMs = await medianTime(ours);
      const plainMs = await medianTime(plain);
      console.log(
        `  ${label.padEnd(44)} ${`${oursMs.toFixed(1)} ms`.padStart(
          10,
        )} ${`${plainMs.toFixed(1)} ms`.padStart(10)} ${(oursMs / plainMs)
          .toFixed(2)
          .padStart(6)}  ${
          goal === undefined ? '' : againstGoal(oursMs, goal, { unit: 'ms' })
        }`,
      );
    }
    const memory = process.memoryUsage();
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    console.log(
      `memory: peak heap used ${(peakHeap / 2 ** 20).toFixed(
        0,
      )} MiB, peak rss ${(process.resourceUsage().maxRSS / 2 ** 10).toFixed(
        0,
      )} MiB (issue 11 sets no goal for these); now heap ${(
        memory.heapUsed /
        2 ** 20
      ).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await knex.destroy();
    if (!keep && !reuse) await admin.raw(`drop database ${database}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
