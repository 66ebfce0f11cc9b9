// Runs a TypeScript script (benchmarks, demo data) by bundling it with esbuild: the workspace's
// own @operating-model packages are compiled in, every other package is loaded from node_modules.
//   node scripts/run-ts.js path/to/script.ts [args...]
const esbuild = require('esbuild');
const path = require('path');
const { spawnSync } = require('child_process');

const [entry, ...args] = process.argv.slice(2);
// One bundle per script path, so two scripts of one name (two packages' bench/sync.bench.ts)
// never run each other's code.
const outfile = path.join(
  __dirname,
  '..',
  'node_modules',
  '.cache',
  'run-ts',
  `${path
    .relative(path.join(__dirname, '..'), path.resolve(entry))
    .replace(/\.ts$/, '')
    .replace(/[^\w.-]+/g, '__')}.js`,
);

esbuild
  .build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    outfile,
    logLevel: 'warning',
    sourcemap: 'inline',
    plugins: [
      {
        name: 'external-node-modules',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, args =>
            args.path.startsWith('@operating-model/')
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  })
  .then(() => {
    const result = spawnSync(
      process.execPath,
      ['--enable-source-maps', outfile, ...args],
      {
        stdio: 'inherit',
      },
    );
    process.exit(result.status ?? 1);
  })
  .catch(() => process.exit(1));
