// The install test: packs every plugin package, serves the tarballs from a local registry for the
// @operating-model scope, makes a new Backstage app of each frontend system with
// @backstage/create-app from the npm registry, follows the root README's install section in it
// word for word, starts it and checks the plugin's card, page and rotas in headless Chromium.
// Writes test-results/install-test.json and ends with a pass or fail line. See README.md here.
//
//   node scripts/install-test/run.js [--apps new,legacy] [--keep] [--tarballs DIR]
//                                   [--create-app-version X]
// Run it through scripts/install-test/run.sh, which puts Node 22 on PATH.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const readme = require('./readme');
const { checkInBrowser } = require('./check');

const ROOT = path.resolve(__dirname, '..', '..');
const YARN_RELEASE = path.join(
  ROOT,
  '.yarn',
  'releases',
  fs
    .readdirSync(path.join(ROOT, '.yarn', 'releases'))
    .find(f => /^yarn-.*\.cjs$/.test(f)),
);
const YAML = require('yaml');
const RESULT_FILE = path.join(ROOT, 'test-results', 'install-test.json');
const SHOTS_DIR = path.join(ROOT, 'test-results', 'install-test');

const args = process.argv.slice(2);
const option = name => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const APPS = (option('apps') ?? 'new,legacy').split(',');
const KEEP = args.includes('--keep') || process.env.INSTALL_TEST_KEEP === '1';

const checks = [];
const timings = {};
const children = new Set();
const facts = {};

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function say(line) {
  console.log(line);
}

/** Runs a command to a log file; resolves with its exit code, rejects after timeoutMs. */
function run(
  command,
  commandArgs,
  { cwd, env, log, timeoutMs = 15 * 60_000, input },
) {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(
      log,
      `\n$ ${[command, ...commandArgs].join(' ')}   (in ${cwd})\n`,
    );
    const out = fs.openSync(log, 'a');
    const child = spawn(command, commandArgs, {
      cwd,
      env,
      detached: true,
      stdio: [input === undefined ? 'ignore' : 'pipe', out, out],
    });
    if (input !== undefined) child.stdin.end(input);
    children.add(child);
    const timer = setTimeout(() => {
      killGroup(child);
      reject(
        new Error(
          `${command} ${commandArgs.join(' ')} took longer than ${seconds(
            timeoutMs,
          )}`,
        ),
      );
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      fs.closeSync(out);
      // Killed from outside: say by what, rather than "exited with null".
      resolve(code ?? `signal ${signal}`);
    });
    child.on('error', e => {
      clearTimeout(timer);
      children.delete(child);
      reject(e);
    });
  });
}

async function mustRun(command, commandArgs, options) {
  const code = await run(command, commandArgs, options);
  if (code !== 0) {
    throw new Error(
      `${command} ${commandArgs.join(' ')} exited with ${code}; the end of ${
        options.log
      }:\n${tail(options.log, 25)}`,
    );
  }
}

function tail(file, lines) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map(l => `    ${l.slice(0, 300)}`)
      .join('\n');
  } catch {
    return '    (no log)';
  }
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function stopGroup(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  killGroup(child);
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

async function timed(key, fn) {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings[key] = Date.now() - start;
  }
}

async function check(app, name, fn) {
  const start = Date.now();
  try {
    const detail = await fn();
    checks.push({
      app,
      name,
      ok: true,
      detail: String(detail ?? ''),
      ms: Date.now() - start,
    });
    say(
      `  ✔ [${app}] ${name}${
        detail ? `: ${String(detail).slice(0, 200)}` : ''
      }`,
    );
  } catch (e) {
    checks.push({
      app,
      name,
      ok: false,
      detail: e.message,
      ms: Date.now() - start,
    });
    say(`  ✘ [${app}] ${name}: ${e.message.split('\n')[0].slice(0, 400)}`);
    for (const line of e.message.split('\n').slice(1, 30)) say(`      ${line}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(description, fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${description} did not happen in ${seconds(timeoutMs)}${
      last ? ` (${last.message})` : ''
    }`,
  );
}

// --- 1. Pack -------------------------------------------------------------------------------

function pluginPackages() {
  return fs
    .readdirSync(path.join(ROOT, 'plugins'))
    .map(dir => path.join(ROOT, 'plugins', dir))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private);
}

