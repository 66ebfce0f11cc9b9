// A tiny npm registry for one scope, serving the tarballs of a folder the way the npm registry
// does: a packument per package (`GET /@scope%2fname`, full or abbreviated by the Accept header)
// with `dist-tags`, `versions`, `time` and each version's `dist` (tarball, shasum, integrity),
// and the tarballs at `/@scope/name/-/name-1.2.3.tgz`. Every other name is a 404, so a client
// configured with `npmScopes` gets the rest from the real registry.
//
//   node registry.js --dir <tarballs> [--port 0] [--host 127.0.0.1] [--ready-file f] [--log f]
//
// Prints `listening http://127.0.0.1:<port>` once it accepts requests (and writes the address to
// --ready-file). Needs nothing outside Node itself.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');

const ABBREVIATED = 'application/vnd.npm.install-v1+json';
// The fields the npm registry keeps in an abbreviated ("corgi") version manifest.
const ABBREVIATED_FIELDS = [
  'name',
  'version',
  'deprecated',
  'dependencies',
  'optionalDependencies',
  'devDependencies',
  'bundleDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bin',
  'directories',
  'dist',
  'engines',
  'cpu',
  'os',
  'funding',
  'license',
  '_hasShrinkwrap',
  'hasInstallScript',
];

/** Reads one file out of a .tgz without unpacking it (ustar, with pax and GNU long names). */
function readFromTarball(buffer, wanted) {
  const tar = zlib.gunzipSync(buffer);
  let offset = 0;
  let longName;
  const files = [];
  let found;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every(b => b === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    let name = field(0, 100);
    const prefix = field(345, 155);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (match) longName = match[1];
      continue;
    }
    if (longName) {
      name = longName;
      longName = undefined;
    }
    if (type === '0' || type === '\0') {
      files.push({ name, size });
      if (name === wanted) found = body.toString('utf8');
    }
  }
  return { content: found, files };
}

function loadPackages(dir, baseUrl, publishedAt) {
  const packages = new Map();
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tgz'))) {
    const buffer = fs.readFileSync(path.join(dir, file));
    const { content, files } = readFromTarball(buffer, 'package/package.json');
    if (!content) throw new Error(`${file} has no package/package.json`);
    const manifest = JSON.parse(content);
    const { name, version } = manifest;
    const bareName = name.split('/').pop();
    const tarballPath = `/${name}/-/${bareName}-${version}.tgz`;
    const entry = packages.get(name) ?? { name, versions: new Map() };
    entry.versions.set(version, {
      manifest: {
        ...manifest,
        _id: `${name}@${version}`,
        ...(manifest.scripts?.install ||
        manifest.scripts?.preinstall ||
        manifest.scripts?.postinstall
          ? { hasInstallScript: true }
          : {}),
        dist: {
          integrity: `sha512-${crypto
            .createHash('sha512')
            .update(buffer)
            .digest('base64')}`,
          shasum: crypto.createHash('sha1').update(buffer).digest('hex'),
          tarball: `${baseUrl}${tarballPath}`,
          fileCount: files.length,
          unpackedSize: files.reduce((sum, f) => sum + f.size, 0),
        },
      },
      tarballPath,
      buffer,
    });
    packages.set(name, entry);
  }
  const byTarball = new Map();
  const packuments = new Map();
  for (const [name, entry] of packages) {
    const versions = [...entry.versions.keys()].sort(compareVersions);
    const latest = versions[versions.length - 1];
    const time = { created: publishedAt, modified: publishedAt };
    for (const v of versions) time[v] = publishedAt;
    const full = {
      _id: name,
      name,
      description: entry.versions.get(latest).manifest.description,
      'dist-tags': { latest },
      versions: Object.fromEntries(
        versions.map(v => [v, entry.versions.get(v).manifest]),
      ),
      time,
      license: entry.versions.get(latest).manifest.license,
      repository: entry.versions.get(latest).manifest.repository,
      readme: '',
    };
    const abbreviated = {
      name,
      modified: publishedAt,
      'dist-tags': { latest },
      versions: Object.fromEntries(
        versions.map(v => {
          const m = entry.versions.get(v).manifest;
          return [
            v,
            Object.fromEntries(
              ABBREVIATED_FIELDS.filter(k => m[k] !== undefined).map(k => [
                k,
                m[k],
              ]),
            ),
          ];
        }),
      ),
      // Yarn's npmMinimalAgeGate reads publish times from here too.
      time,
    };
    packuments.set(name, { full, abbreviated });
    for (const v of entry.versions.values()) byTarball.set(v.tarballPath, v);
  }
  return { packuments, byTarball };
}

function compareVersions(a, b) {
  const pa = a.split(/[.-]/).map(x => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map(x => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    if (pa[i] === undefined) return 1;
    if (pb[i] === undefined) return -1;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

function main() {
  const args = process.argv.slice(2);
  const opt = name => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = opt('dir');
  if (!dir) {
    console.error('usage: node registry.js --dir <tarballs> [--port 0]');
    process.exit(2);
  }
  const host = opt('host') ?? '127.0.0.1';
  const logFile = opt('log');
  const log = line => {
    if (logFile) fs.appendFileSync(logFile, `${line}\n`);
  };
  let state;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const pathname = decodeURIComponent(url.pathname);
    const send = (status, body, type = 'application/json') => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      log(`${req.method} ${req.url} ${status}`);
    };
    if (!state) {
      send(503, JSON.stringify({ error: 'Starting' }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, JSON.stringify({ error: 'Method not allowed' }));
      return;
    }
    const tarball = state.byTarball.get(pathname);
    if (tarball) {
      send(200, tarball.buffer, 'application/octet-stream');
      return;
    }
    const packument = state.packuments.get(pathname.replace(/^\//, ''));
    if (packument) {
      const wantsAbbreviated = (req.headers.accept ?? '').includes(ABBREVIATED);
      send(
        200,
        JSON.stringify(
          wantsAbbreviated ? packument.abbreviated : packument.full,
        ),
        wantsAbbreviated ? ABBREVIATED : 'application/json',
      );
      return;
    }
    send(404, JSON.stringify({ error: 'Not found' }));
  });
  server.listen(Number(opt('port') ?? 0), host, () => {
    const address = `http://${host}:${server.address().port}`;
    state = loadPackages(dir, address, new Date().toISOString());
    for (const [name, p] of state.packuments) {
      log(`serving ${name}@${p.full['dist-tags'].latest}`);
    }
    if (opt('ready-file')) fs.writeFileSync(opt('ready-file'), address);
    console.log(`listening ${address} (${state.packuments.size} packages)`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();
module.exports = { readFromTarball, loadPackages };
