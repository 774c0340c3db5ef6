#!/usr/bin/env bash
# Benchmark: hotspot lists on the NYC-size synthetic grid (embedded silo, no model: ranked by counts).
# The first GET /api/intersections/top of a day asks every corner; later ones (any k, any borough) are
# answered from the silo's ranking until the next ingest or model. Two silos in turn: the peer with the warmer off
# (Grid:RankingWarmQuiet 0: the first user pays), then the default, asked 20 s after its ingest returned (the
# warmer ranks the day once the grid has been quiet 3 s). Usage: deploy/bench/hotspots.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
file="$root/artifacts/bench/synth-2200000-163000.csv.gz"
out="$root/artifacts/bench/hotspots"; rm -rf "$out"; mkdir -p "$out"
for p in Silo Client; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
vz="dotnet Client/bin/Release/net10.0/vz.dll"
[[ -f "$file" ]] || $vz synth --crashes 2200000 --intersections 163000 --years 10 --seed 7 --end 2025-12-31 --out "$file"
api=http://127.0.0.1:5181
t() { curl -s -o /dev/null -w "%{time_total}" "$api$1"; }
run() { # label, warm quiet
    VZ_DATA_DIR="$out/data-$1" VZ_RATE_LIMIT_PER_SECOND=0 dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll \
        --sample false --Jobs:TrainFirstModel false --Grid:RankingWarmQuiet "$2" --silo-port 31291 \
        --gateway-port 31191 --urls "$api" --Logging:LogLevel:Default Warning >"$out/silo-$1.log" 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do grep -q "silo up" "$out/silo-$1.log" && break; sleep 0.5; done
    $vz ingest "$file" --json --gateway 127.0.0.1:31191 >"$out/ingest-$1.json"
    [[ "$1" == warm ]] && sleep 20
    echo "$1: first top?k=20: $(t '/api/intersections/top?k=20') s"
    for q in 'top?k=20' 'top?k=20' 'top?k=100&borough=QUEENS' 'top?k=1000'; do
        echo "$1: then $q: $(t "/api/intersections/$q") s"
    done
    kill $pid; wait $pid 2>/dev/null || true; trap - EXIT
}
run cold 00:00:00
run warm 00:00:03
