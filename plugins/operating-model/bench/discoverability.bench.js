/* eslint-disable no-console */
/**
 * Benchmark of the discoverability view against Backstage's own catalog table, in headless
 * Chromium, on one generated organisation: 10,000 services in 2,000 teams (5 people each) and
 * 300 domains. Generates the catalog as YAML in a temporary folder, starts the example backend
 * and frontend on their own ports with an extra app-config pointing the catalog at it, waits until
 * the catalog and the operating-model plugin have every service, signs in as guest, and prints:
 *
 *   - time to the first rows of the discoverability view, and to a search result for one service,
 *     beside issue 11's goals (first rows under a second, search-as-you-type under 100 ms) and the
 *     ratio to each, and the size of the first answer the view waits for (goal under 500 KB gzipped);
 *   - the same two for the catalog's own table (Kind Component, all owners), on the same run.
 *
 * The search time runs from the text being put in the box to the one row left on screen, so it
 * includes the view's 80 ms debounce as a person typing would see it.
 *
 * Stops what it started. Asserts nothing.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model bench:discoverability
 *     [--scale 1] [--services 10000] [--teams 2000] [--runs 3] [--keep]
 *     [--production]   (build the app and let the backend serve it, instead of the dev server)
 *     [--app-url http://localhost:3000 --backend-url http://localhost:7007]   (reuse a running app)
 *     [--directory-path /operating-model]   (where the view is; the bench also enables the
 *                                            standalone /operating-model-directory page)
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const YARN = path.join(ROOT, '.yarn', 'releases', 'yarn-4.13.0.cjs');

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
/** As the backend benchmarks: --scale 1 is 10,000 services in 2,000 teams, --scale 5 five times that. */
const SCALE = Number(argument('--scale', 1));
const SERVICES = Number(argument('--services', Math.round(10000 * SCALE)));
const TEAMS = Number(argument('--teams', Math.round(2000 * SCALE)));
const PEOPLE_PER_TEAM = 5;
const DOMAINS = Math.max(1, Math.round(TEAMS * 0.15));
const RUNS = Number(argument('--runs', 3));
const KEEP = process.argv.includes('--keep');
const REUSE_APP = argument('--app-url');
const REUSE_BACKEND = argument('--backend-url');
/** The app built for production and served by the backend (app-backend), as installs run it. */
const PRODUCTION = process.argv.includes('--production');
const APP_PORT = 3017;
const BACKEND_PORT = 7017;
const BACKEND_URL = REUSE_BACKEND ?? `http://localhost:${BACKEND_PORT}`;
const APP_URL =
  REUSE_APP ?? (PRODUCTION ? BACKEND_URL : `http://localhost:${APP_PORT}`);
const DIRECTORY_PATHS = [
  argument('--directory-path', '/operating-model'),
  '/operating-model-directory',
];
/**
 * The example config's static token for its demo loader, which may read the catalog (the waits
 * below count its services) as well as the plugin's answers; the ingest token may not.
 */
const TOKEN =
  process.env.OPERATING_MODEL_TOKEN ?? 'local-development-demo-token';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The service the filter timings look for: its name is unique in the catalog. */
const TARGET_TEAM = Math.min(TEAMS - 1, 1234);
// Titles use a dot where people's names use a dash, so the search for one service finds only it
// (a search for "1234-3" would also find the services of Person 1234-3's team, by design).
const TARGET = {
  name: `svc-${TARGET_TEAM}-3`,
  title: `Service ${TARGET_TEAM}.3`,
};

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the organisation as one YAML stream (each document as JSON, which YAML reads). */
function generateCatalog(file) {
  const rnd = random(42);
  const exposures = ['5K', '120K', '200K', '600K', '900K'];
  const demands = ['low', 'medium', 'high', 'very-high'];
  const out = fs.createWriteStream(file);
  const write = entity => out.write(`---\n${JSON.stringify(entity)}\n`);
  const meta = (name, title, extra = {}) => ({ name, title, ...extra });
  for (let d = 0; d < DOMAINS; d++) {
    write({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: meta(`bench-domain-${d}`, `Bench domain ${d}`),
      spec: { owner: `bench-team-${d}` },
    });
    write({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: meta(`bench-system-${d}`, `Bench system ${d}`),
      spec: { owner: `bench-team-${d}`, domain: `bench-domain-${d}` },
    });
  }
  let services = 0;
  const perTeam = Math.ceil(SERVICES / TEAMS);
  for (let t = 0; t < TEAMS; t++) {
    const team = `bench-team-${t}`;
    write({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: meta(team, `Bench team ${t}`),
      spec: {
        type: 'team',
        profile: { displayName: `Bench team ${t}` },
        children: [],
      },
    });
    for (let p = 0; p < PEOPLE_PER_TEAM; p++) {
      const name = `bench-person-${t}-${p}`;
      write({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name },
        spec: {
          profile: {
            displayName: `Person ${t}-${p}`,
            email: `${name}@example.com`,
          },
          memberOf: [team],
        },
      });
    }
    for (let s = 0; s < perTeam && services < SERVICES; s++, services++) {
      write({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: meta(`svc-${t}-${s}`, `Service ${t}.${s}`, {
          annotations: {
            'operating-model.io/financial-exposure':
              exposures[Math.floor(rnd() * exposures.length)],
            'operating-model.io/feature-demand':
              demands[Math.floor(rnd() * demands.length)],
          },
          links: [
            {
              url: `https://runbooks.example/svc-${t}-${s}`,
              type: 'runbook',
              title: 'Runbook',
            },
            {
              url: `https://chat.example/inc-svc-${t}-${s}`,
              type: 'incident-channel',
              title: 'Incident channel',
            },
          ],
        }),
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: team,
          system: `bench-system-${t % DOMAINS}`,
        },
      });
    }
  }
  return new Promise(resolve => out.end(resolve));
}

