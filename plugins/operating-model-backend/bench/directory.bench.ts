/**
 * Benchmark: the discoverability view's directory for a generated organisation (at `--scale 1`
 * 10,000 services, 2,000 teams of 10 people, 300 domains; `--scale 5` is 50,000 services) with
 * 30 days of deployments and availability, through the real DirectoryService, RotaService and
 * EventStore on an in-memory SQLite database. Prints, beside issue 11's goals and the ratio to
 * each: the first page's time and size (what the browser waits for first), a search's time, the
 * longest event-loop stall during each kind of refresh (`perf_hooks.monitorEventLoopDelay`), the
 * p50/p99 of ordinary requests made while it runs (a page of a search, one service's row), and
 * memory. Asserts nothing.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:directory [--scale 5]
 */
import knexFactory from 'knex';
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { DirectoryService } from '../src/directory/DirectoryService';
import {
  againstGoal,
  generateOrganisation,
  organisationSize,
  quietLogger,
  random,
  time,
} from './generatedOrganisation';
import { EventStore } from '../src/events/EventStore';
import { readEventBatch } from '../src/events/eventSchemas';
import { RotaService } from '../src/rotas/RotaService';
import { RotaStore } from '../src/rotas/RotaStore';

const size = organisationSize(process.argv);
const { teams: TEAMS, domains: DOMAINS } = size;
const WARM_RUNS = 200;
const BATCH = 400;

const DAY = 86_400_000;
const MINUTE = 60_000;
const STALL_GOAL_MS = 50;
const FIRST_ANSWER_GOAL_KB = 500;
const SEARCH_GOAL_MS = 100;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Runs `work` while an event-loop delay monitor runs and, every 5 ms, an ordinary request is
 * made (`request(i)`); prints the longest stall and the requests' p50/p99 beside the goal.
 */
