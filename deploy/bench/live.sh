#!/usr/bin/env bash
# The cost of prediction logging on serving (docs/benchmarks.md, section 6; target: under 5 %). The embedded silo
# with the bundled sample, started twice per round: Rollout:Live:SampleRate 0 (nothing kept; the peer) and 1 (every
# answer kept, the most the log can cost; the default keeps 0.1). wrk on loopback, 32 connections, GET
# /api/intersections/{id}?asOf=random day 2016-2020, so answers are scored in the grains, where the log is fed.
# Usage: [ROUNDS=3] [DURATION=15s] deploy/bench/live.sh        Logs: artifacts/bench/live/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${ROUNDS:-3}"; duration="${DURATION:-15s}"
out="$root/artifacts/bench/live"; rm -rf "$out" && mkdir -p "$out"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
dotnet build Silo -c Release -v q -nologo >/dev/null
api=http://127.0.0.1:5181
pid=""
trap 'kill $pid 2>/dev/null || true' EXIT
run() { # $1 = sample rate, $2 = round
    rm -rf "$out/data"
    VZ_DATA_DIR="$out/data" VZ_RATE_LIMIT_PER_SECOND=0 dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll \
        --silo-port 31291 --gateway-port 31191 --urls "$api" --Logging:LogLevel:Default Warning \
        --Rollout:Live:SampleRate "$1" >"$out/silo-$1-$2.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
        curl -sf "$api/api/intersections/top?k=1" | grep -q '"modelVersion":1' && break; sleep 0.5
    done
    [ -s "$out/ids.txt" ] || curl -sf "$api/api/intersections/top?k=200000" |
        python3 -c 'import json,sys; [print(c["id"]) for c in json.load(sys.stdin)]' >"$out/ids.txt"
    wrk -t2 -c32 -d5s -s deploy/bench/wrk/intersections.lua "$api" -- "$out/ids.txt" asof >/dev/null 2>&1
    wrk -t2 -c32 -d"$duration" --latency -s deploy/bench/wrk/intersections.lua "$api" -- "$out/ids.txt" asof \
        >"$out/rate-$1-$2.txt" 2>&1
    kept=$(curl -sf "$api/api/models/1/live" | python3 -c 'import json,sys; print(json.load(sys.stdin)["logged"])')
    echo "round $2 sample rate $1: $(grep Requests/sec "$out/rate-$1-$2.txt") kept $kept"
    kill "$pid"; wait "$pid" 2>/dev/null || true
}
for r in $(seq 1 "$rounds"); do run 0 "$r"; run 1 "$r"; done
python3 - "$out" "$rounds" <<'PY' | tee "$out/summary.txt"
import re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rps = lambda rate: [float(re.search(r"Requests/sec:\s+([\d.]+)", open(f"{out}/rate-{rate}-{r}.txt").read()).group(1))
                    for r in range(1, rounds + 1)]
off, on = statistics.median(rps(0)), statistics.median(rps(1))
print(f"off (sample 0): {off:,.0f} req/s {rps(0)}; on (sample 1): {on:,.0f} req/s {rps(1)}; cost {1 - on / off:.1%}")
PY
