#!/usr/bin/env bash
# Benchmark: serving at NYC size (issue 17). The 2.2 M-crash synthetic city (149,799 corners) is ingested into a
# private PostgreSQL (deploy/local/pg.sh) through one silo and a model is trained into production; then wrk -t2 -c32
# on loopback drives, in rounds that alternate with the peer (the original design's FastAPI service, deploy/bench/
# peer.sh), each route with requests drawn from the whole grid: by id, near (250 m and 1,000 m), top 20 of a
# random borough, and predict. The same rounds run on one silo, then on three silos over the same database
# (wrk -t3 -c33: one thread of 11 connections per silo, deploy/bench/wrk/spread.lua). Each silo's peak resident
# memory (VmHWM) is read at the end of its part. The summary gives medians of the rounds and the ratio to the peer.
# Usage: [ROUNDS=3] [DURATION=10s] [SILOS="1 3"] [REUSE=1: keep the ingested database of the last run]
#        deploy/bench/serve-nyc.sh        Logs: artifacts/bench/serve-nyc/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${ROUNDS:-3}"; duration="${DURATION:-10s}"; sizes="${SILOS:-1 3}"
out="$root/artifacts/bench/serve-nyc"; rm -rf "$out"; mkdir -p "$out"
file="$root/artifacts/bench/synth-2200000-163000.csv.gz"
for p in Silo Client; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
vz=(dotnet Client/bin/Release/net10.0/vz.dll)
[[ -f "$file" ]] || "${vz[@]}" synth --crashes 2200000 --intersections 163000 --years 10 --seed 7 --end 2025-12-31 \
    --out "$file"

pids=(); silo_pids=()
trap 'kill "${pids[@]}" "${silo_pids[@]}" 2>/dev/null || true' EXIT
wait_for() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$@" && return 0; sleep 0.5; done; echo "no answer: $*" >&2; return 1; }
source "$root/deploy/bench/peer.sh"

bash deploy/local/pg.sh start >/dev/null
eval "$(bash deploy/local/pg.sh env)"; cs="${VZ_POSTGRES/Database=vz/Database=vz_serve}"; unset VZ_POSTGRES
[[ "${REUSE:-}" == 1 ]] || bash deploy/local/pg.sh psql -qc "DROP DATABASE IF EXISTS vz_serve WITH (FORCE)" \
    -c "CREATE DATABASE vz_serve"
key="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
api() { echo "http://127.0.0.1:$((21780 + $1))"; }
start_silos() { # count
    silo_pids=()
    for n in $(seq 1 "$1"); do
        VZ_RATE_LIMIT_PER_SECOND=0 VZ_ADMIN_KEY="$key" dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll \
            --postgres "$cs" --sample false --Jobs:TrainFirstModel false --silo-port $((21710 + n)) \
            --gateway-port $((21730 + n)) --urls "$(api "$n")" --Logging:LogLevel:Default Warning \
            >"$out/silo$n-of-$1.log" 2>&1 &
        silo_pids+=($!)
        for _ in $(seq 1 240); do grep -q "silo up" "$out/silo$n-of-$1.log" && break; sleep 0.5; done
    done
}
stop_silos() { kill "${silo_pids[@]}"; wait "${silo_pids[@]}" 2>/dev/null || true; silo_pids=(); }
peak_mb() { for p in "${silo_pids[@]}"; do awk '/VmHWM/ {printf "%d ", $2 / 1024}' "/proc/$p/status"; done; }

start_silos 1
gw=(--gateway 127.0.0.1:21731)
if [[ "${REUSE:-}" != 1 ]]; then
    echo "== ingest and train (149,799 corners)"
    "${vz[@]}" ingest "$file" --json "${gw[@]}" >"$out/ingest.json"
    "${vz[@]}" train --wait "${gw[@]}" >"$out/train.log"
fi
for _ in $(seq 1 600); do "${vz[@]}" models --json "${gw[@]}" | grep -q '"stage":"production"' && break; sleep 0.5; done
for _ in $(seq 1 120); do curl -s "$(api 1)/api/intersections/top?k=1" | grep -q '"modelVersion":[0-9]' && break; sleep 1; done
curl -sf --max-time 300 "$(api 1)/api/intersections/top?k=200000" |
    $py "$root/deploy/bench/grid-points.py" "$out/ids.txt" "$out/points.txt"

scripts="$root/deploy/bench/wrk"
routes=(intersection near-250 near-1000 top-borough predict)
target() { # route, base URL -> wrk arguments after the common ones
    case "$1" in
        intersection) echo "-s $scripts/intersections.lua $2 -- $out/ids.txt" ;;
        near-250) echo "-s $scripts/near.lua $2 -- $out/points.txt 250" ;;
        near-1000) echo "-s $scripts/near.lua $2 -- $out/points.txt 1000" ;;
        top-borough) echo "-s $scripts/top.lua $2" ;;
        predict) echo "-s $scripts/predict.lua $2/api/predict" ;;
    esac
}
peer=(-s "$scripts/predict.lua" http://127.0.0.1:8000/predict)
for size in $sizes; do
    [[ -n "${silo_pids[*]}" ]] && stop_silos
    start_silos "$size"
    silos=""; for n in $(seq 1 "$size"); do silos+="${silos:+,}127.0.0.1:$((21780 + n))"; done
    threads=2; conns=32; [[ "$size" -gt 1 ]] && threads="$size" && conns=$((11 * size))
    echo "== $size silo(s): warm-up (every corner ranked on each silo, then 10 s per route, not counted)"
    # Three cold silos activate the whole grid from PostgreSQL at once: a ranking may outlast one request.
    for n in $(seq 1 "$size"); do
        for try in 1 2 3 4; do
            curl -sf -o /dev/null --max-time 300 "$(api "$n")/api/intersections/top?k=20" && break
            [[ "$try" == 4 ]] && { echo "silo $n did not rank the day in 20 minutes" >&2; exit 1; }
            echo "silo $n: still ranking after 5 minutes, asking again"
        done
    done
    for r in "${routes[@]}"; do
        # shellcheck disable=SC2046
        VZ_SILOS="$silos" wrk -t"$threads" -c"$conns" -d10s $(target "$r" "$(api 1)") >/dev/null 2>&1
    done
    wrk -t2 -c32 -d5s "${peer[@]}" >/dev/null 2>&1
    for round in $(seq 1 "$rounds"); do
        echo "== $size silo(s): round $round of $rounds ($duration per target)"
        wrk -t2 -c32 -d"$duration" --latency "${peer[@]}" >"$out/peer-$size-$round.txt" 2>&1
        for r in "${routes[@]}"; do
            # shellcheck disable=SC2046
            VZ_SILOS="$silos" wrk -t"$threads" -c"$conns" -d"$duration" --latency $(target "$r" "$(api 1)") \
                >"$out/$r-$size-$round.txt" 2>&1
        done
    done
    echo "silo peak resident memory, MB: $(peak_mb)" | tee "$out/memory-$size.txt"
    names=(); for r in "${routes[@]}"; do names+=("$r-$size"); done
    $py "$root/deploy/bench/wrk-summary.py" "$out" "$rounds" "peer-$size" "${names[@]}" | tee "$out/summary-$size.txt"
done
