#!/usr/bin/env bash
# Installs everything and runs every test: type checks, the unit and API tests (on SQLite and on a
# real PostgreSQL server) and the end-to-end run in headless Chromium. Ends with one line,
# "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
set -e
bash scripts/system-deps.sh
yarn install --immutable
set +e

export CI=true
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@localhost:5432
export OPERATING_MODEL_REQUIRE_POSTGRES=1
mkdir -p test-results

echo "== Type check"
yarn tsc
tsc_status=$?

echo "== Unit, component and API tests"
yarn backstage-cli repo test --json --outputFile=test-results/jest.json
jest_status=$?

echo "== Reliability (small scale)"
yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:reliability --events 40000
reliability_status=$?

echo "== End-to-end, headless Chromium"
yarn playwright test
e2e_status=$?

node scripts/summarise-tests.js test-results/jest.json test-results/e2e.json "$tsc_status"
summary_status=$?
if [ $tsc_status -ne 0 ] || [ $jest_status -ne 0 ] || [ $reliability_status -ne 0 ] || [ $e2e_status -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