function benchConfig(dir, catalogFile) {
  // YAML reads JSON; arrays replace the base config's, so the example organisation is listed too.
  const config = {
    app: {
      baseUrl: APP_URL,
      // The base config's entry (the catalog as the landing page) is repeated: arrays replace.
      extensions: [
        { 'page:catalog': { config: { path: '/' } } },
        { 'page:operating-model/directory': true },
      ],
    },
    backend: {
      baseUrl: BACKEND_URL,
      listen: { port: BACKEND_PORT },
      cors: {
        origin: APP_URL,
        methods: ['GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'DELETE'],
        credentials: true,
      },
    },
    // The search indexes (Lunr, in the backend's process) are built later than the runs, so that
    // indexing 20,000 entities does not take the backend's CPU in the middle of a measurement.
    search: {
      collators: {
        catalog: {
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 15 },
            initialDelay: { minutes: 45 },
          },
        },
        operatingModel: {
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 15 },
            initialDelay: { minutes: 45 },
          },
        },
      },
    },
    catalog: {
      locations: [
        { type: 'file', target: path.join(ROOT, 'catalog-info', 'all.yaml') },
        { type: 'file', target: catalogFile },
      ],
    },
  };
  const file = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const started = [];

/**
 * The frontend runs on the CLI's dev server. The backend runs on the CLI's TypeScript loader
 * without its file watcher: in a tree others are editing, the watcher would restart it (and
 * empty its in-memory catalog) in the middle of a run.
 */
function start(label, cwd, configFile, logFile) {
  const log = fs.openSync(logFile, 'w');
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    configFile,
  ];
  const args =
    label === 'backend'
      ? [
          '--enable-source-maps',
          '--require',
          require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
            paths: [ROOT],
          }),
          'src/index.ts',
          ...configArgs,
        ]
      : [YARN, 'backstage-cli', 'package', 'start', ...configArgs];
  const child = spawn(process.execPath, args, {
    cwd,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none', NODE_ENV: 'development' },
  });
  started.push({ label, child });
  console.log(`started ${label} (pid ${child.pid}), log ${logFile}`);
  return child;
}

