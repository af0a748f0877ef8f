#!/usr/bin/env bash
# The HTTP API benchmark on the LocalHost, in memory and on Azurite (started here from the pinned npm install,
# in-memory persistence, no telemetry, unless one is already listening). Arguments go to the benchmark; default:
# both backends, 2,000 run starts, a 10,000-item batch at concurrency 50, 200 long polls.
set -euo pipefail
cd "$(dirname "$0")/.."
azurite_pid=""
trap '[[ -n "$azurite_pid" ]] && kill "$azurite_pid" 2>/dev/null || true' EXIT
[[ -x node_modules/.bin/azurite ]] || npm ci --no-audit --no-fund --loglevel=error
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --inMemoryPersistence --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >/dev/null 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.5; done
fi
args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(both 2000 10000 200 50)
dotnet run -c Release --project bench/WorkflowFunctions.Benchmarks -- api "${args[@]}"