async function underLoad(
  label: string,
  work: () => Promise<unknown>,
  request: (i: number) => Promise<unknown>,
) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const latencies: number[] = [];
  let running = true;
  let i = 0;
  const load = (async () => {
    while (running) {
      const start = performance.now();
      await request(i++);
      latencies.push(performance.now() - start);
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  })();
  histogram.enable();
  const start = performance.now();
  await work();
  const took = performance.now() - start;
  histogram.disable();
  running = false;
  await load;
  latencies.sort((a, b) => a - b);
  const stall = histogram.max / 1e6;
  console.log(
    `${label.padEnd(62)} ${took
      .toFixed(0)
      .padStart(7)} ms; longest stall ${stall.toFixed(0)} ms ${againstGoal(
      stall,
      STALL_GOAL_MS,
      { unit: 'ms' },
    )}; ` +
      `${latencies.length} requests meanwhile, p50 ${percentile(
        latencies,
        0.5,
      ).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
  );
}

async function main() {
  const config = readOperatingModelConfigFromObject({});
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: 'migrations' });
  const assessments = new ServiceAssessments(config, quietLogger);
  const rotas = new RotaService(assessments, new RotaStore(knex), config);
  const events = new EventStore(knex);
  let now = new Date('2026-06-03T12:00:00Z');
  const directory = new DirectoryService({
    assessments,
    rotas,
    events,
    config,
    logger: quietLogger,
    now: () => now,
  });

  const snapshot = generateOrganisation(size);
  // As the scheduled catalog read does: assessed in slices before it is put in use.
  await assessments.replaceSnapshotInSlices(snapshot, now);
  console.log(
    `organisation: ${TEAMS} teams, ${snapshot.users.length} people, ${DOMAINS} domains, ${snapshot.services.length} services`,
  );

  const rnd = random(7);
  const deployments: object[] = [];
  const availability: object[] = [];
  for (const [i, service] of snapshot.services.entries()) {
    const count = Math.floor(rnd() * 12);
    for (let d = 0; d < count; d++) {
      const at = now.getTime() - Math.floor(rnd() * 29 * DAY) - DAY;
      deployments.push({
        source: 'bench',
        externalId: `${i}-${d}`,
        service: service.entityRef,
        environment: 'production',
        buildTime: new Date(at - 3_600_000).toISOString(),
        deployTime: new Date(at).toISOString(),
      });
    }
    if (i % 5 === 0) {
      for (let day = 1; day <= 30; day++) {
        const total = 10_000;
        availability.push({
          source: 'bench',
          externalId: `${i}-${day}`,
          service: service.entityRef,
          start: new Date(now.getTime() - day * DAY).toISOString(),
          end: new Date(now.getTime() - (day - 1) * DAY).toISOString(),
          good: total - Math.floor(rnd() * 200),
          total,
        });
      }
    }
  }
  await time(
    `write ${deployments.length} deployments, ${availability.length} availability intervals`,
    async () => {
      for (const [kind, items] of [
        ['deployments', deployments],
        ['availability', availability],
      ] as const) {
        // SQLite takes at most 500 rows in one multi-row insert.
        for (let i = 0; i < items.length; i += BATCH) {
          await events.write(
            readEventBatch(kind, { items: items.slice(i, i + BATCH) }),
          );
        }
      }
    },
  );

  const refs = snapshot.services.map(service => service.entityRef);
  const words = ['service', 'team 12', 'person 3-4', 'domain 7', 'svc-1'];
  const ordinary = (i: number) =>
    i % 2
      ? directory.service(refs[(i * 7919) % refs.length])
      : directory.query({ query: words[i % words.length] });

  // Cold: the first page as the view asks for it, answered once the rows are built.
  let start = performance.now();
  const first = await directory.query({ limit: 100 });
  const firstMs = performance.now() - start;
  const firstJson = JSON.stringify(first);
  const firstGzipKb = gzipSync(firstJson, { level: 5 }).length / 1024;
  console.log(
    `${'first answer, cold (rows, 30-day totals; first page of 100)'.padEnd(
      62,
    )} ${firstMs.toFixed(0).padStart(7)} ms; ${(
      firstJson.length / 1024
    ).toFixed(0)} KB JSON, ${firstGzipKb.toFixed(1)} KB gzipped ${againstGoal(
      firstGzipKb,
      FIRST_ANSWER_GOAL_KB,
      { unit: 'KB gzipped' },
    )}`,
  );
  await underLoad(
    'who is on call for every rota, cold (behind the first answer)',
    () => directory.refresh(),
    ordinary,
  );
  const cold = (await directory.current())!;
  console.log(
    `directory: ${cold.directory.services.length} services, ${cold.directory.teams.length} teams, ${cold.directory.domains.length} domains`,
  );
  const onCall = cold.directory.services.filter(s => s.onCall?.person).length;
  const findings = cold.directory.services.filter(
    s => s.ownership.length > 0,
  ).length;
  console.log(
    `services with someone on call now: ${onCall}; with ownership findings: ${findings}`,
  );
  const facets = (await directory.facets())!;
  console.log(
    `filters' teams and domains (GET /directory/facets, asked beside the first page): ${(
      facets.json.length / 1024
    ).toFixed(0)} KB JSON, ${(facets.gzipped.length / 1024).toFixed(
      1,
    )} KB gzipped`,
  );

  // A keystroke's search, each time a new one (a kept selection would be quicker still).
  const searches: number[] = [];
  for (let i = 0; i < 40; i++) {
    const query = `service ${(i * 373) % (TEAMS * 5)}`;
    start = performance.now();
    await directory.query({ query });
    searches.push(performance.now() - start);
  }
  searches.sort((a, b) => a - b);
  const searchMedian = percentile(searches, 0.5);
  console.log(
    `${'search, a new query each time (40 queries)'.padEnd(
      62,
    )} median ${searchMedian.toFixed(1)} ms, p99 ${percentile(
      searches,
      0.99,
    ).toFixed(1)} ms ${againstGoal(searchMedian, SEARCH_GOAL_MS, {
      unit: 'ms',
    })}`,
  );
  const grouped: number[] = [];
  for (let i = 0; i < 10; i++) {
    start = performance.now();
    await directory.query({ query: `person ${i}`, groupBy: 'team' });
    grouped.push(performance.now() - start);
    if (process.env.BENCH_VERBOSE)
      console.log(`  person ${i}: ${grouped[i].toFixed(1)} ms`);
  }
  grouped.sort((a, b) => a - b);
  console.log(
    `${'search grouped by team (10 queries)'.padEnd(62)} median ${percentile(
      grouped,
      0.5,
    ).toFixed(1)} ms, slowest ${grouped[grouped.length - 1].toFixed(1)} ms`,
  );

  const samples: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    start = performance.now();
    await directory.query({ offset: (i * 100) % refs.length });
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `warm page of 100 rows, ${WARM_RUNS} requests: median ${percentile(
      samples,
      0.5,
    ).toFixed(2)} ms, p95 ${percentile(samples, 0.95).toFixed(
      2,
    )} ms, max ${samples[WARM_RUNS - 1].toFixed(2)} ms`,
  );

  now = new Date(now.getTime() + MINUTE + 1_000);
  await underLoad(
    'refresh a minute later (only rotas whose answer can change)',
    () => directory.refresh(),
    ordinary,
  );
  await assessments.replaceSnapshotInSlices(
    { ...generateOrganisation(size), readAt: new Date() },
    now,
  );
  await underLoad(
    'refresh after a new catalog snapshot (rows, index, definitions)',
    () => directory.refresh(),
    ordinary,
  );
  now = new Date(now.getTime() + 11 * MINUTE);
  await underLoad(
    'refresh 11 minutes on: every rota past its maximum age',
    () => directory.refresh(),
    ordinary,
  );

  global.gc?.();
  const memory = process.memoryUsage();
  console.log(
    `memory after the directory bench: heap used ${(
      memory.heapUsed /
      2 ** 20
    ).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(
      0,
    )} MiB (issue 11 measured 757 MiB heap, 1.5 GiB rss at --scale 5)`,
  );
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
