/**
 * Benchmark: the discoverability view's `GET /directory` answer for a generated organisation
 * (10,000 services, 2,000 teams of 10 people, 300 domains) with 30 days of deployments and
 * availability, through the real DirectoryService, RotaService and EventStore on an in-memory
 * SQLite database. Prints the cold and warm times and the answer's size; asserts nothing.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:directory [--scale 0.1]
 */
import knexFactory from 'knex';
import { performance } from 'perf_hooks';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { DirectoryService } from '../src/directory/DirectoryService';
import {
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
  assessments.replaceSnapshot(snapshot);
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

  const cold = await time(
    'first answer (rows, every rota, 30-day totals, serialise)',
    () => directory.current(),
  );
  console.log(
    `answer: ${cold!.directory.services.length} services, ${
      cold!.directory.teams.length
    } teams, ` +
      `${(cold!.json.length / 2 ** 20).toFixed(1)} MiB JSON, ${(
        cold!.gzipped.length /
        2 ** 20
      ).toFixed(2)} MiB gzipped`,
  );
  const onCall = cold!.directory.services.filter(s => s.onCall?.person).length;
  const findings = cold!.directory.services.filter(
    s => s.ownership.length > 0,
  ).length;
  console.log(
    `services with someone on call now: ${onCall}; with ownership findings: ${findings}`,
  );

  const samples: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const start = performance.now();
    await directory.current();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `warm answer, ${WARM_RUNS} requests: median ${samples[
      WARM_RUNS >> 1
    ].toFixed(2)} ms, ` +
      `p95 ${samples[Math.floor(WARM_RUNS * 0.95)].toFixed(
        2,
      )} ms, max ${samples[WARM_RUNS - 1].toFixed(2)} ms`,
  );

  now = new Date(now.getTime() + 61_000);
  await time(
    'refresh of who is on call a minute later (behind the answer)',
    () => directory.refresh(),
  );
  assessments.replaceSnapshot({
    ...generateOrganisation(size),
    readAt: new Date(),
  });
  await time(
    'answer right after a new catalog snapshot (the previous one)',
    () => directory.current(),
  );
  await time('rebuild behind it (rows, serialise, gzip)', () =>
    directory.refresh(),
  );

  const memory = process.memoryUsage();
  console.log(
    `memory: heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(
      memory.rss /
      2 ** 20
    ).toFixed(0)} MiB`,
  );
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
