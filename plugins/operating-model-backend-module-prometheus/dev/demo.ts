/**
 * A Prometheus for the example app: an exporter whose request counters rise every second for a
 * few Hearth & Home services (about one request in 200 failing), and a real Prometheus server
 * from Debian scraping it every 5 seconds, so the Prometheus source has something to read:
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend-module-prometheus demo \
 *     [--port 7012] [--exporter-port 7011] [--services bedroom,checkout,basket]
 *
 * Its data lives in a temporary folder and goes when it stops (Ctrl-C).
 */
import { spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';

const PROMETHEUS = '/usr/bin/prometheus';

function main(argv: string[]) {
  const option = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : fallback;
  };
  const port = Number(option('--port', '7012'));
  const exporterPort = Number(option('--exporter-port', '7011'));
  const services = option('--services', 'bedroom,checkout,basket').split(',');
  if (!fs.existsSync(PROMETHEUS)) {
    throw new Error(
      `${PROMETHEUS} is missing: apt-get install prometheus (scripts/system-deps.sh does)`,
    );
  }

  const counts = new Map(services.map(s => [s, { ok: 0, failed: 0 }]));
  let tick = 0;
  setInterval(() => {
    tick++;
    for (const [index, service] of services.entries()) {
      const c = counts.get(service)!;
      const requests = 20 + index * 10;
      const failed = (tick + index) % 10 === 0 ? 1 : 0;
      c.ok += requests - failed;
      c.failed += failed;
    }
  }, 1000).unref();
  http
    .createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      const lines = [
        '# HELP demo_requests_total Requests answered by the Hearth & Home services.',
        '# TYPE demo_requests_total counter',
      ];
      for (const [service, c] of counts) {
        lines.push(
          `demo_requests_total{service="${service}",code="200"} ${c.ok}`,
        );
        lines.push(
          `demo_requests_total{service="${service}",code="500"} ${c.failed}`,
        );
      }
      res.end(`${lines.join('\n')}\n`);
    })
    .listen(exporterPort, '127.0.0.1');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-prometheus-demo-'));
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 5s',
      'scrape_configs:',
      '  - job_name: hearth-and-home',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${exporterPort}']`,
      '',
    ].join('\n'),
  );
  const prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const stop = () => {
    prometheus.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(
    `Prometheus at http://127.0.0.1:${port}, scraping ${services.join(
      ', ',
    )} from http://127.0.0.1:${exporterPort}/metrics; Ctrl-C stops both\n`,
  );
}

main(process.argv.slice(2));
