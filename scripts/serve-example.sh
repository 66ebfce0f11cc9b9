#!/usr/bin/env bash
# Serves the example app (frontend :3000, backend :7007; arguments go to `yarn dev`, such as
# --config files) and, once the backend answers, loads a
# year of demo events and an example rota override through the plugin's API.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
node .yarn/releases/yarn-4.13.0.cjs dev "$@" &
dev=$!
trap 'kill $dev 2>/dev/null' INT TERM EXIT
node scripts/run-ts.js scripts/demo-data.ts || echo "The demo data was not loaded (see above); the app works without it."
wait $dev
