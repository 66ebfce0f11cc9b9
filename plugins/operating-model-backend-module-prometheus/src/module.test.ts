import {
  SchedulerServiceTaskFunction,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the module in the plugin it extends
import operatingModelPlugin from '@operating-model/backstage-plugin-operating-model-backend';
import prometheusModule from './index';

jest.setTimeout(120_000);

const PROMETHEUS = '/usr/bin/prometheus';
const STEP = 5;

/** A service's request counters, as its /metrics page shows them to Prometheus. */
class Exporter {
  ok = 0;
  failed = 0;
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      res.end(
        [
          '# HELP http_requests_total Requests answered.',
          '# TYPE http_requests_total counter',
          `http_requests_total{service="bedroom",code="200"} ${this.ok}`,
          `http_requests_total{service="bedroom",code="500"} ${this.failed}`,
          '',
        ].join('\n'),
      );
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** A real Prometheus server from Debian, scraping the exporter every second. */
async function startPrometheus(target: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-prometheus-'));
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: bedroom',
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => (await fetch(`${url}/-/ready`)).ok,
    'Prometheus ready',
  );
  return {
    url,
    async stop(process: ChildProcess = child) {
      const exited = new Promise(resolve => process.once('exit', resolve));
      process.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for what a user of Prometheus would see, polling; fails after a minute. */
async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if (await check()) return;
    } catch {
      // Not up yet.
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Waits until Prometheus has scraped the exporter's current counts; gives that sample's time. */
async function scraped(url: string, exporter: Exporter): Promise<number> {
  let sampledAt = 0;
  await until(async () => {
    const answer = await (
      await fetch(
        `${url}/api/v1/query?query=${encodeURIComponent(
          'http_requests_total{service="bedroom"}',
        )}`,
      )
    ).json();
    const series: Array<{ metric: { code: string }; value: [number, string] }> =
      answer.data.result;
    const value = (code: string) =>
      Number(series.find(s => s.metric.code === code)?.value[1]);
    if (value('200') !== exporter.ok || value('500') !== exporter.failed) {
      return false;
    }
    sampledAt = Math.max(...series.map(s => s.value[0]));
    return true;
  }, `a scrape of ${exporter.ok} good and ${exporter.failed} failed`);
  return sampledAt;
}

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/bedroom-team',
    lifecycle: 'production',
  },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * The backend plugin with the Prometheus module, on a scheduler that only records its tasks, so
 * a test runs the source when what it waits for has happened.
 */
async function startBackend(options: {
  config: object;
  entities: Entity[];
  knex?: Awaited<ReturnType<typeof databases.init>>;
}) {
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(
      task: SchedulerServiceTaskScheduleDefinition &
        SchedulerServiceTaskInvocationDefinition,
    ) {
      tasks.set(task.id, task.fn);
    },
  });
  const { server } = await startTestBackend({
    features: [
      operatingModelPlugin,
      prometheusModule,
      scheduler.factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({ entities: options.entities }),
    ],
  });
  return { server, task: tasks.get('operating-model-source-prometheus') };
}

describe('the Prometheus source, against a real Prometheus server', () => {
  const exporter = new Exporter();
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;

  beforeAll(async () => {
    if (!fs.existsSync(PROMETHEUS)) {
      throw new Error(
        `${PROMETHEUS} is missing: the test command installs Prometheus from Debian (scripts/system-deps.sh)`,
      );
    }
    prometheus = await startPrometheus(await exporter.start());
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter.stop();
  });

  it('stores, step by step, the good and total requests the service counted, and only the new ones on the next run', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server, task: run } = await startBackend({
      knex,
      config: {
        operatingModel: {
          sources: {
            prometheus: {
              baseUrl: prometheus.url,
              step: `${STEP}s`,
              initialWindowDays: 1,
            },
          },
        },
      },
      entities: [
        component('bedroom', {
          'operating-model.io/prometheus-good':
            'http_requests_total{service="bedroom",code="200"}',
          'operating-model.io/prometheus-total':
            'http_requests_total{service="bedroom"}',
        }),
        component('half-done', {
          'operating-model.io/prometheus-good': 'http_requests_total',
        }),
        component('typo', {
          'operating-model.io/prometheus-good': 'http_requests_total{',
          'operating-model.io/prometheus-total': 'http_requests_total',
        }),
        component('no-metrics', {}),
      ],
    });
    expect(run).toBeDefined();

    /** Runs the source once the last scraped sample is inside a finished step. */
    const runAfter = async (sampledAt: number) => {
      await until(
        async () => Math.floor(Date.now() / 1000 / STEP) * STEP > sampledAt,
        'the step holding the last sample to end',
      );
      await run!(new AbortController().signal);
    };
    const stored = async () => {
      const [sums] = await knex('availability_intervals')
        .where({
          source: 'prometheus',
          service_ref: 'component:default/bedroom',
        })
        .sum({ good: 'good', total: 'total' })
        .count({ rows: '*' });
      return { good: Number(sums.good), total: Number(sums.total) };
    };

    await scraped(prometheus.url, exporter);
    exporter.ok = 7;
    exporter.failed = 3;
    await scraped(prometheus.url, exporter);
    exporter.ok = 19;
    exporter.failed = 5;
    await runAfter(await scraped(prometheus.url, exporter));
    expect(await stored()).toEqual({ good: 19, total: 24 });

    const intervals = await knex('availability_intervals').select(
      'start_at',
      'end_at',
      'good',
      'total',
    );
    for (const interval of intervals) {
      expect(Number(interval.end_at) - Number(interval.start_at)).toBe(
        STEP * 1000,
      );
      expect(Number(interval.good)).toBeLessThanOrEqual(Number(interval.total));
    }

    const sources = await request(server).get('/api/operating-model/sources');
    expect(sources.body.items).toEqual([
      expect.objectContaining({
        id: 'prometheus',
        enabled: true,
        kinds: ['availability'],
        lastError: null,
        mapped: 1,
        eventsWritten: intervals.length,
        unmapped: [
          {
            entityRef: 'component:default/half-done',
            reason: expect.stringMatching(
              /^has operating-model.io\/prometheus-good but no operating-model.io\/prometheus-total/,
            ),
          },
          {
            entityRef: 'component:default/typo',
            reason: expect.stringMatching(
              /^Prometheus refused the selector "http_requests_total\{": /,
            ),
          },
        ],
      }),
    ]);

    // More requests, and a restart of the service that resets its counters.
    exporter.ok = 25;
    exporter.failed = 6;
    await scraped(prometheus.url, exporter);
    exporter.ok = 4;
    exporter.failed = 1;
    await runAfter(await scraped(prometheus.url, exporter));
    expect(await stored()).toEqual({ good: 19 + 6 + 4, total: 24 + 7 + 5 });
  });

  it('reports a server that is down as the last error, keeping what it had', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server, task } = await startBackend({
      knex,
      config: {
        operatingModel: {
          sources: {
            prometheus: { baseUrl: `http://127.0.0.1:${await freePort()}` },
          },
        },
      },
      entities: [
        component('bedroom', {
          'operating-model.io/prometheus-good': 'a',
          'operating-model.io/prometheus-total': 'b',
        }),
      ],
    });
    await task!(new AbortController().signal);
    const sources = await request(server).get('/api/operating-model/sources');
    expect(sources.body.items[0]).toMatchObject({
      id: 'prometheus',
      lastSuccessAt: null,
      eventsWritten: 0,
    });
    expect(sources.body.items[0].lastError).toMatch(
      /^Could not reach Prometheus at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/,
    );
  });
});

describe('the Prometheus module without config', () => {
  it('lists the source as off and never runs it', async () => {
    const { server, task } = await startBackend({ config: {}, entities: [] });
    expect(task).toBeUndefined();
    const sources = await request(server).get('/api/operating-model/sources');
    expect(sources.body.items).toEqual([
      expect.objectContaining({
        id: 'prometheus',
        enabled: false,
        schedule: null,
        lastRunAt: null,
      }),
    ]);
  });
});
