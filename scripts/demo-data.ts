import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isOperatingModelService } from '@operating-model/backstage-plugin-operating-model-common';

/**
 * Fills the running example app with a year of believable delivery and incident events, and an
 * example rota override, through the plugin's own HTTP API with the example's demo-loader token.
 * Some teams meet their targets and some do not, so the charts and the leaders' view have
 * something to say. Safe to run again: every event is keyed by source and externalId.
 *
 *   node scripts/run-ts.js scripts/demo-data.ts   (the start command runs it for you)
 */
const backend = process.env.BACKEND_URL ?? 'http://localhost:7007';
const token =
  process.env.OPERATING_MODEL_DEMO_TOKEN ?? 'local-development-demo-token';
const headers = {
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
};
const SOURCE = 'demo-data';
/**
 * A team that has only just moved on to the plugin: nothing of it is sent, so its services show
 * "No data" for a reason a reader can see, beside teams that meet their targets and teams that miss.
 */
const TEAM_WITHOUT_DATA = 'group:default/appointments-team';
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

interface Service {
  entityRef: string;
  owner: string | null;
  system: string | null;
  domain: string | null;
  financialExposurePerHour: number | null;
  deploymentTarget: string | null;
  practices: { preApprovedChanges: boolean | null };
}

/** A seeded pseudo-random sequence: the same demo organisation on every run. */
function seeded(seed: number) {
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
const random = seeded(2026);
const between = (low: number, high: number) => low + random() * (high - low);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

/** Poisson-distributed count with the given mean (Knuth; the means here are small). */
function poisson(mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${backend}${path}`, { ...init, headers });
  if (!response.ok) {
    throw new Error(
      `${init?.method ?? 'GET'} ${path}: ${
        response.status
      } ${await response.text()}`,
    );
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The catalog's Components the plugin lists as services (rule: type service or our annotations). */
async function catalogServiceRefs(): Promise<string[]> {
  const { items } = await call<{ items: Entity[] }>(
    '/api/catalog/entities/by-query?filter=kind=component&limit=1000' +
      '&fields=kind,metadata.name,metadata.namespace,metadata.annotations,spec.type',
  );
  return items
    .filter(isOperatingModelService)
    .map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
    .sort();
}

/**
 * Waits until the plugin lists every service the catalog has: the catalog reads its files over
 * some seconds and the plugin reads the catalog every 30 s, so the first non-empty answer can be
 * a part of the organisation, and demo data loaded then would leave whole domains without any.
 */
async function waitForEveryService(): Promise<Service[]> {
  let previous: string[] = [];
  let missing: string[] = [];
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const expected = await catalogServiceRefs();
      const { items } = await call<{ items: Service[] }>(
        '/api/operating-model/services',
      );
      const listed = new Set(
        items.map(s => s.entityRef.toLocaleLowerCase('en-US')),
      );
      missing = expected.filter(ref => !listed.has(ref));
      // The catalog has settled (the same services twice running) and the plugin has them all.
      const settled =
        expected.length > 0 && expected.join() === previous.join();
      if (settled && missing.length === 0) return items;
      previous = expected;
    } catch {
      // The backend is still starting.
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(
    missing.length > 0
      ? `The plugin at ${backend} still lacks ${missing.length} of the catalog's services after four minutes (first ${missing[0]})`
      : `No services at ${backend} after four minutes; is the app running?`,
  );
}

async function post(kind: string, items: object[]) {
  for (let i = 0; i < items.length; i += 5000) {
    await call(`/api/operating-model/events/${kind}`, {
      method: 'POST',
      body: JSON.stringify({ items: items.slice(i, i + 5000) }),
    });
  }
  console.log(`  ${kind}: ${items.length}`);
}

const PER_WEEK: Record<string, number> = {
  daily: 5,
  weekly: 1.2,
  fortnightly: 0.6,
  monthly: 0.3,
};

