/**
 * Benchmark: builds every rota of a generated organisation (2,000 teams, 20,000 people, 300
 * domains, 10,000 services) over a year and answers who-is-paged, through the plugin's own
 * RotaService and RotaStore on an in-memory SQLite database. Prints figures beside issue 11's goal
 * (a year of 10,000 team rotas well under 10 s, scaled to the size built); asserts nothing.
 * `--scale 5` is 10,000 teams, 100,000 people, 1,500 domains and 50,000 services.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:rotas [--scale 0.1]
 */
import knexFactory from 'knex';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { RotaService } from '../src/rotas/RotaService';
import { RotaStore } from '../src/rotas/RotaStore';
import {
  generateOrganisation,
  organisationSize,
  quietLogger,
  random,
  time,
} from './generatedOrganisation';

const size = organisationSize(process.argv);
const { teams: TEAMS, domains: DOMAINS } = size;
const LOOKUPS = 10000;
/** Issue 11's goal: a year of 10,000 team rotas well under 10 s; scaled to the teams built. */
const ROTA_GOAL_MS = (10_000 * TEAMS) / 10_000;

const DAY = 24 * 60 * 60 * 1000;
async function main() {
  const config = readOperatingModelConfigFromObject({});
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  // Run from the package folder by scripts/run-ts.js.
  await knex.migrate.latest({ directory: 'migrations' });
  const assessments = new ServiceAssessments(config, quietLogger);
  const rotas = new RotaService(assessments, new RotaStore(knex), config);
  const now = new Date('2026-06-01T12:00:00Z');
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date(from.getTime() + 365 * DAY);

  const snapshot = generateOrganisation(size);
  console.log(
    `organisation: ${TEAMS} teams, ${snapshot.users.length} people, ${DOMAINS} domains, ${snapshot.services.length} services`,
  );
  await time('assess every service', () => {
    assessments.replaceSnapshot(snapshot);
    return assessments.list(now).length;
  });

  let teamShifts = 0;
  await time(
    `build ${TEAMS} team rotas over a year (first time)`,
    async () => {
      for (const group of snapshot.groups) {
        teamShifts += (await rotas.schedule(group.entityRef, from, to, now))
          .shifts.length;
      }
    },
    ROTA_GOAL_MS,
  );
  await time(
    `build ${TEAMS} team rotas over a year (with history)`,
    async () => {
      for (const group of snapshot.groups) {
        await rotas.schedule(group.entityRef, from, to, now);
      }
    },
    ROTA_GOAL_MS,
  );
  let domainShifts = 0;
  await time(`build ${DOMAINS} domain rotas over a year`, async () => {
    for (const domain of snapshot.domains) {
      domainShifts += (await rotas.schedule(domain.entityRef, from, to, now))
        .shifts.length;
    }
  });
  console.log(`shifts: ${teamShifts} team, ${domainShifts} domain`);

  const rnd = random(7);
  const lookups = Array.from({ length: LOOKUPS }, () => ({
    service:
      snapshot.services[Math.floor(rnd() * snapshot.services.length)].entityRef,
    at: new Date(from.getTime() + Math.floor(rnd() * 365 * DAY)),
  }));
  const answered = await time(
    `who is paged: ${LOOKUPS} lookups at random instants`,
    async () => {
      let withPerson = 0;
      for (const lookup of lookups) {
        const answer = await rotas.onCall(lookup.service, lookup.at, now);
        if (answer.person || answer.next?.person) withPerson++;
      }
      return withPerson;
    },
  );
  console.log(`lookups answered with a person: ${answered} of ${LOOKUPS}`);
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
