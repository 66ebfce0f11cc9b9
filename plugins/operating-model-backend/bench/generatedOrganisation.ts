/**
 * The generated organisation the benchmarks share: teams of people in domains, each team owning
 * services across every band, with databases and links. Deterministic for a given size.
 */
import { performance } from 'perf_hooks';
import { OrgSnapshot } from '../src/catalog/readOrgSnapshot';

/** The size of a generated organisation; `--scale 0.1` on the command line shrinks the default. */
export function organisationSize(argv: string[]) {
  const scaleArg = argv.indexOf('--scale');
  const scale = scaleArg > 0 ? Number(argv[scaleArg + 1]) : 1;
  return {
    teams: Math.max(2, Math.round(2000 * scale)),
    peoplePerTeam: 10,
    domains: Math.max(1, Math.round(300 * scale)),
    servicesPerTeam: 5,
  };
}

export type OrganisationSize = ReturnType<typeof organisationSize>;

export const quietLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
} as any;

/** mulberry32: 32-bit integer arithmetic, so no precision is lost. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateOrganisation(size: OrganisationSize): OrgSnapshot {
  const {
    teams: TEAMS,
    peoplePerTeam: PEOPLE_PER_TEAM,
    domains: DOMAINS,
    servicesPerTeam: SERVICES_PER_TEAM,
  } = size;
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
      users.push({
        entityRef: person,
        email: `person-${t}-${p}@example.com`,
        optedOut: rnd() < 0.03,
      });
      titles.set(person, `Person ${t}-${p}`);
    }
    groups.push({
      entityRef: team,
      type: 'team',
      annotations:
        t % 7 === 0
          ? { 'operating-model.io/timezone': 'America/New_York' }
          : {},
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
          'operating-model.io/financial-exposure':
            exposures[Math.floor(rnd() * exposures.length)],
          'operating-model.io/feature-demand':
            demands[Math.floor(rnd() * demands.length)],
        },
        links: [
          { url: `https://runbooks.example/${t}-${s}`, type: 'runbook' },
          {
            url: `https://chat.example/inc-${t}-${s}`,
            type: 'incident-channel',
          },
        ],
        // One service in fifty also reads its neighbour's database.
        dependsOn:
          rnd() < 0.02
            ? [db, `resource:default/db-${t}-${(s + 1) % SERVICES_PER_TEAM}`]
            : [db],
      });
    }
  }
  return {
    services,
    groups,
    users,
    domains,
    resources,
    titles,
    readAt: new Date(),
  };
}

/**
 * A figure beside its goal: `(goal < 10 s, 0.43×)`. Ratios below 1 meet an upper goal, above 1 a
 * lower one (`atLeast`). Printed, never asserted.
 */
export function againstGoal(
  value: number,
  goal: number,
  options: { unit: string; atLeast?: boolean },
): string {
  const ratio = value / goal;
  const met = options.atLeast ? ratio >= 1 : ratio <= 1;
  return `(goal ${options.atLeast ? '≥' : '<'} ${goal.toLocaleString(
    'en-GB',
  )} ${options.unit}, ${ratio.toFixed(2)}×${met ? '' : ', missed'})`;
}

/** Runs `fn` and prints how long it took, beside a goal in milliseconds where one is given. */
export async function time<T>(
  label: string,
  fn: () => Promise<T> | T,
  goalMs?: number,
): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const took = performance.now() - start;
  console.log(
    `${label.padEnd(62)} ${took.toFixed(0).padStart(7)} ms${
      goalMs === undefined
        ? ''
        : ` ${againstGoal(took, goalMs, { unit: 'ms' })}`
    }`,
  );
  return result;
}