async function main() {
  const services = await waitForEveryService();
  const { items: users } = await call<{
    items: Array<{ metadata: { name: string } }>;
  }>(
    '/api/catalog/entities/by-query?filter=kind=user&fields=metadata.name&limit=500',
  );
  const people = users.map(u => `user:default/${u.metadata.name}`);
  const end = Date.now();
  const start = end - 365 * DAY;

  // Each team gets a steady character: how close it runs to its targets.
  const teams = [
    ...new Set(services.map(s => s.owner).filter((o): o is string => !!o)),
  ]
    .filter(team => team !== TEAM_WITHOUT_DATA)
    .sort();
  const performance = new Map(teams.map(team => [team, between(0.35, 1.3)]));
  const deployments: object[] = [];
  const incidents: object[] = [];
  const availability: object[] = [];
  const reviews: object[] = [];
  const reads: object[] = [];
  const actions: object[] = [];
  const chaosDays: object[] = [];
  const rework: object[] = [];

  const withData = services.filter(s => s.owner !== TEAM_WITHOUT_DATA);
  for (const service of withData) {
    const name = service.entityRef.split('/')[1];
    const factor = performance.get(service.owner ?? '') ?? 0.8;
    const exposure = service.financialExposurePerHour ?? 10000;
    const perWeek =
      (PER_WEEK[service.deploymentTarget ?? 'monthly'] ?? 0.3) * factor;
    for (let week = 0; week < 52; week++) {
      for (let n = poisson(perWeek); n > 0; n--) {
        const deployTime =
          start + week * 7 * DAY + between(0, 5) * DAY + between(9, 17) * HOUR;
        const leadDays = between(0.2, 6) / factor;
        // A few deployments go out in lockstep with the rest of their system.
        const lockstep =
          service.system && random() < 0.1
            ? `${service.system}-release-${week}`
            : null;
        deployments.push({
          source: SOURCE,
          externalId: `${name}-${week}-${n}`,
          service: service.entityRef,
          environment: 'production',
          buildTime: new Date(deployTime - leadDays * DAY).toISOString(),
          deployTime: new Date(deployTime).toISOString(),
          releaseId: lockstep,
          standardChange:
            random() < (service.practices.preApprovedChanges ? 0.85 : 0.1),
          version: `1.${week}.${n}`,
        });
      }
    }

    const downtime = new Map<number, number>();
    for (let month = 0; month < 12; month++) {
      for (let n = poisson(1.4 / factor); n > 0; n--) {
        const startedAt =
          start +
          month * 30 * DAY +
          between(0, 29) * DAY +
          between(0, 24) * HOUR;
        const minutes = Math.round(between(8, 150) / factor);
        const restoredAt = startedAt + minutes * 60000;
        const day = Math.floor((startedAt - start) / DAY);
        downtime.set(day, (downtime.get(day) ?? 0) + minutes);
        const major = minutes > 45 || exposure > 250000;
        const id = `${name}-inc-${month}-${n}`;
        incidents.push({
          source: SOURCE,
          externalId: id,
          services: [service.entityRef],
          title: `${name} degraded`,
          startedAt: new Date(startedAt).toISOString(),
          acknowledgedAt: new Date(
            startedAt + between(1, 20) * 60000,
          ).toISOString(),
          restoredAt: new Date(restoredAt).toISOString(),
          financialLoss: Math.round(
            ((exposure * minutes) / 60) * between(0.2, 0.9),
          ),
          severity: major ? 'major' : 'minor',
          majorIncidentManager: major && exposure > 250000,
        });
        if (major) {
          const published = restoredAt + between(1, 5) * DAY;
          reviews.push({
            source: SOURCE,
            externalId: `${id}-review`,
            services: [service.entityRef],
            incidentSource: SOURCE,
            incidentExternalId: id,
            title: `Post-incident review: ${name} degraded`,
            url: `https://wiki.hearthandhome.example/reviews/${id}`,
            publishedAt: new Date(published).toISOString(),
          });
          for (let r = Math.round(between(2, 14) * factor); r > 0; r--) {
            reads.push({
              source: SOURCE,
              reviewExternalId: `${id}-review`,
              person: pick(people),
              readAt: new Date(published + between(0, 20) * DAY).toISOString(),
            });
          }
          for (let a = Math.ceil(between(0, 3)); a > 0; a--) {
            const completed = published + (between(2, 45) / factor) * DAY;
            actions.push({
              source: SOURCE,
              externalId: `${id}-action-${a}`,
              service: service.entityRef,
              reviewSource: SOURCE,
              reviewExternalId: `${id}-review`,
              title: `Follow-up ${a} for ${name}`,
              definedAt: new Date(published).toISOString(),
              completedAt:
                completed < end && random() < 0.8
                  ? new Date(completed).toISOString()
                  : null,
            });
          }
        }
      }
    }

    const dailyRequests = Math.round(between(50000, 2000000));
    for (let day = 0; day < 365; day++) {
      const bad = Math.round(
        (dailyRequests * (downtime.get(day) ?? 0)) / 1440 +
          dailyRequests * 0.0005 * random(),
      );
      availability.push({
        source: SOURCE,
        externalId: `${name}-day-${day}`,
        service: service.entityRef,
        start: new Date(start + day * DAY).toISOString(),
        end: new Date(start + (day + 1) * DAY).toISOString(),
        good: dailyRequests - Math.min(bad, dailyRequests),
        total: dailyRequests,
      });
    }

    if (factor > 0.9) {
      for (let quarter = 0; quarter < 4; quarter++) {
        const held = new Date(start + (quarter * 91 + between(20, 70)) * DAY)
          .toISOString()
          .slice(0, 10);
        chaosDays.push({
          source: SOURCE,
          externalId: `${name}-chaos-${quarter}`,
          service: service.entityRef,
          date: held,
        });
      }
    }
  }

  for (const team of teams) {
    const factor = performance.get(team) ?? 0.8;
    for (let week = 0; week < 52; week++) {
      rework.push({
        source: SOURCE,
        externalId: `${team.split('/')[1]}-rework-${week}`,
        team,
        week: new Date(start + week * 7 * DAY).toISOString().slice(0, 10),
        hours: Math.round(between(4, 40) / factor),
      });
    }
  }

  console.log(
    `Writing a year of demo events for ${withData.length} of ${services.length} services to ${backend} (none for ${TEAM_WITHOUT_DATA}, new to the plugin):`,
  );
  await post('deployments', deployments);
  await post('incidents', incidents);
  await post('availability', availability);
  await post('reviews', reviews);
  await post('review-reads', reads);
  await post('actions', actions);
  await post('chaos-days', chaosDays);
  await post('rework', rework);

  await addExampleOverride();
}

