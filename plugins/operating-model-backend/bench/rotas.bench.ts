/**
 * Benchmark: builds every rota of a generated organisation (2,000 teams, 20,000 people, 300
 * domains, 10,000 services) over a year and answers who-is-paged, through the plugin's own
 * RotaService and RotaStore on an in-memory SQLite database. Prints figures; asserts nothing.
 *
 *   yarn workspace @internal/plugin-operating-model-backend bench:rotas [--scale 0.1]
 */
import knexFactory from 'knex';
import { performance } from 'perf_hooks';
import { readOperatingModelConfigFromObject } from '@internal/plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { OrgSnapshot } from '../src/catalog/readOrgSnapshot';
import { RotaService } from '../src/rotas/RotaService';
import { RotaStore } from '../src/rotas/RotaStore';

const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const TEAMS = Math.round(2000 * scale);
const PEOPLE_PER_TEAM = 10;
const DOMAINS = Math.max(1, Math.round(300 * scale));
const SERVICES_PER_TEAM = 5;
const LOOKUPS = 10000;

const DAY = 24 * 60 * 60 * 1000;
const quietLogger = { info() {}, warn() {}, error() {}, debug() {}, child() { return quietLogger; } } as any;

/** A deterministic pseudo-random sequence, so every run measures the same organisation. */
function random(seed: number) {
  // mulberry32: 32-bit integer arithmetic, so no precision is lost.
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
  const domains = Array.from({ length: DOMAINS }, (_, d) => ({
    entityRef: `domain:default/domain-${d}`,
    annotations: {},
  }));
  for (let t = 0; t < TEAMS; t++) {
    const team = `group:default/team-${t}`;
    const members: string[] = [];
    for (let p = 0; p < PEOPLE_PER_TEAM; p++) {
      const person = `user:default/person-${t}-${p}`;
      members.push(person);
      users.push({ entityRef: person, email: null, optedOut: rnd() < 0.03 });
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
      services.push({
        entityRef: `component:default/service-${t}-${s}`,
        owner: team,
        system: null,
        domain,
        annotations: {
          'operating-model.io/financial-exposure': exposures[Math.floor(rnd() * exposures.length)],
          'operating-model.io/feature-demand': demands[Math.floor(rnd() * demands.length)],
        },
        links: [],
      });
    }
  }
  return { services, groups, users, domains, titles, readAt: new Date() };
}

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(8)} ms`);
  return result;
}

async function main() {
  const config = readOperatingModelConfigFromObject({});
  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  // Run from the package folder by scripts/run-ts.js.
  await knex.migrate.latest({ directory: 'migrations' });
  const assessments = new ServiceAssessments(config, quietLogger);
  const rotas = new RotaService(assessments, new RotaStore(knex), config);
  const now = new Date('2026-06-01T12:00:00Z');
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date(from.getTime() + 365 * DAY);

  const snapshot = generate();
  console.log(
    `organisation: ${TEAMS} teams, ${snapshot.users.length} people, ${DOMAINS} domains, ${snapshot.services.length} services`,
  );
  await time('assess every service', () => {
    assessments.replaceSnapshot(snapshot);
    return assessments.list(now).length;
  });

  let teamShifts = 0;
  await time(`build ${TEAMS} team rotas over a year (first time)`, async () => {
    for (const group of snapshot.groups) {
      teamShifts += (await rotas.schedule(group.entityRef, from, to, now)).shifts.length;
    }
  });
  await time(`build ${TEAMS} team rotas over a year (with history)`, async () => {
    for (const group of snapshot.groups) {
      await rotas.schedule(group.entityRef, from, to, now);
    }
  });
  let domainShifts = 0;
  await time(`build ${DOMAINS} domain rotas over a year`, async () => {
    for (const domain of snapshot.domains) {
      domainShifts += (await rotas.schedule(domain.entityRef, from, to, now)).shifts.length;
    }
  });
  console.log(`shifts: ${teamShifts} team, ${domainShifts} domain`);

  const rnd = random(7);
  const lookups = Array.from({ length: LOOKUPS }, () => ({
    service: snapshot.services[Math.floor(rnd() * snapshot.services.length)].entityRef,
    at: new Date(from.getTime() + Math.floor(rnd() * 365 * DAY)),
  }));
  const answered = await time(`who is paged: ${LOOKUPS} lookups at random instants`, async () => {
    let withPerson = 0;
    for (const lookup of lookups) {
      const answer = await rotas.onCall(lookup.service, lookup.at, now);
      if (answer.person || answer.next?.person) withPerson++;
    }
    return withPerson;
  });
  console.log(`lookups answered with a person: ${answered} of ${LOOKUPS}`);
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
