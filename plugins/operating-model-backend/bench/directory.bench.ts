/**
 * Benchmark: the discoverability view's `GET /directory` answer for a generated organisation
 * (10,000 services, 2,000 teams of 10 people, 300 domains) with 30 days of deployments and
 * availability, through the real DirectoryService, RotaService and EventStore on an in-memory
 * SQLite database. Prints the cold and warm times and the answer's size; asserts nothing.
 *
 *   yarn workspace @internal/plugin-operating-model-backend bench:directory [--scale 0.1]
 */
import knexFactory from 'knex';
import { performance } from 'perf_hooks';
import { readOperatingModelConfigFromObject } from '@internal/plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { OrgSnapshot } from '../src/catalog/readOrgSnapshot';
import { DirectoryService } from '../src/directory/DirectoryService';
import { EventStore } from '../src/events/EventStore';
import { readEventBatch } from '../src/events/eventSchemas';
import { RotaService } from '../src/rotas/RotaService';
import { RotaStore } from '../src/rotas/RotaStore';

const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const TEAMS = Math.max(2, Math.round(2000 * scale));
const PEOPLE_PER_TEAM = 10;
const DOMAINS = Math.max(1, Math.round(300 * scale));
const SERVICES_PER_TEAM = 5;
const WARM_RUNS = 200;
const BATCH = 400;

const DAY = 86_400_000;
const quietLogger = { info() {}, warn() {}, error() {}, debug() {}, child() { return quietLogger; } } as any;

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

function generate(): OrgSnapshot {
  const rnd = random(42);
  const exposures = ['5K', '120K', '200K', '600K', '900K'];
  const demands = ['low', 'medium', 'high', 'very-high'];
  const titles = new Map<string, string>();
  const groups: OrgSnapshot['groups'] = [];
  const users: OrgSnapshot['users'] = [];
  const services: OrgSnapshot['services'] = [];
  const resources: NonNullable<OrgSnapshot['resources']> = [];
  const domains = Array.from({ length: DOMAINS }, (_, d) => {
    titles.set(`domain:default/domain-${d}`, `Domain ${d}`);
    return { entityRef: `domain:default/domain-${d}`, annotations: {} };
  });
  for (let t = 0; t < TEAMS; t++) {
    const team = `group:default/team-${t}`;
    titles.set(team, `Team ${t}`);
    const members: string[] = [];
    for (let p = 0; p < PEOPLE_PER_TEAM; p++) {
      const person = `user:default/person-${t}-${p}`;
      members.push(person);
      users.push({ entityRef: person, email: `person-${t}-${p}@example.com`, optedOut: rnd() < 0.03 });
      titles.set(person, `Person ${t}-${p}`);
    }
    groups.push({
      entityRef: team,
      type: 'team',
      annotations: t % 7 === 0 ? { 'operating-model.io/timezone': 'America/New_York' } : {},
      members,
    });
    const domain = domains[t % DOMAINS].entityRef;
    for (let s = 0; s < SERVICES_PER_TEAM; s++) {
      const ref = `component:default/service-${t}-${s}`;
      titles.set(ref, `Service ${t}-${s}`);
      const db = `resource:default/db-${t}-${s}`;
      resources.push({ entityRef: db, type: 'database', dependents: [] });
      services.push({
        entityRef: ref,
        owner: team,
        system: null,
        domain,
        annotations: {
          'operating-model.io/financial-exposure': exposures[Math.floor(rnd() * exposures.length)],
          'operating-model.io/feature-demand': demands[Math.floor(rnd() * demands.length)],
        },
        links: [
          { url: `https://runbooks.example/${t}-${s}`, type: 'runbook' },
          { url: `https://chat.example/inc-${t}-${s}`, type: 'incident-channel' },
        ],
        // One service in fifty also reads its neighbour's database.
        dependsOn: rnd() < 0.02 ? [db, `resource:default/db-${t}-${(s + 1) % SERVICES_PER_TEAM}`] : [db],
      });
    }
  }
  return { services, groups, users, domains, resources, titles, readAt: new Date() };
}

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(62)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

async function main() {
  const config = readOperatingModelConfigFromObject({});
  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
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

  const snapshot = generate();
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
  await time(`write ${deployments.length} deployments, ${availability.length} availability intervals`, async () => {
    for (const [kind, items] of [['deployments', deployments], ['availability', availability]] as const) {
      // SQLite takes at most 500 rows in one multi-row insert.
      for (let i = 0; i < items.length; i += BATCH) {
        await events.write(readEventBatch(kind, { items: items.slice(i, i + BATCH) }));
      }
    }
  });

  const cold = await time('first answer (rows, every rota, 30-day totals, serialise)', () =>
    directory.current(),
  );
  console.log(
    `answer: ${cold!.directory.services.length} services, ${cold!.directory.teams.length} teams, ` +
      `${(cold!.json.length / 2 ** 20).toFixed(1)} MiB JSON, ${(cold!.gzipped.length / 2 ** 20).toFixed(2)} MiB gzipped`,
  );
  const onCall = cold!.directory.services.filter(s => s.onCall?.person).length;
  const findings = cold!.directory.services.filter(s => s.ownership.length > 0).length;
  console.log(`services with someone on call now: ${onCall}; with ownership findings: ${findings}`);

  const samples: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const start = performance.now();
    await directory.current();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `warm answer, ${WARM_RUNS} requests: median ${samples[WARM_RUNS >> 1].toFixed(2)} ms, ` +
      `p95 ${samples[Math.floor(WARM_RUNS * 0.95)].toFixed(2)} ms, max ${samples[WARM_RUNS - 1].toFixed(2)} ms`,
  );

  now = new Date(now.getTime() + 61_000);
  await time('refresh of who is on call a minute later (behind the answer)', () => directory.refresh());
  assessments.replaceSnapshot({ ...generate(), readAt: new Date() });
  await time('answer right after a new catalog snapshot (the previous one)', () => directory.current());
  await time('rebuild behind it (rows, serialise, gzip)', () => directory.refresh());

  const memory = process.memoryUsage();
  console.log(
    `memory: heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB`,
  );
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
