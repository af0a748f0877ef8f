#!/usr/bin/env bash
# Runs every test in the solution. Needs only the .NET 10 SDK and Node.js 20:
#  - installs the pinned npm tools (Azurite; TypeScript, which the Scale tests use to run reference 000's TypeScript
#    client under Node) from package-lock.json when one is missing,
#  - installs Debian's python3-requests, curl and jq when missing (the ScriptRun tests run reference 003's Python and
#    curl snippets, the Scale tests reference 000's curl + jq pipeline; without them those tests are skipped, saying why),
#  - starts Azurite on its default ports unless one is already listening (tests that need storage use it),
#  - runs `dotnet test` on the solution and prints one summary line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Engine").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

azurite_pid=""
cleanup() {
  if [[ -n "$azurite_pid" ]]; then kill "$azurite_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ -f package.json ]]; then
  if [[ ! -x node_modules/.bin/azurite || ! -f node_modules/typescript/package.json ]]; then
    echo "== npm ci (pinned tools from package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
    echo "== starting Azurite"
    # In-memory persistence: Azurite's disk-backed tables slow down as a test run accumulates rows.
    # No telemetry: Azurite otherwise builds an Application Insights item for every request (and cannot send it here).
    data_dir="$(mktemp -d)"
    node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --inMemoryPersistence --disableTelemetry \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$data_dir/azurite.log" 2>&1 &
    azurite_pid=$!
    for _ in $(seq 1 60); do
      (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
      sleep 0.5
    done
  fi
fi

# Reference 003's client snippets need python3 with requests (the one on PATH or Debian's) and curl; reference 000's
# curl pipeline needs jq.
missing=()
python3 -c "import requests" 2>/dev/null || /usr/bin/python3 -c "import requests" 2>/dev/null || missing+=(python3-requests)
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
if (( ${#missing[@]} > 0 )); then
  if command -v apt-get >/dev/null; then
    echo "== apt-get install ${missing[*]}"
    sudo_cmd=()
    if [[ "$(id -u)" != "0" ]] && command -v sudo >/dev/null; then sudo_cmd=(sudo); fi
    { "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || { "${sudo_cmd[@]}" apt-get update -qq >/dev/null && "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; }; } \
      || echo "   could not install them: the ScriptRun and Scale snippet tests that need them will be skipped"
  else
    echo "== ${missing[*]} missing and no apt-get: the ScriptRun and Scale snippet tests that need them will be skipped"
  fi
fi

echo "== dotnet test"
log="$(mktemp)"
set +e
dotnet test WorkflowFunctions.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test assembly, for humans and CI alike.
awk '
  /(Passed|Failed)!  - Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
exit "$status"