/** Every file a packed package.json points at, so a missing one is named here, not at runtime. */
function checkTarball(file) {
  const { readFromTarball } = require('./registry');
  const buffer = fs.readFileSync(file);
  const { content, files } = readFromTarball(buffer, 'package/package.json');
  const pkg = JSON.parse(content);
  const present = new Set(files.map(f => f.name.replace(/^package\//, '')));
  const wanted = new Set();
  // Paths only: export conditions also hold markers such as "@backstage/FrontendPlugin".
  const add = p =>
    typeof p === 'string' &&
    !p.startsWith('@') &&
    wanted.add(p.replace(/^\.\//, ''));
  add(pkg.main);
  add(pkg.module);
  add(pkg.types);
  add(pkg.configSchema);
  const walk = v => {
    if (typeof v === 'string') add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  walk(pkg.typesVersions);
  const missing = [...wanted].filter(p => !present.has(p) && !p.includes('*'));
  const problems = missing.map(
    p =>
      `${pkg.name}: package.json points at ${p}, which is not in the tarball`,
  );
  if (
    String(pkg.main ?? '').startsWith('src/') ||
    String(pkg.types ?? '').startsWith('src/')
  ) {
    problems.push(
      `${pkg.name}: main/types still point at src/ (was backstage-cli package prepack run?)`,
    );
  }
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (/^(workspace|link|file|portal):/.test(range)) {
      problems.push(`${pkg.name}: dependency ${name} is "${range}"`);
    }
  }
  return { pkg, problems, fileCount: files.length };
}

async function pack(workDir, env) {
  const tarballs = path.join(workDir, 'tarballs');
  fs.mkdirSync(tarballs, { recursive: true });
  const log = path.join(workDir, 'logs', 'pack.log');
  say('== Pack every plugin package');
  await timed('pack: yarn tsc', () =>
    mustRun('node', [YARN_RELEASE, 'tsc'], { cwd: ROOT, env, log }),
  );
  const packages = pluginPackages();
  try {
    for (const { dir, pkg } of packages) {
      const start = Date.now();
      await mustRun('node', [YARN_RELEASE, 'build'], { cwd: dir, env, log });
      await mustRun(
        'node',
        [YARN_RELEASE, 'pack', '--out', path.join(tarballs, '%s-%v.tgz')],
        {
          cwd: dir,
          env,
          log,
        },
      );
      say(
        `  packed ${pkg.name}@${pkg.version} (${seconds(Date.now() - start)})`,
      );
    }
  } finally {
    // `backstage-cli package prepack` rewrites package.json and postpack restores it; make sure
    // no rewritten one is left behind if a pack stopped half way.
    for (const { dir } of packages) {
      const backup = path.join(dir, 'package.json-prepack');
      if (fs.existsSync(backup))
        fs.renameSync(backup, path.join(dir, 'package.json'));
    }
  }
  return tarballs;
}

// --- 2. Registry ---------------------------------------------------------------------------

async function startRegistry(workDir, tarballs, env) {
  const readyFile = path.join(workDir, 'registry.address');
  const log = path.join(workDir, 'logs', 'registry.log');
  const out = fs.openSync(log, 'a');
  const child = spawn(
    'node',
    [
      path.join(__dirname, 'registry.js'),
      '--dir',
      tarballs,
      '--ready-file',
      readyFile,
      '--log',
      log,
    ],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', out, out] },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
  const address = await waitFor(
    'the local registry to listen',
    () => fs.existsSync(readyFile) && fs.readFileSync(readyFile, 'utf8'),
    20_000,
  );
  return { child, address, log };
}

// --- 3. An app ------------------------------------------------------------------------------

/** What this machine needs and a user's does not; each is printed. */
function adaptToMachine(appDir, say2) {
  const yarnrcPath = path.join(appDir, '.yarnrc.yml');
  const yarnrc = YAML.parseDocument(fs.readFileSync(yarnrcPath, 'utf8'));
  // Yarn's default registry (registry.yarnpkg.com) is not reachable here; the npm registry is.
  yarnrc.set('npmRegistryServer', 'https://registry.npmjs.org');
  fs.writeFileSync(yarnrcPath, yarnrc.toString({ singleQuote: true }));
  say2(
    'npmRegistryServer: https://registry.npmjs.org in .yarnrc.yml (yarn’s default registry is unreachable here)',
  );

  const pkgPath = path.join(appDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  const pins = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'platform-resolutions.json'), 'utf8'),
  );
  pkg.resolutions = { ...pins, ...pkg.resolutions };
  say2(
    `${
      Object.keys(pins).length
    } resolutions for other platforms' builds this registry lacks (platform-resolutions.json)`,
  );
  // create-app 0.9.2 (Backstage 1.55) asks for @backstage/backend-defaults ^0.18.0, and its
  // yarn.lock seed, which pins the rest of the release, is fetched from GitHub: unreachable
  // here. Without it @backstage/plugin-signals-backend ^0.3.19 resolves to 0.3.21, which needs
  // backend-defaults 0.19 (httpRouter.addWebSocketHandler) and stops the new backend at start.
  const backend = JSON.parse(
    fs.readFileSync(path.join(appDir, 'packages/backend/package.json'), 'utf8'),
  );
  if (
    /^\^0\.18\./.test(
      backend.dependencies?.['@backstage/backend-defaults'] ?? '',
    )
  ) {
    pkg.resolutions['@backstage/plugin-signals-backend'] = '0.3.19';
    say2(
      '@backstage/plugin-signals-backend pinned to 0.3.19, as the missing yarn.lock seed of create-app would (0.3.21 needs backend-defaults 0.19)',
    );
  }
  // keytar needs libsecret to build, which this machine lacks; nothing here uses it. ssh2 and
  // cpu-features are optional native speed-ups that work unbuilt (this repository skips them
  // too); skipping them saves build time on two cores.
  pkg.dependenciesMeta = {
    ...pkg.dependenciesMeta,
    keytar: { built: false },
    'cpu-features': { built: false },
    ssh2: { built: false },
  };
  say2(
    'keytar (no libsecret here), cpu-features and ssh2 (optional) not built',
  );
  fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** The one change a real user, installing from the npm registry, would not make. */
function pointScopeAtLocalRegistry(appDir, address) {
  const yarnrcPath = path.join(appDir, '.yarnrc.yml');
  const yarnrc = YAML.parseDocument(fs.readFileSync(yarnrcPath, 'utf8'));
  yarnrc.setIn(['npmScopes', 'operating-model', 'npmRegistryServer'], address);
  // Yarn refuses plain http unless the host is listed.
  yarnrc.set('unsafeHttpWhitelist', [new URL(address).hostname]);
  fs.writeFileSync(yarnrcPath, yarnrc.toString({ singleQuote: true }));
}

/** Yarn resolution stops with YN0082 on packages this registry lacks: pin each and try again. */
async function pinMissingAndRetry(appDir, log, code, env, attempt) {
  // Only the last command's output: each starts with a "$ " line.
  const whole = fs.readFileSync(log, 'utf8');
  const text = whole.slice(whole.lastIndexOf('\n$ '));
  const missing = [
    ...new Set(
      [...text.matchAll(/YN0082: [^\n]*?│ (@?[^@\s]+)@npm:/g)].map(m => m[1]),
    ),
  ];
  if (!missing.length || attempt > 5) return false;
  const pkgPath = path.join(appDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  for (const name of missing) {
    const view = spawnSync('npm', ['view', name, 'dist-tags.latest'], {
      env,
      encoding: 'utf8',
    });
    const version = view.stdout.trim();
    if (!version) return false;
    pkg.resolutions[name] = version;
    say(
      `    pinned ${name} to ${version}: the registry here lacks the version yarn wanted (add it to platform-resolutions.json)`,
    );
  }
  fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  return true;
}

/** A lock folder beside the runs' folders, for one install test at a time in Yarn's cache. */
async function lockCache(base, note) {
  const lock = path.join(base, '.yarn-cache-lock');
  const end = Date.now() + 30 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let holder = 0;
    try {
      holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      // being written or removed
    }
    let alive = false;
    try {
      alive = holder > 0 && process.kill(holder, 0);
    } catch {
      alive = false;
    }
    if (holder > 0 && !alive) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > end) {
      throw new Error(
        `another install test (pid ${holder}) held ${lock} for 30 minutes`,
      );
    }
    if (!told) {
      note(
        `waiting for another install test (pid ${holder}) to finish installing`,
      );
      told = true;
    }
    await new Promise(r => setTimeout(r, 3000));
  }
  const release = () => fs.rmSync(lock, { recursive: true, force: true });
  process.once('exit', release);
  return () => {
    process.removeListener('exit', release);
    release();
  };
}

async function guestToken(backendUrl) {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest refresh: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function testApp(app, workDir, registry, env, createAppVersion) {
  const appDir = path.join(workDir, `${app}-app`);
  const logDir = path.join(workDir, 'logs');
  const log = name => path.join(logDir, `${app}-${name}.log`);
  const t = name => `${app}: ${name}`;
  const note = line => say(`  · [${app}] ${line}`);
  const steps = readme.stepsFor(
    readme.readSteps(path.join(ROOT, 'README.md')),
    app,
  );
  say(
    `== ${
      app === 'new' ? 'New frontend system' : 'Legacy frontend system'
    } app`,
  );

  let created = false;
  await check(
    app,
    `create-app ${createAppVersion}${app === 'legacy' ? ' --legacy' : ''}`,
    async () => {
      await timed(t('create-app'), () =>
        mustRun(
          'npx',
          [
            '-y',
            `@backstage/create-app@${createAppVersion}`,
            ...(app === 'legacy' ? ['--legacy'] : []),
            '--skip-install',
            '--path',
            appDir,
          ],
          {
            cwd: workDir,
            env: { ...env, BACKSTAGE_APP_NAME: `install-test-${app}` },
            log: log('create'),
            timeoutMs: 5 * 60_000,
          },
        ),
      );
      created = true;
      const release = JSON.parse(
        fs.readFileSync(path.join(appDir, 'backstage.json'), 'utf8'),
      ).version;
      facts[`${app} app Backstage release`] = release;
      const appPkg = fs.readFileSync(
        path.join(appDir, 'packages/app/package.json'),
        'utf8',
      );
      const legacyApp = appPkg.includes('"@backstage/app-defaults"');
      if ((app === 'legacy') !== legacyApp) {
        throw new Error(
          `expected a ${app} app, got ${
            legacyApp
              ? 'one on @backstage/app-defaults'
              : 'a new frontend system app'
          }`,
        );
      }
      return `Backstage ${release}, ${
        legacyApp
          ? 'createApp from @backstage/app-defaults, EntityPage.tsx'
          : 'createApp from @backstage/frontend-defaults, app.packages: all'
      }`;
    },
  );
  if (!created) return;

  adaptToMachine(appDir, note);
  pointScopeAtLocalRegistry(appDir, registry.address);
  note(
    `npmScopes.operating-model.npmRegistryServer: ${registry.address} in .yarnrc.yml (the one line a user would not add)`,
  );

  // Yarn's global cache keeps a package by name and version: drop any @operating-model/* tarball
  // an earlier run left there, so that this install fetches the ones packed now. Another install
  // test on this machine (someone else's npm test) would drop ours in the middle of our install,
  // so from here to the last README step the cache is held by a lock.
  const releaseLock = await lockCache(path.dirname(workDir), note);
  const cacheFolder = spawnSync(
    'node',
    [YARN_RELEASE, 'config', 'get', 'cacheFolder'],
    {
      cwd: appDir,
      env,
      encoding: 'utf8',
    },
  ).stdout.trim();
  if (cacheFolder && fs.existsSync(cacheFolder)) {
    const stale = fs
      .readdirSync(cacheFolder)
      .filter(f => f.startsWith('@operating-model-'));
    for (const f of stale)
      fs.rmSync(path.join(cacheFolder, f), { force: true });
    if (stale.length)
      note(
        `removed ${stale.length} @operating-model/* tarballs of an earlier run from yarn's cache (${cacheFolder})`,
      );
  }

  let installed = false;
  try {
    await check(app, `the README's ${steps.length} install steps`, async () => {
      const start = Date.now();
      let installMs = 0;
      for (const step of steps) {
        const stepStart = Date.now();
        if (step.kind === 'run') {
          for (let attempt = 1; ; attempt++) {
            const code = await run(
              'bash',
              ['-euo', 'pipefail', '-c', step.code],
              {
                cwd: appDir,
                env,
                log: log('install'),
                timeoutMs: 20 * 60_000,
              },
            );
            if (code === 0) break;
            if (
              !(await pinMissingAndRetry(
                appDir,
                log('install'),
                code,
                env,
                attempt,
              ))
            ) {
              throw new Error(
                `README line ${step.line}: "${
                  step.code
                }" exited with ${code}:\n${tail(log('install'), 20)}`,
              );
            }
          }
          installMs += Date.now() - stepStart;
        } else {
          readme.applyFileStep(appDir, step, YAML);
        }
        note(
          `README line ${step.line}: ${readme.describe(step)} (${seconds(
            Date.now() - stepStart,
          )})`,
        );
      }
      timings[t('install (yarn add steps)')] = installMs;
      timings[t('README steps, all')] = Date.now() - start;
      installed = true;
      return `${steps.filter(s => s.kind === 'run').length} commands, ${
        steps.filter(s => s.kind !== 'run').length
      } edits`;
    });
  } finally {
    releaseLock();
  }
  if (!installed) return;

  await check(app, 'installed from the local registry, as packed', async () => {
    const lock = fs.readFileSync(path.join(appDir, 'yarn.lock'), 'utf8');
    const entries = [
      ...lock.matchAll(
        /"(@operating-model\/[^@"]+)@npm:[^"]*":\n\s+version: ([^\n]+)/g,
      ),
    ];
    if (!entries.length)
      throw new Error('no @operating-model package in yarn.lock');
    const served = fs.readFileSync(registry.log, 'utf8');
    const notServed = entries.filter(
      ([, name]) =>
        !served.includes(`/${name.replace('/', '%2f')}/-/`) &&
        !served.includes(`/${name}/-/`),
    );
    if (notServed.length)
      throw new Error(
        `not fetched from the local registry: ${notServed
          .map(e => e[1])
          .join(', ')}`,
      );
    return entries
      .map(([, name, v]) => `${name.split('/')[1]}@${v}`)
      .join(', ');
  });

  // The test's own organisation and ports: in app-config.local.yaml, which `yarn start` reads.
  const ports = { frontend: await freePort(), backend: await freePort() };
  const frontendUrl = `http://localhost:${ports.frontend}`;
  const backendUrl = `http://localhost:${ports.backend}`;
  fs.copyFileSync(
    path.join(__dirname, 'catalog.yaml'),
    path.join(appDir, 'examples', 'operating-model.yaml'),
  );
  const localConfig = path.join(appDir, 'app-config.local.yaml');
  fs.appendFileSync(
    localConfig,
    `\n# Added by the operating-model install test: free ports, and its small organisation.\n${YAML.stringify(
      {
        app: { baseUrl: frontendUrl },
        backend: {
          baseUrl: backendUrl,
          listen: { port: ports.backend },
          cors: { origin: frontendUrl },
        },
        catalog: {
          locations: [
            {
              type: 'file',
              target: '../../examples/operating-model.yaml',
              rules: [
                { allow: ['Group', 'User', 'Domain', 'System', 'Component'] },
              ],
            },
          ],
        },
      },
    )}`,
  );

  await check(
    app,
    'yarn tsc: the README snippets type-check against the packed types',
    async () => {
      await timed(t('tsc'), () =>
        mustRun(
          'node',
          [
            path.join(
              appDir,
              '.yarn/releases',
              fs.readdirSync(path.join(appDir, '.yarn/releases'))[0],
            ),
            'tsc',
          ],
          {
            cwd: appDir,
            env,
            log: log('tsc'),
            timeoutMs: 10 * 60_000,
          },
        ),
      );
      return 'no errors';
    },
  );

  const startLog = log('start');
  const startOut = fs.openSync(startLog, 'a');
  const startedAt = Date.now();
  const server = spawn(
    'node',
    [
      path.join(
        appDir,
        '.yarn/releases',
        fs.readdirSync(path.join(appDir, '.yarn/releases'))[0],
      ),
      'start',
    ],
    {
      cwd: appDir,
      env: { ...env, BROWSER: 'none' },
      detached: true,
      stdio: ['ignore', startOut, startOut],
    },
  );
  children.add(server);
  server.on('exit', () => children.delete(server));
  try {
    let up = false;
    await check(app, 'yarn start: backend and frontend answer', async () => {
      const exited = new Promise((_, reject) =>
        server.once('exit', code =>
          reject(
            new Error(`yarn start exited with ${code}:\n${tail(startLog, 25)}`),
          ),
        ),
      );
      exited.catch(() => undefined);
      await Promise.race([
        exited,
        (async () => {
          await waitFor(
            'backend readiness',
            async () =>
              (
                await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
              ).ok,
            5 * 60_000,
          );
          timings[t('start: backend ready')] = Date.now() - startedAt;
          await waitFor(
            'frontend',
            async () => (await fetch(frontendUrl)).ok,
            5 * 60_000,
          );
          timings[t('start: frontend ready')] = Date.now() - startedAt;
        })(),
      ]);
      up = true;
      return `backend ${backendUrl} in ${seconds(
        timings[t('start: backend ready')],
      )}, frontend ${frontendUrl} in ${seconds(
        timings[t('start: frontend ready')],
      )}`;
    }).catch(() => undefined);
    if (!up) {
      say(tail(startLog, 30));
      return;
    }

    await check(
      app,
      'backend API: the assessment of payment-service',
      async () => {
        const assessment = await timed(t('API: first assessment'), () =>
          waitFor(
            'an assessment of payment-service',
            async () => {
              const token = await guestToken(backendUrl);
              const res = await fetch(
                `${backendUrl}/api/operating-model/services/component/default/payment-service`,
                {
                  headers: { Authorization: `Bearer ${token}` },
                },
              );
              return res.ok ? res.json() : undefined;
            },
            2 * 60_000,
          ),
        );
        if (assessment.availabilityTarget !== 99.9) {
          throw new Error(
            `availabilityTarget is ${assessment.availabilityTarget}, expected 99.9`,
          );
        }
        return `availabilityTarget ${assessment.availabilityTarget}, tolerable ${assessment.tolerableUnavailabilitySecondsPerWeek} s a week`;
      },
    );

    fs.mkdirSync(SHOTS_DIR, { recursive: true });
    await timed(t('Chromium checks'), () =>
      checkInBrowser({
        baseUrl: frontendUrl,
        app,
        shotsDir: SHOTS_DIR,
        check: (name, fn) => check(app, name, fn),
      }).catch(e =>
        check(app, 'Chromium', async () => {
          throw e;
        }),
      ),
    );
  } finally {
    await stopGroup(server);
    fs.closeSync(startOut);
  }
}

// --- Main ----------------------------------------------------------------------------------

function writeResult(extra) {
  fs.mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  const passed = checks.filter(c => c.ok).length;
  const failed = checks.length - passed;
  fs.writeFileSync(
    RESULT_FILE,
    `${JSON.stringify(
      {
        passed,
        failed,
        apps: APPS,
        facts,
        timingsMs: timings,
        checks,
        ...extra,
      },
      null,
      2,
    )}\n`,
  );
  return { passed, failed };
}

/**
 * Two apps are half a million files, a minute or more to delete on these disks: the folder is
 * moved aside at once and deleted by a process that outlives this one (the next run finishes
 * the job if it was stopped).
 */
function removeInBackground(dir, base) {
  const trash = dir.includes(`${path.sep}.trash-`)
    ? dir
    : path.join(base, `.trash-${Date.now()}-${path.basename(dir)}`);
  try {
    if (trash !== dir) fs.renameSync(dir, trash);
  } catch {
    return;
  }
  spawn('rm', ['-rf', trash], { detached: true, stdio: 'ignore' }).unref();
}

async function main() {
  const started = Date.now();
  // An earlier result must never be read as this run's.
  fs.rmSync(RESULT_FILE, { force: true });
  const base =
    process.env.INSTALL_TEST_DIR ??
    path.join(os.tmpdir(), 'operating-model-install-test');
  fs.mkdirSync(base, { recursive: true });
  // Folders of earlier runs whose process is gone (kept after a failure, or killed).
  for (const name of fs.readdirSync(base)) {
    if (!/^(run-|\.trash-)/.test(name)) continue;
    const pid = Number(/^run-.*-(\d+)$/.exec(name)?.[1]);
    let alive = false;
    try {
      alive = pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) removeInBackground(path.join(base, name), base);
  }
  const workDir = path.join(
    base,
    `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
  );
  fs.mkdirSync(path.join(workDir, 'logs'), { recursive: true });
  fs.rmSync(SHOTS_DIR, { recursive: true, force: true });

  // `yarn` for create-app's prerequisite check and for the README's commands: this repository's
  // release, which defers to an app's own (yarnPath) inside the app.
  const bin = path.join(workDir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'yarn'),
    `#!/bin/sh\nexec node "${YARN_RELEASE}" "$@"\n`,
    { mode: 0o755 },
  );
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    // CI=true makes yarn refuse to change a lockfile; a user's `yarn add` changes it.
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
    NODE_OPTIONS: '',
  };
  // scripts/env.sh exports a shell function `yarn`, which would win over the shim in bash -c.
  for (const key of Object.keys(env))
    if (key.startsWith('BASH_FUNC_')) delete env[key];
  say(`Install test in ${workDir} (Node ${process.version})`);

  let registry;
  let fatal;
  try {
    const tarballs =
      option('tarballs') ??
      (await timed('pack (tsc, build and yarn pack of every plugin)', () =>
        pack(workDir, env),
      ));
    await check(
      'packages',
      'packed tarballs point only at files they contain',
      async () => {
        const problems = [];
        const names = [];
        for (const f of fs
          .readdirSync(tarballs)
          .filter(f => f.endsWith('.tgz'))) {
          const r = checkTarball(path.join(tarballs, f));
          problems.push(...r.problems);
          names.push(`${r.pkg.name.split('/')[1]} (${r.fileCount} files)`);
        }
        if (problems.length) throw new Error(problems.join('\n'));
        return names.join(', ');
      },
    );

    registry = await timed('registry start', () =>
      startRegistry(workDir, tarballs, env),
    );
    say(`== Local registry for @operating-model at ${registry.address}`);
    await check(
      'registry',
      'packuments served as the npm registry shapes them',
      async () => {
        const name =
          '@operating-model/backstage-plugin-operating-model-backend';
        const res = await fetch(
          `${registry.address}/${name.replace('/', '%2f')}`,
        );
        const doc = await res.json();
        const v = doc['dist-tags']?.latest;
        const dist = doc.versions?.[v]?.dist;
        if (
          !dist?.integrity?.startsWith('sha512-') ||
          !/^[0-9a-f]{40}$/.test(dist.shasum ?? '')
        ) {
          throw new Error(`bad dist in ${JSON.stringify(doc).slice(0, 300)}`);
        }
        const tgz = Buffer.from(
          await (await fetch(dist.tarball)).arrayBuffer(),
        );
        const sha512 = `sha512-${require('crypto')
          .createHash('sha512')
          .update(tgz)
          .digest('base64')}`;
        if (sha512 !== dist.integrity)
          throw new Error('tarball does not match its integrity');
        const other = await fetch(
          `${registry.address}/@backstage%2fcore-plugin-api`,
        );
        if (other.status !== 404)
          throw new Error(`a name outside the scope answered ${other.status}`);
        return `${name}@${v}, integrity and shasum match the tarball; other names 404`;
      },
    );

    const createAppVersion =
      option('create-app-version') ??
      spawnSync('npm', ['view', '@backstage/create-app@latest', 'version'], {
        env,
        encoding: 'utf8',
      }).stdout.trim();
    if (!createAppVersion)
      throw new Error('could not look up @backstage/create-app@latest');
    facts['@backstage/create-app'] = createAppVersion;

    for (const app of APPS) {
      const start = Date.now();
      await testApp(app, workDir, registry, env, createAppVersion);
      timings[`${app}: whole app`] = Date.now() - start;
    }
  } catch (e) {
    fatal = e;
    await check('install test', 'ran to the end', async () => {
      throw e;
    });
  } finally {
    for (const child of [...children]) await stopGroup(child);
  }

  timings.total = Date.now() - started;
  const { passed, failed } = writeResult({ workDir });
  say('');
  say('== Timings');
  for (const [k, ms] of Object.entries(timings))
    say(`  ${k.padEnd(52)} ${seconds(ms).padStart(9)}`);
  say('');
  for (const [k, v] of Object.entries(facts)) say(`  ${k}: ${v}`);
  const ok = failed === 0 && passed > 0 && !fatal;
  if (ok && !KEEP) {
    removeInBackground(workDir, base);
  } else {
    say(`  apps, logs and tarballs kept in ${workDir}`);
  }
  say(
    `Install test: ${ok ? 'PASS' : 'FAIL'} — ${passed} of ${
      checks.length
    } checks passed${failed ? `, ${failed} failed` : ''}`,
  );
  process.exit(ok ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) killGroup(child);
    process.exit(130);
  });
}

main().catch(e => {
  console.error(e);
  for (const child of children) killGroup(child);
  process.exit(1);
});
