#!/usr/bin/env bash
# One PostgreSQL ingest run of the 2.2 M-row synthetic file with settings to compare (run pairs,
# alternating, when the machine is noisy). Expects deploy/bench/ingest.sh to have built and written the file.
# Usage: deploy/bench/ingest-pair.sh LABEL [EXTRA_CONNECTION_STRING] [ENV=VALUE ...]
#   e.g. deploy/bench/ingest-pair.sh old ";Write Buffer Size=8192" DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70
#        deploy/bench/ingest-pair.sh new
# SILO_ARGS="--Grid:FlushConcurrency 4096" adds silo arguments; CLIENT_ENV="NAME=VALUE" sets the environment of vz alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
label="$1"; extra="${2:-}"; shift $(( $# >= 2 ? 2 : 1 ))
out="$root/artifacts/bench/pair"; mkdir -p "$out"
eval "$(bash deploy/local/pg.sh env)"; base="$VZ_POSTGRES"; unset VZ_POSTGRES
bash deploy/local/pg.sh psql -qc "DROP DATABASE IF EXISTS vz_pair WITH (FORCE)" -c "CREATE DATABASE vz_pair" >/dev/null 2>&1
env "$@" dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --sample false --postgres "${base/Database=vz/Database=vz_pair}$extra" \
    --Jobs:TrainFirstModel false --Logging:LogLevel:Default Warning --Logging:LogLevel:VisionZero Information ${SILO_ARGS:-} >"$out/silo-$label.log" 2>&1 &
pid=$!
# Wait for the silo to be gone: the next run drops and recreates its database.
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "silo up" "$out/silo-$label.log" && break; sleep 0.5; done
start=$(date +%s.%N)
# CLIENT_ENV="NAME=VALUE ..." sets the environment of vz alone.
/usr/bin/time -f "%U %S" -o "$out/client-cpu-$label.txt" env ${CLIENT_ENV:-} \
    dotnet Client/bin/Release/net10.0/vz.dll ingest artifacts/bench/synth-2200000-163000.csv.gz --json >"$out/summary-$label.json"
end=$(date +%s.%N)
cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$pid/stat")
hwm=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
echo "$label $(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f s, %.0f rows/s", e - s, 2200000 / (e - s)}'), silo CPU ${cpu} s, client CPU $(awk '{print $1 + $2}' "$out/client-cpu-$label.txt") s, peak ${hwm} MB"
