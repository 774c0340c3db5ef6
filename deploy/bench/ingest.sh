#!/usr/bin/env bash
# Benchmark: end-to-end ingest of a synthetic NYC-size export into a silo, measuring rows/s and
# the silo's peak memory (VmHWM). Runs the PostgreSQL-backed silo and, as the peer in the same run,
# the embedded in-memory silo. Usage: [BENCH_ONLY=postgres|embedded] deploy/bench/ingest.sh [CRASHES] [INTERSECTIONS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
crashes="${1:-2200000}"
intersections="${2:-163000}"  # ~150,000 of them end up with a named crash
out="$root/artifacts/bench"
mkdir -p "$out"
file="$out/synth-${crashes}-${intersections}.csv.gz"

[[ -x /usr/bin/time ]] || apt-get install -y -q time >/dev/null
dotnet build Silo -c Release -v q -nologo >/dev/null
dotnet build Client -c Release -v q -nologo >/dev/null
silo="dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll"
vz="dotnet Client/bin/Release/net10.0/vz.dll"
[[ -f "$file" ]] || $vz synth --crashes "$crashes" --intersections "$intersections" --years 10 --seed 7 --end 2025-12-31 --out "$file"

bash deploy/local/pg.sh start >/dev/null
eval "$(bash deploy/local/pg.sh env)"
base="$VZ_POSTGRES"
unset VZ_POSTGRES  # each run below says which storage it uses

# CPU seconds used so far by every PostgreSQL process (the server forks one backend per connection).
pg_cpu() { ps -C postgres -o cputimes= 2>/dev/null | awk '{s += $1} END {print s + 0}'; }

run_one() { # $1 = label, $2 = postgres connection string or empty
    local label="$1" cs="$2" args=(--sample false --Logging:LogLevel:Default Warning --Logging:LogLevel:VisionZero Information)
    [[ -n "$cs" ]] && args+=(--postgres "$cs")
    $silo "${args[@]}" >"$out/silo-$label.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 120); do grep -q "silo up" "$out/silo-$label.log" && break; sleep 0.5; done
    local start end pg_before pg_after
    pg_before=$(pg_cpu)
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$out/client-cpu-$label.txt" $vz ingest "$file" --json >"$out/summary-$label.json"
    end=$(date +%s.%N)
    pg_after=$(pg_cpu)
    local hwm; hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
    local silo_cpu; silo_cpu=$(awk '{print ($14 + $15) / 100}' /proc/$pid/stat)
    # The silo's own runtime meter: collections by generation and time paused, for the GC share.
    curl -s http://127.0.0.1:5080/metrics | sed -n -e 's/^dotnet_gc_collections_total{.*generation="\(gen[0-9]\)"} /\1=/p' \
        -e 's/^dotnet_gc_pause_time_seconds_total{.*} /paused_s=/p' | sort | tr '\n' ' ' | sed "s/^/$label gc: /;s/ $/\n/" >&2 || true
    echo "$label cpu seconds: client $(awk '{print $1 + $2}' "$out/client-cpu-$label.txt"), silo $silo_cpu, postgres $(awk -v a="$pg_after" -v b="$pg_before" 'BEGIN {print a - b}')" >&2
    kill "$pid"; wait "$pid" 2>/dev/null || true
    python3 - "$label" "$start" "$end" "$hwm" "$out/summary-$label.json" <<'PY'
import json, sys
label, start, end, hwm, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
s = json.load(open(path))
secs = end - start
print(f"{label}: read={s['read']:,} accepted={s['accepted']:,} intersections={s['intersectionsTouched']:,} "
      f"seconds={secs:.1f} rows_per_s={s['read']/secs:,.0f} silo_peak_mb={hwm/1024:,.0f}")
PY
}

bash deploy/local/pg.sh psql -qc "DROP DATABASE IF EXISTS vz_bench WITH (FORCE)" -c "CREATE DATABASE vz_bench"
bench_cs="${base/Database=vz/Database=vz_bench}"
[[ "${BENCH_ONLY:-}" == embedded ]] || run_one postgres "$bench_cs"
[[ "${BENCH_ONLY:-}" == postgres ]] || run_one embedded ""
