#!/usr/bin/env bash
# Runs the install test (see README.md beside this file) with the project's Node 22 on PATH.
set -uo pipefail
source "$(dirname "$0")/../env.sh"
cd "$ROOT"
exec node scripts/install-test/run.js "$@"
