#!/usr/bin/env bash
# Benchmark: serving (issue 4). In one run on this machine, wrk on loopback at 32 connections against
#  - the peer: ../shared/peers/seed_py/serve_seed.py (FastAPI + the seed's forest, one uvicorn worker), POST /predict;
#  - the silo (embedded default, bundled sample, model 1, rate limit off): GET /api/intersections/{id},
#    GET /api/risk/near and POST /api/predict, each request drawn at random (ids, positions, counts).
# Rounds alternate peer and silo; the summary gives the median of the rounds and the ratio to the peer.
# Usage: [ROUNDS=3] [DURATION=20s] deploy/bench/serve.sh        Logs: artifacts/bench/serve/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${ROUNDS:-3}"
duration="${DURATION:-20s}"
out="$root/artifacts/bench/serve"
rm -rf "$out" && mkdir -p "$out"
dotnet build Silo -c Release -v q -nologo >/dev/null

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
wait_for() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$@" && return 0; sleep 0.5; done; echo "no answer: $*" >&2; return 1; }

source "$root/deploy/bench/peer.sh"
body="$peer_body"

echo "== the silo: embedded default with the bundled sample; waits for model 1"
api=http://127.0.0.1:5180
VZ_DATA_DIR="$out/silo-data" VZ_RATE_LIMIT_PER_SECOND=0 VZ_ADMIN_KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --silo-port 31290 --gateway-port 31190 --urls "$api" \
    --Logging:LogLevel:Default Warning >"$out/silo.log" 2>&1 &
pids+=($!)
wait_for -X POST -H 'Content-Type: application/json' -d "$body" "$api/api/predict"
curl -sf "$api/api/intersections/top?k=200000" | $py "$root/deploy/bench/grid-points.py" "$out/ids.txt" "$out/points.txt"

scripts="$root/deploy/bench/wrk"
run() { # $1 = name, $2 = round, rest = wrk arguments after the common ones
    local name="$1" round="$2"; shift 2
    wrk -t2 -c32 -d"$duration" --latency "$@" >"$out/$name-$round.txt" 2>&1
}
echo "== warm-up (5 s each, not counted)"
for target in "-s $scripts/intersections.lua $api -- $out/ids.txt" "-s $scripts/near.lua $api -- $out/points.txt" \
              "-s $scripts/predict.lua $api/api/predict" "-s $scripts/predict.lua http://127.0.0.1:8000/predict"; do
    # shellcheck disable=SC2086
    wrk -t2 -c32 -d5s $target >/dev/null 2>&1
done
for round in $(seq 1 "$rounds"); do
    echo "== round $round of $rounds ($duration per target)"
    run peer-predict "$round" -s "$scripts/predict.lua" http://127.0.0.1:8000/predict
    run silo-intersection "$round" -s "$scripts/intersections.lua" "$api" -- "$out/ids.txt"
    run silo-near "$round" -s "$scripts/near.lua" "$api" -- "$out/points.txt"
    run silo-predict "$round" -s "$scripts/predict.lua" "$api/api/predict"
done

$py "$root/deploy/bench/wrk-summary.py" "$out" "$rounds" peer-predict silo-intersection silo-near silo-predict |
    tee "$out/summary.txt"
