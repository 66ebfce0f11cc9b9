#!/usr/bin/env bash
# Starts the example app with its measures read from the tools teams run: local stand-ins of
# GitHub (deployments, :7009) and PagerDuty (incidents, :7210), and a real Prometheus from Debian
# (:7012) scraping an exporter of request counters (:7011). See app-config.sources.yaml; the
# Data sources tab of /operating-model shows each source's runs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
yarn install --immutable
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' INT TERM EXIT
node .yarn/releases/yarn-4.13.0.cjs workspace @operating-model/backstage-plugin-operating-model-backend-module-github stand-in &
pids+=($!)
node .yarn/releases/yarn-4.13.0.cjs workspace @operating-model/backstage-plugin-operating-model-backend-module-pagerduty stand-in &
pids+=($!)
node .yarn/releases/yarn-4.13.0.cjs workspace @operating-model/backstage-plugin-operating-model-backend-module-prometheus demo &
pids+=($!)
echo "Starting: open http://localhost:3000 once the frontend has compiled, and Enter as guest."
bash scripts/serve-example.sh --config ../../app-config.yaml --config ../../app-config.sources.yaml
