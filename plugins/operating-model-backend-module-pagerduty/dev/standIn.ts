/**
 * Runs the PagerDuty stand-in (src/__testUtils__/pagerDutyStandIn.ts) as a local server, with a
 * year of incidents, so the example app (see ../README.md) or the benchmark can sync from it
 * without a PagerDuty account.
 *
 *   node ../../scripts/run-ts.js dev/standIn.ts [--port 7210] [--token stand-in-token]
 *     [--catalog dev/catalog-info.yaml] [--services 2000] [--incidents-per-service 12] [--no-live]
 *
 * By default it serves the services named in dev/catalog-info.yaml (all but PLGCY01, which it
 * leaves unknown) and, every two minutes, resolves an open incident and opens a new one, so each
 * sync has something to update. `--services N` serves N generated services (PSVC0001, ...)
 * instead, as the benchmark does. It prints `listening on <url>` once it answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PagerDutyStandIn } from '../src/__testUtils__/pagerDutyStandIn';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The dev catalog's Component whose PagerDuty service was deleted. */
const UNKNOWN_SERVICE = 'PLGCY01';

/** A deterministic pseudo-random sequence (mulberry32), so every start serves the same year. */
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

const TITLES = [
  'Error rate above 5% for 5 minutes',
  'p99 latency above 2 seconds',
  'Queue depth growing for 15 minutes',
  'Health check failing in one zone',
  'Certificate expires in 7 days',
  'Disk 90% full',
  'Third-party API timing out',
];

/**
 * The service ids of dev/catalog-info.yaml (or `--catalog`), found from the package or the
 * repository root, read without a YAML parser: one annotation per line.
 */
function catalogServiceIds(): string[] {
  const file = [
    argument('--catalog'),
    'dev/catalog-info.yaml',
    'plugins/operating-model-backend-module-pagerduty/dev/catalog-info.yaml',
  ]
    .filter((f): f is string => f !== undefined)
    .map(f => resolve(process.cwd(), f))
    .find(f => existsSync(f));
  if (!file)
    throw new Error('No dev/catalog-info.yaml here; pass --catalog <file>');
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/pagerduty\.com\/service-id:\s*'?([A-Za-z0-9]+)/g)]
    .map(m => m[1])
    .filter(id => id !== UNKNOWN_SERVICE);
}

/**
 * A year of incidents for each service, evenly spread with some jitter: most acknowledged within
 * 20 minutes (a few twice) and resolved within hours, some with a priority; the last one of every
 * tenth service still open.
 */
export function seedYear(
  standIn: PagerDutyStandIn,
  serviceIds: string[],
  options: { now: number; perService: number; seed?: number },
): number {
  const next = random(options.seed ?? 11);
  let count = 0;
  serviceIds.forEach((serviceId, s) => {
    standIn.addService(serviceId, `Service ${serviceId}`);
    for (let i = 0; i < options.perService; i++) {
      const createdAt =
        options.now -
        365 * DAY +
        ((i + next()) * 365 * DAY) / options.perService;
      if (createdAt >= options.now - 5 * MINUTE) continue;
      const open = s % 10 === 0 && i === options.perService - 1;
      const acknowledged = next() < 0.9;
      const ackAt = createdAt + (1 + next() * 19) * MINUTE;
      const resolvedAt = ackAt + (10 + next() * 470) * MINUTE;
      const priority =
        next() < 0.3 ? `P${1 + Math.floor(next() * 3)}` : undefined;
      standIn.addIncident({
        serviceId,
        title: TITLES[Math.floor(next() * TITLES.length)],
        createdAt: new Date(createdAt).toISOString(),
        urgency: next() < 0.7 ? 'high' : 'low',
        priority,
        acknowledgedAt: acknowledged
          ? [ackAt, ...(next() < 0.1 ? [ackAt + 30 * MINUTE] : [])]
              .filter(at => !open || at < options.now)
              .map(at => new Date(at).toISOString())
          : [],
        resolvedAt:
          open || resolvedAt >= options.now
            ? undefined
            : new Date(resolvedAt).toISOString(),
      });
      count += 1;
    }
  });
  return count;
}

async function main() {
  const services = argument('--services');
  const serviceIds = services
    ? Array.from(
        { length: Number(services) },
        (_, i) => `PSVC${String(i + 1).padStart(4, '0')}`,
      )
    : catalogServiceIds();
  const standIn = await PagerDutyStandIn.start({
    port: Number(argument('--port') ?? 7210),
    token: argument('--token') ?? 'stand-in-token',
  });
  const now = Date.now();
  const incidents = seedYear(standIn, serviceIds, {
    now,
    perService: Number(argument('--incidents-per-service') ?? 12),
  });
  console.log(
    `PagerDuty stand-in listening on ${standIn.url} (${serviceIds.length} services, ${incidents} incidents; token ${standIn.token})`,
  );

  if (!process.argv.includes('--no-live') && serviceIds.length > 0) {
    const next = random(7);
    const open: string[] = [];
    setInterval(() => {
      const at = new Date().toISOString();
      const resolving = open.shift();
      if (resolving) {
        standIn.resolve(resolving, at);
        console.log(`${at} resolved ${resolving}`);
      }
      const id = standIn.addIncident({
        serviceId: serviceIds[Math.floor(next() * serviceIds.length)],
        title: TITLES[Math.floor(next() * TITLES.length)],
        createdAt: at,
        acknowledgedAt: [new Date(Date.now() + 1000).toISOString()],
      });
      open.push(id);
      console.log(`${at} opened ${id}`);
    }, 2 * MINUTE);
  }

  const stop = async () => {
    await standIn.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
