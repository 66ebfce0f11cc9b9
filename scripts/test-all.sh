#!/usr/bin/env bash
# Installs everything and runs every test: the type check, lint, formatting and dependency checks,
# the unit and API tests (on SQLite and on a real PostgreSQL server), the reliability run, the
# end-to-end run in headless Chromium and the install of the packed plugins into new Backstage
# apps (scripts/install-test). Each check counts as one test in the closing line,
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

echo "== Lint (Backstage's ESLint config, every package)"
yarn backstage-cli repo lint
lint_status=$?

echo "== Formatting (Prettier)"
yarn prettier:check
prettier_status=$?

echo "== Dependencies (knip: none unused, none unlisted)"
yarn lint:deps
deps_status=$?

echo "== API reports (an export changed without its report fails)"
yarn build:api-reports:check
api_reports_status=$?

echo "== Unit, component and API tests"
yarn backstage-cli repo test --json --outputFile=test-results/jest.json
jest_status=$?

echo "== Reliability (small scale)"
yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:reliability --events 40000
reliability_status=$?

echo "== End-to-end, headless Chromium"
yarn playwright test
e2e_status=$?

echo "== Install into a new Backstage app (packed plugins, README steps, both frontend systems)"
bash scripts/install-test/run.sh
install_status=$?

node scripts/summarise-tests.js test-results/jest.json test-results/e2e.json \
  "type check=$tsc_status" "lint=$lint_status" "prettier=$prettier_status" \
  "dependencies=$deps_status" "API reports=$api_reports_status" \
  "reliability=$reliability_status" "install test=@test-results/install-test.json"
summary_status=$?
if [ $summary_status -ne 0 ] || [ $jest_status -ne 0 ] || [ $e2e_status -ne 0 ] || [ $install_status -ne 0 ]; then
  exit 1
fi
