#!/usr/bin/env bash
# Installs everything and starts the example app (frontend on :3000, backend on :7007) with the
# Hearth & Home organisation on the embedded in-memory SQLite database, then loads demo data.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
yarn install --immutable
echo "Starting: open http://localhost:3000 once the frontend has compiled, and Enter as guest."
exec bash scripts/serve-example.sh
