/**
 * Reliability: 8 concurrent writers send N distinct events (default 1,000,000: half deployments,
 * a fifth incidents, the rest availability intervals) over HTTP to `POST /events/{kind}`, served
 * by the plugin's own HTTP router (`createRouter`: body reader, OpenAPI validation, then the
 * events router, so every batch goes through `readEventBatch` and `EventStore.write`, one
 * transaction per batch) on a fresh PostgreSQL database. One event in ten is sent a second time, by any writer, up to 1,500 places earlier or
 * later in that writer's stream, so the same event is often in two batches in flight at once.
 * When half the events have been acknowledged, PostgreSQL is restarted with `pg_ctlcluster`;
 * a writer whose batch fails retries it with backoff until it is acknowledged. At the end the
 * stored rows are counted and checked against what was sent. Prints figures; never asserts
 * timing. Exits 1 when an event is lost or stored twice, or a stored row differs from what was
 * sent (correctness), 2 when the run itself cannot go on.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:reliability \
 *     [--events 1000000] [--writers 8] [--no-restart] [--keep]
 *
 * OPERATING_MODEL_BENCH_PG names the server (default postgresql://postgres:postgres@localhost:5432);
 * a database `operating_model_reliability_<time>` is created on it and dropped afterwards unless
 * `--keep`. The restart needs the server to be a local cluster managed by pg_ctlcluster
 * (Debian/Ubuntu) and the right to run it; every other client of that server sees the restart too.
 */
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { execFile } from 'child_process';
import express from 'express';
import fs from 'fs';
import http from 'http';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { EventStore } from '../src/events/EventStore';
import { RouterOptions, createRouter } from '../src/router';
import {
  generateOrganisation,
  quietLogger,
  random,
} from './generatedOrganisation';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const EVENTS = Number(argument('--events') ?? 1_000_000);
const WRITERS = Number(argument('--writers') ?? 8);
const RESTART = !process.argv.includes('--no-restart');
const KEEP = process.argv.includes('--keep');
const PG_URL =
  process.env.OPERATING_MODEL_BENCH_PG ??
  'postgresql://postgres:postgres@localhost:5432';
if (
  !Number.isInteger(EVENTS) ||
  EVENTS < 1 ||
  !Number.isInteger(WRITERS) ||
  WRITERS < 1
) {
  console.error('--events and --writers take a positive whole number');
  process.exit(2);
}

/** One event in ten is sent again. */
const RESEND_SHARE = 0.1;
/** How far from the original, in places of the resending writer's stream, a resend goes. */
const RESEND_SPREAD = 1_500;
const MIN_BATCH = 500;
const MAX_BATCH = 2_000;
/** PostgreSQL is restarted once this share of all items has been acknowledged. */
const RESTART_AT = 0.5;
/** A batch still failing after this long means something other than the restart is wrong. */
const GIVE_UP_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 120_000;