/** One override on the furnishing domain rota next Tuesday night, so the calendar shows one. */
async function addExampleOverride() {
  const rota = '/api/operating-model/schedules/domain/default/furnishing';
  const now = new Date();
  const tuesday = new Date(
    now.getTime() + (((9 - now.getUTCDay()) % 7) + 7) * DAY,
  );
  const from = new Date(
    Date.UTC(
      tuesday.getUTCFullYear(),
      tuesday.getUTCMonth(),
      tuesday.getUTCDate(),
      18,
    ),
  );
  const to = new Date(from.getTime() + 14 * HOUR);
  const schedule = await call<{
    participants: string[];
    overrides: unknown[];
    shifts: Array<{ person: string; start: string; end: string }>;
  }>(`${rota}?from=${from.toISOString()}&to=${to.toISOString()}`);
  if (schedule.overrides.length > 0 || schedule.participants.length < 2) return;
  const covered =
    schedule.shifts.find(
      s => new Date(s.start) <= from && from < new Date(s.end),
    )?.person ?? null;
  const person =
    schedule.participants.find(p => p !== covered) ?? schedule.participants[0];
  await call(`${rota}/overrides`, {
    method: 'POST',
    body: JSON.stringify({
      person,
      covers: covered,
      start: from.toISOString(),
      end: to.toISOString(),
      reason: 'Swapped nights for a family event (example override)',
    }),
  });
  console.log(
    `  an override on the furnishing domain rota: ${person} covers ${from.toISOString()}`,
  );
}

main().catch(error => {
  console.error(`Demo data not loaded: ${error.message}`);
  process.exit(1);
});