function stopAll() {
  for (const { label, child } of started.splice(0)) {
    try {
      process.kill(-child.pid, 'SIGTERM');
      console.log(`stopped ${label}`);
    } catch {
      // Already gone.
    }
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function api(pathname) {
  const response = await fetch(`${BACKEND_URL}${pathname}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
  return response.json();
}

async function waitFor(label, check, timeoutMs) {
  const begin = Date.now();
  let last = '';
  for (;;) {
    try {
      const state = await check();
      if (state === true) {
        console.log(
          `${label}: ready after ${((Date.now() - begin) / 1000).toFixed(0)} s`,
        );
        return;
      }
      if (state && state !== last) {
        console.log(`  ${label}: ${state}`);
        last = state;
      }
    } catch (error) {
      if (String(error) !== last) last = String(error);
    }
    if (Date.now() - begin > timeoutMs)
      throw new Error(
        `${label}: not ready after ${timeoutMs / 1000} s (${last})`,
      );
    await sleep(3000);
  }
}

async function waitForData() {
  await waitFor(
    'catalog',
    async () => {
      const body = await api(
        '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=1',
      );
      return body.totalItems >= SERVICES ? true : `${body.totalItems} services`;
    },
    30 * 60_000,
  );
  await waitFor(
    'operating-model directory',
    async () => {
      const body = await api(
        '/api/operating-model/directory/services?query=svc-&limit=1',
      );
      return body.matched >= SERVICES && body.onCallAt
        ? true
        : `${body.matched} services${
            body.onCallAt ? '' : ', on call not yet worked out'
          }`;
    },
    10 * 60_000,
  );
}

async function waitForApp() {
  await waitFor(
    'frontend',
    async () => {
      const response = await fetch(APP_URL);
      return response.ok ? true : `${response.status}`;
    },
    15 * 60_000,
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function signIn(page) {
  await page.goto(APP_URL);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ timeout: 120_000 });
}

/** Opens the page in a new navigation (the app loads again) and times it to the first visible row. */
async function timeToFirstRowsOnLoad(page, url, firstRow) {
  const begin = Date.now();
  await page.goto(url);
  await firstRow().first().waitFor({ state: 'visible', timeout: 180_000 });
  return Date.now() - begin;
}

/**
 * Moves to the page inside the running app, as a sidebar link does (the router's own history,
 * no reload), from a page that shows neither view, and times it to the first visible row.
 */
async function timeToFirstRowsInApp(page, url, firstRow) {
  await page.goto(`${APP_URL}/settings`);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const begin = Date.now();
  const moved = await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
    return performance.now();
  }, url);
  await firstRow().first().waitFor({ state: 'visible', timeout: 180_000 });
  page.lastMove = moved;
  return Date.now() - begin;
}

/** Where the time to the directory's first rows goes: the request, and what follows it. */
async function directoryTimings(page) {
  return page
    .evaluate(() => {
      // The first page the view asked for on the last move (no search, offset 0).
      const entry = performance
        .getEntriesByType('resource')
        .filter(e =>
          /\/api\/operating-model\/directory\/services\?offset=0&limit=100$/.test(
            e.name,
          ),
        )
        .pop();
      return entry
        ? {
            transfer: entry.transferSize,
            decoded: entry.decodedBodySize,
            start: entry.startTime,
            end: entry.responseEnd,
          }
        : null;
    })
    .then(
      t =>
        t && {
          ...t,
          start: t.start - page.lastMove,
          end: t.end - page.lastMove,
        },
    );
}

/** Types the service's title into the search box and times it to the one row left. */
async function timeToFilter(page, searchBox, rows, rowText) {
  const box = searchBox();
  await box.waitFor({ timeout: 60_000 });
  const begin = Date.now();
  await box.fill(TARGET.title);
  await page.waitForFunction(
    ({ selector, text }) => {
      const found = [...document.querySelectorAll(selector)];
      return found.length === 1 && found[0].textContent.includes(text);
    },
    { selector: rows, text: rowText },
    { timeout: 180_000, polling: 'raf' },
  );
  return Date.now() - begin;
}

async function findDirectoryPath(page) {
  for (const candidate of DIRECTORY_PATHS) {
    await page.goto(`${APP_URL}${candidate}`);
    try {
      await page
        .getByTestId('directory-row')
        .first()
        .waitFor({ timeout: 30_000 });
      return candidate;
    } catch {
      console.log(`  no discoverability rows at ${candidate}`);
    }
  }
  throw new Error(
    `The discoverability view is at none of ${DIRECTORY_PATHS.join(', ')}`,
  );
}

async function measure() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
    });
    await signIn(page);
    const directoryPath = await findDirectoryPath(page);
    const catalogUrl = `${APP_URL}/?filters%5Bkind%5D=component&filters%5Buser%5D=all`;
    // One look at each page first, so the code-split bundles are in the cache for every run.
    await page.goto(catalogUrl);
    await page
      .locator('table tbody tr a[href*="/component/"]')
      .first()
      .waitFor({ timeout: 180_000 });

    const figures = {
      directoryLoad: [],
      directoryInApp: [],
      directoryFilter: [],
      catalogLoad: [],
      catalogInApp: [],
      catalogFilter: [],
    };
    const directoryRows = () => page.getByTestId('directory-row');
    const catalogRows = () =>
      page.locator('table tbody tr a[href*="/component/"]');
    const directoryUrl = `${APP_URL}${directoryPath}`;
    let directoryBytes = null;
    for (let run = 0; run < RUNS; run++) {
      figures.directoryLoad.push(
        await timeToFirstRowsOnLoad(page, directoryUrl, directoryRows),
      );
      figures.directoryInApp.push(
        await timeToFirstRowsInApp(page, directoryPath, directoryRows),
      );
      directoryBytes = await directoryTimings(page);
      figures.directoryFilter.push(
        await timeToFilter(
          page,
          () =>
            page.getByRole('textbox', {
              name: 'Search services, teams, domains and people',
            }),
          '[data-testid="directory-row"]',
          TARGET.title,
        ),
      );
      figures.catalogLoad.push(
        await timeToFirstRowsOnLoad(page, catalogUrl, catalogRows),
      );
      figures.catalogInApp.push(
        await timeToFirstRowsInApp(
          page,
          catalogUrl.slice(APP_URL.length),
          catalogRows,
        ),
      );
      figures.catalogFilter.push(
        await timeToFilter(
          page,
          () => page.getByPlaceholder('Search').first(),
          'table tbody tr:has(a[href*="/component/"])',
          TARGET.title,
        ),
      );
      console.log(
        `run ${run + 1}: directory ${figures.directoryLoad[run]} ms on load, ${
          figures.directoryInApp[run]
        } ms in app, ` +
          `filter ${figures.directoryFilter[run]} ms; catalog ${figures.catalogLoad[run]} ms on load, ` +
          `${figures.catalogInApp[run]} ms in app, filter ${figures.catalogFilter[run]} ms`,
      );
    }
    return { figures, directoryPath, directoryBytes };
  } finally {
    await browser.close();
  }
}

const APP_DIST = path.join(ROOT, 'packages', 'app', 'dist');
let builtApp = false;

/** Builds the app for production into packages/app/dist, where app-backend serves it from. */
async function buildApp(configFile, logFile) {
  builtApp = !fs.existsSync(APP_DIST);
  const begin = Date.now();
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      YARN,
      'backstage-cli',
      'package',
      'build',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(ROOT, 'packages', 'app'),
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const code = await new Promise(resolve => child.on('exit', resolve));
  if (code !== 0) throw new Error(`app build failed (${code}), log ${logFile}`);
  console.log(
    `built the app for production in ${((Date.now() - begin) / 1000).toFixed(
      0,
    )} s, log ${logFile}`,
  );
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-discoverability-'));
  let ok = false;
  try {
    if (!REUSE_APP) {
      const catalogFile = path.join(dir, 'bench-catalog.yaml');
      await generateCatalog(catalogFile);
      console.log(
        `generated ${SERVICES} services, ${TEAMS} teams, ${
          TEAMS * PEOPLE_PER_TEAM
        } people, ${DOMAINS} domains in ${catalogFile}`,
      );
      const configFile = benchConfig(dir, catalogFile);
      // app-backend looks for the built app when it starts.
      if (PRODUCTION) await buildApp(configFile, path.join(dir, 'build.log'));
      start(
        'backend',
        path.join(ROOT, 'packages', 'backend'),
        configFile,
        path.join(dir, 'backend.log'),
      );
      if (!PRODUCTION) {
        start(
          'frontend',
          path.join(ROOT, 'packages', 'app'),
          configFile,
          path.join(dir, 'frontend.log'),
        );
      }
      await waitForData();
      await waitForApp();
    } else {
      await waitForData();
    }
    const { figures, directoryPath, directoryBytes } = await measure();
    const goal = (value, limit) =>
      limit === undefined
        ? ''
        : `   (goal < ${limit} ms, ${(value / limit).toFixed(2)}×${
            value <= limit ? '' : ', missed'
          })`;
    const row = (label, values, limit) =>
      console.log(
        `${label.padEnd(66)} median ${String(median(values)).padStart(
          6,
        )} ms${goal(median(values), limit)}   (${values.join(', ')})`,
      );
    console.log('');
    console.log(
      `${SERVICES} services, ${TEAMS} teams; ${RUNS} runs; Chromium headless; app ${APP_URL}`,
    );
    row(
      `discoverability view (${directoryPath}): first rows, page load`,
      figures.directoryLoad,
      1000,
    );
    row(
      'discoverability view: first rows, moving to it in the app',
      figures.directoryInApp,
      1000,
    );
    row(
      'discoverability view: one service after typing its name',
      figures.directoryFilter,
      100,
    );
    row(
      'catalog table (Kind Component, all): first rows, page load',
      figures.catalogLoad,
    );
    row(
      'catalog table: first rows, moving to it in the app',
      figures.catalogInApp,
    );
    row(
      'catalog table: one service after typing its name',
      figures.catalogFilter,
    );
    if (directoryBytes) {
      const kb = directoryBytes.transfer / 1024;
      console.log(
        `last in-app move: the first page (GET /directory/services) sent ${directoryBytes.start.toFixed(
          0,
        )} ms after it, answered after ` +
          `${(directoryBytes.end - directoryBytes.start).toFixed(
            0,
          )} ms (${kb.toFixed(1)} KB transferred (goal < 500 KB gzipped, ${(
            kb / 500
          ).toFixed(2)}×), ${(directoryBytes.decoded / 1024).toFixed(
            0,
          )} KB of JSON)`,
      );
    }
    ok = true;
  } finally {
    stopAll();
    // The build was for this run only: a later `yarn start` should not find it.
    if (builtApp) fs.rmSync(APP_DIST, { recursive: true, force: true });
    if (!REUSE_APP && (KEEP || !ok))
      console.log(`logs and generated catalog kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

main().catch(error => {
  console.error(error);
  stopAll();
  process.exit(1);
});
