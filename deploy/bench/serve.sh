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
peers="$(cd ../shared/peers/seed_py && pwd)"
primary="$(cd ../shared/data/crashes && pwd)/brooklyn_zip11234_2012-07_to_2021-11.csv"
py=/usr/bin/python3
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
$py -c 'import fastapi, uvicorn, sklearn, pandas, joblib' 2>/dev/null ||
    apt-get install -y -qq python3-fastapi python3-uvicorn python3-sklearn python3-pandas python3-joblib >/dev/null
dotnet build Silo -c Release -v q -nologo >/dev/null

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
wait_for() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$@" && return 0; sleep 0.5; done; echo "no answer: $*" >&2; return 1; }

echo "== the peer: the seed's features, forest and FastAPI service"
$py "$peers/features_fast.py" "$primary" "$out/peer-features.csv" >/dev/null
$py "$peers/train_seed.py" "$out/peer-features.csv" "$out/peer-model.joblib" >/dev/null
(cd "$peers" && MODEL="$out/peer-model.joblib" exec $py -m uvicorn serve_seed:app --host 127.0.0.1 --port 8000 --log-level warning) \
    >"$out/peer.log" 2>&1 &
pids+=($!)
body='{"intersection_id":"x","accidents_6m":3,"accidents_1y":5,"accidents_5y":20}'
wait_for -X POST -H 'Content-Type: application/json' -d "$body" http://127.0.0.1:8000/predict

echo "== the silo: embedded default with the bundled sample; waits for model 1"
api=http://127.0.0.1:5180
VZ_DATA_DIR="$out/silo-data" VZ_RATE_LIMIT_PER_SECOND=0 VZ_ADMIN_KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --silo-port 31290 --gateway-port 31190 --urls "$api" \
    --Logging:LogLevel:Default Warning >"$out/silo.log" 2>&1 &
pids+=($!)
wait_for -X POST -H 'Content-Type: application/json' -d "$body" "$api/api/predict"
curl -sf "$api/api/intersections/top?k=200000" | $py -c '
import json, sys
corners = json.load(sys.stdin)
with open(sys.argv[1], "w") as ids, open(sys.argv[2], "w") as points:
    for c in corners:
        ids.write(c["id"] + "\n")
        if c.get("latitude") is not None:
            points.write("%s %s\n" % (c["latitude"], c["longitude"]))
print(f"{len(corners)} corners")' "$out/ids.txt" "$out/points.txt"

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

$py - "$out" "$rounds" <<'PY' | tee "$out/summary.txt"
import re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
def read(name, r):
    t = open(f"{out}/{name}-{r}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", t))
    sock = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
    return rps, p50, p99, non2xx + sock
rows = {n: [read(n, r) for r in range(1, rounds + 1)] for n in ["peer-predict", "silo-intersection", "silo-near", "silo-predict"]}
peer = statistics.median(x[0] for x in rows["peer-predict"])
print(f"{'target':<20}{'req/s (median)':>16}{'runs':>28}{'p50 ms':>9}{'p99 ms':>9}{'worst p99':>10}{'errors':>8}{'x peer':>9}")
for name, xs in rows.items():
    rps = statistics.median(x[0] for x in xs)
    print(f"{name:<20}{rps:>16,.0f}{' / '.join(f'{x[0]:,.0f}' for x in xs):>28}"
          f"{statistics.median(x[1] for x in xs):>9.2f}{statistics.median(x[2] for x in xs):>9.2f}{max(x[2] for x in xs):>10.2f}"
          f"{sum(x[3] for x in xs):>8}{rps / peer:>9.1f}")
PY