const HOUR = 3_600_000;
const BASE = Date.parse('2025-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const fmt = (n: number | bigint) => n.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// The events: event i is a pure function of i, so a resend is the same event and the expected
// contents can be recomputed at the end without keeping a million events in memory.

type Kind = 'deployments' | 'incidents' | 'availability';
const KINDS: Kind[] = ['deployments', 'incidents', 'availability'];
/** i % 10: 0-4 deployments, 5-6 incidents, 7-9 availability. */
const kindOf = (i: number): Kind => {
  const r = i % 10;
  if (r < 5) return 'deployments';
  return r < 7 ? 'incidents' : 'availability';
};

/** The share of events of one kind, as kindOf deals them. */
const percentOfKind = (kind: Kind): number =>
  Array.from({ length: 10 }, (_, i) => kindOf(i)).filter(k => k === kind)
    .length * 10;

/** A 32-bit hash of (i, salt), for choices that must be the same every time event i is made. */
function hash(i: number, salt: number): number {
  let h =
    Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const organisation = generateOrganisation({
  teams: 20,
  peoplePerTeam: 4,
  domains: 4,
  servicesPerTeam: 5,
});
const SERVICES = organisation.services.map(s => s.entityRef);

interface Made {
  kind: Kind;
  item: Record<string, unknown>;
}

function eventOf(i: number): Made {
  const kind = kindOf(i);
  const service = SERVICES[hash(i, 1) % SERVICES.length];
  const at = BASE + (hash(i, 2) % (365 * 24)) * HOUR + (hash(i, 3) % HOUR);
  if (kind === 'deployments') {
    return {
      kind,
      item: {
        source: 'reliability-pipeline',
        externalId: `dep-${i}`,
        service,
        environment: hash(i, 4) % 10 === 0 ? 'staging' : 'production',
        buildTime: iso(at - (hash(i, 5) % (48 * HOUR))),
        deployTime: iso(at),
        releaseId: hash(i, 6) % 20 === 0 ? `train-${hash(i, 7) % 500}` : null,
        standardChange: hash(i, 8) % 2 === 0,
        version: `1.${i}.0`,
      },
    };
  }
  if (kind === 'incidents') {
    const hit = [service];
    if (hash(i, 9) % 5 === 0)
      hit.push(SERVICES[(SERVICES.indexOf(service) + 1) % SERVICES.length]);
    const minutes = 5 + (hash(i, 10) % 240);
    return {
      kind,
      item: {
        source: 'reliability-pager',
        externalId: `inc-${i}`,
        services: hit,
        startedAt: iso(at),
        acknowledgedAt: iso(at + 60_000),
        restoredAt: hash(i, 11) % 30 === 0 ? null : iso(at + minutes * 60_000),
        financialLoss: hash(i, 12) % 2 === 0 ? hash(i, 13) % 100_000 : null,
        severity: hash(i, 14) % 5 === 0 ? 'major' : 'minor',
      },
    };
  }
  const total = 1_000 + (hash(i, 15) % 4_000);
  return {
    kind,
    item: {
      source: 'reliability-prometheus',
      externalId: `av-${i}`,
      service,
      start: iso(BASE + i * 60_000),
      end: iso(BASE + (i + 1) * 60_000),
      good: total - (hash(i, 16) % 5),
      total,
    },
  };
}

/** What the stored rows must add up to, per kind, recomputed from the events themselves. */
function expectedTotals() {
  const totals = {
    rows: { deployments: 0, incidents: 0, availability: 0 } as Record<
      Kind,
      number
    >,
    incidentLinks: 0,
    deploymentLeadMs: 0n,
    incidentStartedMs: 0n,
    availabilityGood: 0n,
    availabilityTotal: 0n,
  };
  for (let i = 0; i < EVENTS; i++) {
    const { kind, item } = eventOf(i);
    totals.rows[kind]++;
    if (kind === 'deployments') {
      totals.deploymentLeadMs += BigInt(
        Date.parse(item.deployTime as string) -
          Date.parse(item.buildTime as string),
      );
    } else if (kind === 'incidents') {
      totals.incidentLinks += (item.services as string[]).length;
      totals.incidentStartedMs += BigInt(Date.parse(item.startedAt as string));
    } else {
      totals.availabilityGood += BigInt(item.good as number);
      totals.availabilityTotal += BigInt(item.total as number);
    }
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------
// The writers' streams: writer w sends events w, w + W, w + 2W, ...; a resent event goes to a
// writer picked by its hash, at a place near the original's.

interface Plan {
  /** resends[w] holds [place, event] pairs in order of place. */
  resends: Array<Array<[number, number]>>;
  places: number;
  total: number;
}

function plan(): Plan {
  const places = Math.ceil(EVENTS / WRITERS);
  const resends: Array<Array<[number, number]>> = Array.from(
    { length: WRITERS },
    () => [],
  );
  let count = 0;
  for (let i = 0; i < EVENTS; i++) {
    if (hash(i, 20) / 4294967296 >= RESEND_SHARE) continue;
    const writer = hash(i, 21) % WRITERS;
    const offset = (hash(i, 22) % (2 * RESEND_SPREAD + 1)) - RESEND_SPREAD;
    const place = Math.min(
      places - 1,
      Math.max(0, Math.floor(i / WRITERS) + offset),
    );
    resends[writer].push([place, i]);
    count++;
  }
  for (const list of resends) list.sort((a, b) => a[0] - b[0]);
  return { resends, places, total: EVENTS + count };
}

// ---------------------------------------------------------------------------------------------
// The server: the plugin's whole HTTP router, as the plugin hands it to Backstage's httpRouter
// (body reader, OpenAPI validation, then the events router: readEventBatch and EventStore.write),
// behind Backstage's own error middleware, with credentials and permission stubbed to allow.
// Only the events routes are called, so only the options they read are given.

function startServer(
  knex: Knex,
): Promise<{ server: http.Server; url: string }> {
  const config = readOperatingModelConfigFromObject({});
  const assessments = new ServiceAssessments(config, quietLogger);
  assessments.replaceSnapshot(organisation);
  const httpAuth = {
    credentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'external:reliability-bench' },
    }),
    issueUserCookie: async () => ({ expiresAt: new Date() }),
  } as unknown as HttpAuthService;
  const permissions = {
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as unknown as PermissionsService;
  const quietAuditor = {
    createEvent: async () => ({
      success: async () => {},
      fail: async () => {},
    }),
  };
  const options = {
    eventStore: new EventStore(knex),
    assessments,
    httpAuth,
    permissions,
    auditor: quietAuditor,
    logger: quietLogger,
    operatingModelConfig: config,
    now: () => new Date(),
    ready: async () => {},
  } as Partial<RouterOptions> as RouterOptions;
  const app = express();
  app.use('/api/operating-model', createRouter(options));
  app.use(
    MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger: quietLogger,
    }).error(),
  );
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/api/operating-model` });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The PostgreSQL restart.

/** The local cluster serving the URL's port: `<version>` of /etc/postgresql/<version>/main. */
function localCluster(url: URL): string {
  const host = url.hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) {
    throw new Error(
      `cannot restart PostgreSQL on ${host}: only a local cluster can be; pass --no-restart`,
    );
  }
  const port = url.port || '5432';
  let versions: string[];
  try {
    versions = fs
      .readdirSync('/etc/postgresql')
      .filter(
        v =>
          /^\d+(\.\d+)?$/.test(v) &&
          fs.existsSync(`/etc/postgresql/${v}/main/postgresql.conf`),
      )
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    versions = [];
  }
  if (versions.length === 0) {
    throw new Error(
      'no cluster under /etc/postgresql/<version>/main to restart; pass --no-restart',
    );
  }
  const byPort = versions.find(v => {
    const conf = fs.readFileSync(
      `/etc/postgresql/${v}/main/postgresql.conf`,
      'utf8',
    );
    const match = conf.match(/^\s*port\s*=\s*(\d+)/m);
    return (match ? match[1] : '5432') === port;
  });
  return byPort ?? versions[0];
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(
            `${command} ${args.join(' ')}: ${error.message} ${stderr}`.trim(),
          ),
        );
      else resolve();
    });
  });
}

// ---------------------------------------------------------------------------------------------

/** A failure that retrying cannot mend. */
class Fatal extends Error {}

async function main() {
  const started = performance.now();
  const base = new URL(PG_URL);
  const version = RESTART ? localCluster(base) : null;
  const database = `operating_model_reliability_${Date.now()}`;
  // Knex reports broken connections as warnings on the console; they are counted instead.
  const warnings = new Map<string, number>();
  const log = {
    warn: (message: unknown) => {
      const key = String(message)
        .split('\n')[0]
        .replace(/\d+/g, 'N')
        .slice(0, 120);
      warnings.set(key, (warnings.get(key) ?? 0) + 1);
    },
    error: (message: unknown) => console.error(message),
    deprecate: () => {},
    debug: () => {},
  };
  const admin = knexFactory({
    client: 'pg',
    connection: PG_URL,
    pool: { min: 0, max: 1 },
    log,
  });
  await admin.raw(`create database ${database}`);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;

  // As Backstage's PostgreSQL connector builds it (pool min 0, max 10). Knex already marks a
  // connection the server closed as broken and never hands it out again; the listeners below
  // only count what happened, and keep an 'error' from a connection the pool has let go of from
  // ever being unhandled.
  const pool = { connectionErrors: 0, createFailures: 0 };
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: {
      min: 0,
      max: 10,
      afterCreate: (
        connection: { on(event: string, fn: (e: unknown) => void): void },
        done: (e: unknown, c: unknown) => void,
      ) => {
        connection.on('error', () => {
          pool.connectionErrors++;
        });
        done(null, connection);
      },
    },
    acquireConnectionTimeout: 30_000,
    log,
  });
  const tarn = (
    knex.client as { pool?: { on(event: string, fn: () => void): void } }
  ).pool;
  tarn?.on('createFail', () => {
    pool.createFailures++;
  });

  let exitCode = 0;
  let server: http.Server | undefined;
  try {
    await knex.migrate.latest({ directory: 'migrations' });
    const started_ = await startServer(knex);
    server = started_.server;
    const endpoint = started_.url;
    const { resends, places, total } = plan();
    console.log(
      `reliability: ${fmt(EVENTS)} distinct events (${KINDS.map(
        k => `${k} ${percentOfKind(k)}%`,
      ).join(', ')}), ` +
        `${fmt(total - EVENTS)} resent (${Math.round(
          RESEND_SHARE * 100,
        )}%), ${WRITERS} writers, batches of ${fmt(MIN_BATCH)}-${fmt(
          MAX_BATCH,
        )}; ` +
        `database ${database}; ${
          RESTART
            ? `PostgreSQL ${version} restarted at ${
                RESTART_AT * 100
              }% acknowledged`
            : 'no restart'
        }`,
    );

    const stats = {
      sent: 0,
      resent: 0,
      batches: 0,
      retries: 0,
      overlapping: 0,
      sameBatch: 0,
      /** The longest wait, from the start or the previous one, for a batch to be acknowledged. */
      longestGap: 0,
      lastAcknowledgedAt: performance.now(),
      failures: new Map<string, number>(),
      firstFailureAfterRestart: undefined as number | undefined,
      lastFailure: undefined as number | undefined,
    };
    /** How many batches in flight hold each event. */
    const inFlight = new Uint8Array(EVENTS);
    const restart = {
      requested: false,
      promise: undefined as Promise<void> | undefined,
      startedAt: 0,
      endedAt: 0,
      error: undefined as Error | undefined,
    };
    let fatal: Error | undefined;

    const maybeRestart = () => {
      if (!RESTART || restart.requested || stats.sent < total * RESTART_AT)
        return;
      restart.requested = true;
      restart.startedAt = performance.now();
      console.log(
        `  ${seconds(restart.startedAt - started)}: ${fmt(
          stats.sent,
        )} items acknowledged; pg_ctlcluster ${version} main restart`,
      );
      restart.promise = run('pg_ctlcluster', [version!, 'main', 'restart'])
        .catch(e => {
          restart.error = e;
        })
        .finally(() => {
          restart.endedAt = performance.now();
          console.log(
            `  ${seconds(
              restart.endedAt - started,
            )}: restart returned after ${seconds(
              restart.endedAt - restart.startedAt,
            )}`,
          );
        });
    };

    const send = async (
      writer: number,
      kind: Kind,
      batch: number[],
      resentFlags: boolean[],
    ) => {
      const body = JSON.stringify({ items: batch.map(i => eventOf(i).item) });
      const distinct = new Set(batch);
      for (const i of distinct) {
        if (inFlight[i] > 0) stats.overlapping++;
        inFlight[i]++;
      }
      stats.sameBatch += batch.length - distinct.size;
      const firstTry = performance.now();
      const rnd = random(writer * 1_000_003 + stats.batches);
      for (let attempt = 0; ; attempt++) {
        if (fatal) throw fatal;
        let failure: string;
        try {
          const response = await fetch(`${endpoint}/events/${kind}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          if (response.ok) {
            const answer = JSON.parse(text) as { written: number };
            if (answer.written !== distinct.size) {
              throw new Fatal(
                `POST /events/${kind} says ${answer.written} written for ${distinct.size} distinct events`,
              );
            }
            break;
          }
          if (response.status < 500) {
            // A 4xx is a bug in this script or the API, and retrying will not mend it.
            throw new Fatal(
              `POST /events/${kind} answered ${response.status}: ${text.slice(
                0,
                500,
              )}`,
            );
          }
          failure = `${response.status} ${(() => {
            try {
              return JSON.parse(text).error.message as string;
            } catch {
              return text.slice(0, 200);
            }
          })().replace(/\d+/g, 'N')}`;
        } catch (e) {
          if (e instanceof Fatal) {
            fatal = e;
            throw e;
          }
          failure = `request failed: ${String(
            (e as Error)?.cause ?? (e as Error)?.message ?? e,
          ).replace(/\d+/g, 'N')}`;
        }
        const now = performance.now();
        const key = failure.slice(0, 160);
        stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
        if (restart.requested && stats.firstFailureAfterRestart === undefined)
          stats.firstFailureAfterRestart = now;
        stats.lastFailure = now;
        if (now - firstTry > GIVE_UP_MS) {
          fatal = new Error(
            `a ${kind} batch kept failing for ${seconds(
              now - firstTry,
            )}; last: ${failure}`,
          );
          throw fatal;
        }
        stats.retries++;
        const backoff = Math.min(2_000, 50 * 2 ** Math.min(attempt, 10));
        await new Promise(resolve =>
          setTimeout(resolve, backoff * (0.5 + rnd())),
        );
      }
      for (const i of distinct) inFlight[i]--;
      const acknowledgedAt = performance.now();
      stats.longestGap = Math.max(
        stats.longestGap,
        acknowledgedAt - stats.lastAcknowledgedAt,
      );
      stats.lastAcknowledgedAt = acknowledgedAt;
      stats.batches++;
      stats.sent += batch.length;
      stats.resent += resentFlags.filter(Boolean).length;
      maybeRestart();
    };

    const writer = async (w: number) => {
      const rnd = random(100 + w);
      const target = () =>
        MIN_BATCH + Math.floor(rnd() * (MAX_BATCH - MIN_BATCH + 1));
      const buffers = new Map<
        Kind,
        { events: number[]; resent: boolean[]; size: number }
      >(KINDS.map(k => [k, { events: [], resent: [], size: target() }]));
      const add = async (i: number, resent: boolean) => {
        const kind = kindOf(i);
        const buffer = buffers.get(kind)!;
        buffer.events.push(i);
        buffer.resent.push(resent);
        if (buffer.events.length >= buffer.size) {
          buffers.set(kind, { events: [], resent: [], size: target() });
          await send(w, kind, buffer.events, buffer.resent);
        }
      };
      const mine = resends[w];
      let next = 0;
      for (let place = 0; place < places; place++) {
        const i = place * WRITERS + w;
        if (i < EVENTS) await add(i, false);
        while (next < mine.length && mine[next][0] === place)
          await add(mine[next++][1], true);
      }
      for (const [kind, buffer] of buffers) {
        if (buffer.events.length > 0)
          await send(w, kind, buffer.events, buffer.resent);
      }
    };

    const writeStart = performance.now();
    stats.lastAcknowledgedAt = writeStart;
    const outcomes = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, w) => writer(w)),
    );
    const writeEnd = performance.now();
    await restart.promise;
    const failed = outcomes.find(
      (o): o is PromiseRejectedResult => o.status === 'rejected',
    );
    if (failed) throw failed.reason;
    if (restart.error) throw restart.error;
    if (RESTART && !restart.requested)
      throw new Error('the run ended before PostgreSQL was restarted');

    // Count what was stored, over a fresh connection as well as the recovered pool.
    const expected = expectedTotals();
    const counts = async (table: string) => {
      const { rows } = await knex.raw(
        `select count(*) as n, count(distinct (source, external_id)) as keys from ${table}`,
      );
      return { rows: Number(rows[0].n), keys: Number(rows[0].keys) };
    };
    const stored = {
      deployments: await counts('deployments'),
      incidents: await counts('incidents'),
      availability: await counts('availability_intervals'),
    } as Record<Kind, { rows: number; keys: number }>;
    const links = await knex.raw(
      'select count(*) as n, count(distinct (incident_id, service_ref)) as keys from incident_services',
    );
    const linkRows = Number(links.rows[0].n);
    const linkKeys = Number(links.rows[0].keys);
    const sums = (
      await knex.raw(`select
        (select coalesce(sum(deployed_at - built_at), 0) from deployments)::text as lead,
        (select coalesce(sum(started_at), 0) from incidents)::text as started,
        (select coalesce(sum(good), 0) from availability_intervals)::text as good,
        (select coalesce(sum(total), 0) from availability_intervals)::text as total`)
    ).rows[0];

    let lost = 0;
    let doubled = 0;
    for (const kind of KINDS) {
      lost += Math.max(0, expected.rows[kind] - stored[kind].keys);
      doubled +=
        stored[kind].rows -
        stored[kind].keys +
        Math.max(0, stored[kind].keys - expected.rows[kind]);
    }
    const lostLinks = Math.max(0, expected.incidentLinks - linkKeys);
    const doubledLinks =
      linkRows - linkKeys + Math.max(0, linkKeys - expected.incidentLinks);
    const mismatches = [
      ['deployment lead times', expected.deploymentLeadMs, BigInt(sums.lead)],
      [
        'incident start times',
        expected.incidentStartedMs,
        BigInt(sums.started),
      ],
      ['availability good', expected.availabilityGood, BigInt(sums.good)],
      ['availability total', expected.availabilityTotal, BigInt(sums.total)],
    ].filter(([, want, got]) => want !== got) as Array<
      [string, bigint, bigint]
    >;

    const storedRows = KINDS.reduce((sum, k) => sum + stored[k].rows, 0);
    const elapsed = writeEnd - writeStart;
    const downtime =
      stats.firstFailureAfterRestart !== undefined &&
      stats.lastFailure !== undefined
        ? stats.lastFailure - stats.firstFailureAfterRestart
        : 0;
    console.log(
      `sent      ${fmt(stats.sent).padStart(11)} items in ${fmt(
        stats.batches,
      )} acknowledged batches (${fmt(stats.resent)} resends; ${fmt(
        stats.overlapping,
      )} sent while another batch in flight held the same event, ${fmt(
        stats.sameBatch,
      )} twice in one batch)`,
    );
    console.log(
      `distinct  ${fmt(EVENTS).padStart(11)} (${KINDS.map(
        k => `${k} ${fmt(expected.rows[k])}`,
      ).join(', ')}; ${fmt(expected.incidentLinks)} incident-service links)`,
    );
    console.log(
      `stored    ${fmt(storedRows).padStart(11)} (${KINDS.map(
        k => `${k} ${fmt(stored[k].rows)}`,
      ).join(', ')}; ${fmt(linkRows)} incident-service links)`,
    );
    console.log(
      `lost      ${fmt(lost).padStart(11)}${
        lostLinks ? ` (and ${fmt(lostLinks)} incident-service links)` : ''
      }`,
    );
    console.log(
      `doubled   ${fmt(doubled).padStart(11)}${
        doubledLinks ? ` (and ${fmt(doubledLinks)} incident-service links)` : ''
      }`,
    );
    console.log(
      `contents  ${
        mismatches.length === 0
          ? 'stored sums equal the sums sent'
          : mismatches
              .map(
                ([what, want, got]) => `${what}: sent ${want}, stored ${got}`,
              )
              .join('; ')
      }`,
    );
    console.log(
      `retries   ${fmt(stats.retries).padStart(11)} failed attempts retried`,
    );
    for (const [failure, n] of [...stats.failures.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)) {
      console.log(`            ${fmt(n).padStart(6)} × ${failure}`);
    }
    console.log(
      `pool      ${fmt(pool.connectionErrors).padStart(
        11,
      )} connection errors, ${fmt(
        pool.createFailures,
      )} failed connection attempts; the process kept serving`,
    );
    for (const [warning, n] of [...warnings.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)) {
      console.log(`            ${fmt(n).padStart(6)} × knex: ${warning}`);
    }
    if (RESTART) {
      console.log(
        `restart   ${seconds(restart.endedAt - restart.startedAt).padStart(
          11,
        )} for pg_ctlcluster ${version} main restart; writes failed for ${seconds(
          downtime,
        )} (first to last failure); longest time without an acknowledgement ${seconds(
          stats.longestGap,
        )}`,
      );
    } else {
      console.log('restart            none (--no-restart)');
    }
    console.log(
      `elapsed   ${seconds(elapsed).padStart(11)} writing, ${seconds(
        performance.now() - started,
      )} in all`,
    );
    console.log(
      `rate      ${fmt(Math.round(storedRows / (elapsed / 1000))).padStart(
        11,
      )} rows/s stored, ${fmt(
        Math.round(stats.sent / (elapsed / 1000)),
      )} items/s sent`,
    );
    if (lost || doubled || lostLinks || doubledLinks || mismatches.length > 0) {
      console.log('FAILED: what is stored is not what was sent');
      exitCode = 1;
    } else {
      console.log('OK: 0 lost, 0 doubled');
    }
  } catch (e) {
    console.error(
      `reliability run could not finish: ${(e as Error)?.stack ?? e}`,
    );
    exitCode = 2;
  } finally {
    await new Promise(resolve =>
      server ? server.close(resolve) : resolve(undefined),
    );
    await knex.destroy().catch(() => undefined);
    if (!KEEP) {
      await admin
        .raw(`drop database if exists ${database} with (force)`)
        .catch(e => {
          console.error(`could not drop ${database}: ${e}`);
        });
    } else {
      console.log(`kept database ${database}`);
    }
    await admin.destroy();
  }
  process.exit(exitCode);
}

main().catch(e => {
  console.error(e);
  process.exit(2);
});
