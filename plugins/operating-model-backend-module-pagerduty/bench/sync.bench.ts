/**
 * Benchmark: a full sync of 2,000 PagerDuty services × a year of incidents (12 a service:
 * 24,000 incidents, 9 in 10 acknowledged, a tenth of the services with one still open) from the
 * PagerDuty stand-in, run by the operating-model backend (its SourceRunner and EventStore, on
 * SQLite in memory), then a second sync with nothing new. Prints the duration, the requests made
 * by kind and the memory of each run, and the median of the runs; asserts nothing.
 *
 *   node ../../scripts/run-ts.js bench/sync.bench.ts [--services 2000] [--incidents-per-service 12] [--runs 3]
 *
 * The stand-in runs in a child process, so the memory figures are the backend's and the module's
 * alone. It answers at once and has no rate limit: PagerDuty's 900 or so requests a minute
 * would make the full sync take (requests ÷ 900) minutes instead.
 */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the benchmark runs the module in the plugin it extends
import operatingModelPlugin from '@operating-model/backstage-plugin-operating-model-backend';
import { operatingModelEventSourcesExtensionPoint } from '@operating-model/backstage-plugin-operating-model-node';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { component } from '../src/__testUtils__/testBackend';
import { PagerDutyClient } from '../src/PagerDutyClient';
import { PagerDutyEventSource } from '../src/PagerDutyEventSource';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const SERVICES = argument('--services', 2000);
const PER_SERVICE = argument('--incidents-per-service', 12);
const RUNS = argument('--runs', 3);
const TOKEN = 'bench-token';
const MB = 1024 * 1024;

const quietLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/** Starts the stand-in in a child process and gives its address once it answers. */
async function startStandIn() {
  const child = spawn(
    process.execPath,
    [
      resolve(process.cwd(), '../../scripts/run-ts.js'),
      'dev/standIn.ts',
      '--port',
      '0',
      '--token',
      TOKEN,
      '--services',
      String(SERVICES),
      '--incidents-per-service',
      String(PER_SERVICE),
      '--no-live',
    ],
    // Its own process group: run-ts.js runs the bundle in a grandchild, stopped with it.
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  const line = await new Promise<string>((done, fail) => {
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
      if (output.includes('\n')) done(output.split('\n')[0]);
    });
    child.once('exit', code =>
      fail(new Error(`The stand-in exited (${code})`)),
    );
  });
  console.log(line);
  const url = /listening on (\S+)/.exec(line)![1];
  return { url, stop: () => process.kill(-child.pid!, 'SIGTERM') };
}

/** Counts the requests the module makes, by kind, as they leave the process. */
const counts = {
  services: 0,
  incidents: 0,
  incident: 0,
  logEntries: 0,
  other: 0,
};
const originalFetch = globalThis.fetch;
globalThis.fetch = (input: any, init?: any) => {
  const path = new URL(String(input instanceof Request ? input.url : input))
    .pathname;
  if (path.startsWith('/services/')) counts.services += 1;
  else if (path === '/incidents') counts.incidents += 1;
  else if (path.endsWith('/log_entries')) counts.logEntries += 1;
  else if (path.startsWith('/incidents/')) counts.incident += 1;
  else counts.other += 1;
  return originalFetch(input, init);
};
const takeCounts = () => {
  const taken = { ...counts };
  Object.keys(counts).forEach(k => {
    counts[k as keyof typeof counts] = 0;
  });
  return taken;
};

async function oneRun(url: string) {
  let scheduler: SchedulerService | undefined;
  const client = new PagerDutyClient({ baseUrl: url, token: TOKEN });
  const source = createBackendModule({
    pluginId: 'operating-model',
    moduleId: 'pagerduty-bench',
    register(env) {
      env.registerInit({
        deps: {
          sources: operatingModelEventSourcesExtensionPoint,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          plugin: coreServices.scheduler,
        },
        async init({ sources, catalog, auth, plugin }) {
          scheduler = plugin;
          sources.addEventSource(
            new PagerDutyEventSource({
              client,
              catalog,
              auth,
              logger: quietLogger as any,
              initialWindowDays: 365,
            }),
          );
        },
      });
    },
  });
  const entities = Array.from({ length: SERVICES }, (_, i) =>
    component(`service-${i + 1}`, `PSVC${String(i + 1).padStart(4, '0')}`),
  );
  const backend = await startTestBackend({
    features: [
      operatingModelPlugin,
      source,
      mockServices.rootConfig.factory({
        data: {
          operatingModel: {
            sources: {
              pagerduty: {
                schedule: {
                  frequency: { minutes: 15 },
                  timeout: { minutes: 60 },
                  initialDelay: { minutes: 1 },
                },
              },
            },
          },
        },
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });

  const sync = async () => {
    takeCounts();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const began = performance.now();
    await scheduler!.triggerTask('operating-model-source-pagerduty');
    const seconds = (performance.now() - began) / 1000;
    clearInterval(sampler);
    const memory = process.memoryUsage();
    const requests = takeCounts();
    return {
      seconds,
      requests: Object.values(requests).reduce((a, b) => a + b, 0),
      byKind: requests,
      peakRssMb: Math.max(peakRss, memory.rss) / MB,
      heapUsedMb: memory.heapUsed / MB,
    };
  };

  const full = await sync();
  const quiet = await sync();
  await backend.stop();
  return { full, quiet };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const standIn = await startStandIn();
  try {
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const result = await oneRun(standIn.url);
      runs.push(result);
      const f = result.full;
      console.log(
        `run ${run}: full sync ${f.seconds.toFixed(1)} s, ${
          f.requests
        } requests ` +
          `(${JSON.stringify(f.byKind)}), peak RSS ${f.peakRssMb.toFixed(
            0,
          )} MB, ` +
          `heap used after ${f.heapUsedMb.toFixed(0)} MB; ` +
          `sync with nothing new ${result.quiet.seconds.toFixed(2)} s, ` +
          `${result.quiet.requests} requests (${JSON.stringify(
            result.quiet.byKind,
          )})`,
      );
    }
    const pick = (f: (r: (typeof runs)[number]) => number) =>
      median(runs.map(f));
    console.log(
      `median of ${RUNS}: full sync of ${SERVICES} services × ${PER_SERVICE} incidents a year ` +
        `${pick(r => r.full.seconds).toFixed(1)} s, ${pick(
          r => r.full.requests,
        )} requests ` +
        `(${(pick(r => r.full.requests) / pick(r => r.full.seconds)).toFixed(
          0,
        )} a second), ` +
        `peak RSS ${pick(r => r.full.peakRssMb).toFixed(
          0,
        )} MB, heap used ${pick(r => r.full.heapUsedMb).toFixed(
          0,
        )} MB; sync with nothing new ${pick(r => r.quiet.seconds).toFixed(
          2,
        )} s, ${pick(r => r.quiet.requests)} requests`,
    );
  } finally {
    standIn.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
