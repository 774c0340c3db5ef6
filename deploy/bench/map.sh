#!/usr/bin/env bash
# Benchmark: the risk map's load in headless Chromium (issue 18) on the NYC-size synthetic city (149,799 corners,
# embedded silo, no model: sized by last year's crashes) against the same page on the bundled sample (541
# corners), in the same run. Each of RUNS loads is a fresh browser context; the figures come from the page's own
# clock (tests/Benchmarks MapBenchmark): first contentful paint, ready (the grid's marks drawn and the hotspot
# table filled) and the redraw after four zoom-in clicks (which includes the map's 120 ms debounce).
# Usage: [RUNS=5] deploy/bench/map.sh        Logs: artifacts/bench/map/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
file="$root/artifacts/bench/synth-2200000-163000.csv.gz"
out="$root/artifacts/bench/map"; rm -rf "$out"; mkdir -p "$out"
for p in Silo Client tests/Benchmarks; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
vz="dotnet Client/bin/Release/net10.0/vz.dll"
bench="dotnet tests/Benchmarks/bin/Release/net10.0/VisionZero.Benchmarks.dll"
[[ -f "$file" ]] || $vz synth --crashes 2200000 --intersections 163000 --years 10 --seed 7 --end 2025-12-31 --out "$file"
pid=""
trap '[[ -z "$pid" ]] || kill $pid 2>/dev/null || true' EXIT
run() { # label, --sample true|false
    local api=http://127.0.0.1:5182
    VZ_DATA_DIR="$out/data-$1" VZ_RATE_LIMIT_PER_SECOND=0 dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll \
        --sample "$2" --Jobs:TrainFirstModel false --silo-port 31292 --gateway-port 31192 --urls "$api" \
        --Logging:LogLevel:Default Warning >"$out/silo-$1.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 240); do grep -q "silo up" "$out/silo-$1.log" && break; sleep 0.5; done
    if [[ "$2" == false ]]; then
        $vz ingest "$file" --json --gateway 127.0.0.1:31192 >"$out/ingest-$1.json"
    fi
    # The silo ranks the day once the grid is quiet: the map reads that ranking.
    for _ in $(seq 1 240); do curl -sf -o /dev/null "$api/api/intersections/top?k=1" && break; sleep 0.5; done
    sleep 20
    $bench map "$api/" --runs "$runs" | sed "s/^/$1 /" | tee -a "$out/runs.txt"
    kill $pid; wait $pid 2>/dev/null || true; pid=""
}
run sample true
run nyc false
python3 - "$out/runs.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label = line.split()[0]
    fields = dict(re.findall(r'(\w+)=([-\d.]+)', line))
    rows.setdefault(label, []).append(fields)
for label, runs in rows.items():
    med = {k: statistics.median(float(r[k]) for r in runs) for k in ("firstPaintMs", "readyMs", "zoomRedrawMs")}
    print(f"{label}: median of {len(runs)}: first paint {med['firstPaintMs']:.0f} ms, ready {med['readyMs']:.0f} ms,"
          f" zoom redraw {med['zoomRedrawMs']:.0f} ms, marks {runs[0]['marks']}")
PY
