#!/usr/bin/env bash
# Cold start of the whole system: wall time from launching the already-built AppHost to its line
# "All N resources are healthy" (every project, sidecar and server Running and passing its health check).
# Usage: bench/ColdStart/cold-start.sh [runs=5] [profile=local]
# The build is done once up front and not timed, as `dotnet run` would only build when sources changed.
# Runs are stopped with SIGTERM: a background job of a non-interactive shell starts with SIGINT ignored.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
profile="${2:-local}"
timeout_seconds=180

dotnet build AppHost/AppHost.csproj -c Release -nologo -v quiet
apphost=AppHost/bin/Release/net10.0/AppHost.dll

times=()
for run in $(seq 1 "$runs"); do
  log="$(mktemp)"
  started=$(date +%s.%N)
  dotnet "$apphost" --profile "$profile" >"$log" 2>&1 &
  pid=$!
  until grep -q "resources are healthy" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s) - ${started%.*} > timeout_seconds )); then
      echo "run $run: the AppHost did not get healthy:" >&2
      cat "$log" >&2
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" || true
      exit 1
    fi
    sleep 0.05
  done
  healthy=$(date +%s.%N)
  seconds=$(echo "$healthy - $started" | bc)
  times+=("$seconds")
  echo "run $run: $(grep -m1 -o 'All [0-9]* resources' "$log" | cut -d' ' -f2) resources healthy after ${seconds} s"
  kill -TERM "$pid"
  wait "$pid" || true
  rm -f "$log"
done

printf '%s\n' "${times[@]}" | sort -n | awk -v profile="$profile" '
  { t[NR] = $1 }
  END { printf "cold start (profile %s, %d runs): min %.2f s, median %.2f s, max %.2f s\n", profile, NR, t[1], t[int((NR + 1) / 2)], t[NR] }'
