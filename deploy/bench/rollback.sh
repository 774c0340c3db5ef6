#!/usr/bin/env bash
# Rollback on a two-silo cluster (docs/benchmarks.md, section 6): two silo processes on PostgreSQL hold the bundled
# sample; a candidate passes the gate and staging, then soaks as the canary with every 5th canary answer failed on
# purpose (the tests' hook), so the judge rolls it back at its first breach. Both silos' /metrics are read every
# 20 ms: the time from the rollback (the canary -> candidate line of the version's stage history) until each silo
# stops serving the canary is that silo's rollback time. ROUNDS (3) candidates; medians and the worst.
# Usage: [ROUNDS=3] deploy/bench/rollback.sh        Logs: artifacts/bench/rollback/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="$root/artifacts/bench/rollback"; mkdir -p "$out"
rounds="${ROUNDS:-3}"
for p in Silo Client; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
bash deploy/local/pg.sh start >/dev/null
eval "$(bash deploy/local/pg.sh env)"; base="$VZ_POSTGRES"; unset VZ_POSTGRES
bash deploy/local/pg.sh psql -qc "DROP DATABASE IF EXISTS vz_rollback WITH (FORCE)" \
    -c "CREATE DATABASE vz_rollback" >/dev/null 2>&1
vz=(dotnet Client/bin/Release/net10.0/vz.dll --gateway 127.0.0.1:21730)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for i in 0 1; do
    VZ_RATE_LIMIT_PER_SECOND=0 dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --sample false \
        --postgres "${base/Database=vz/Database=vz_rollback}" --Jobs:TrainFirstModel false \
        --Rollout:Gate:AfterTraining false --Rollout:Staging:AfterGate false --Rollout:Canary:AfterStaging false \
        --Rollout:Canary:SoakSeconds 600 --Risk:TestCanaryFailEvery 5 \
        --silo-port $((21711 + i)) --gateway-port $((21730 + i)) --urls "http://127.0.0.1:$((21780 + i))" \
        >"$out/silo-$i.log" 2>&1 &
    pids+=($!)
done
for i in 0 1; do for _ in $(seq 1 240); do grep -q "silo up" "$out/silo-$i.log" && break; sleep 0.5; done; done
"${vz[@]}" ingest Silo/SampleData/brooklyn_zip11234_2012-07_to_2021-11.csv.gz >/dev/null
"${vz[@]}" train --wait >/dev/null
: >"$out/rounds.txt"
for r in $(seq 1 "$rounds"); do
    version=$("${vz[@]}" train --wait --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
    "${vz[@]}" rollout gate "$version" --wait >/dev/null
    "${vz[@]}" rollout stage "$version" --wait >/dev/null
    python3 deploy/bench/canary_watch.py "$version" 21780 21781 >"$out/watch-$r.json" &
    watcher=$!
    "${vz[@]}" rollout canary "$version" --wait >/dev/null
    "${vz[@]}" rollout status "$version" --json >"$out/status-$r.json"
    "${vz[@]}" models show "$version" >"$out/history-$r.json"
    wait "$watcher"
    python3 - "$out/status-$r.json" "$out/watch-$r.json" "$out/history-$r.json" <<'PY' | tee -a "$out/rounds.txt"
import datetime, json, sys
step = json.load(open(sys.argv[1]))["steps"][-1]
watch = json.load(open(sys.argv[2]))
back = next(h for h in json.load(open(sys.argv[3]))["history"] if h.get("from") == "canary" and h["to"] == "candidate")
at = datetime.datetime.fromisoformat(back["at"]).timestamp()
own = next((m["candidate"] for m in step["measures"] if m["name"] == "rollback-ms"), None)
off = [round((t - at) * 1000) for t in watch["off"]]
print(json.dumps({"verdict": step["verdict"], "silos_ms": off, "judge_own_slice_ms": own}))
PY
done
python3 - "$out/rounds.txt" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
every = [max(r["silos_ms"]) for r in rows]
print(f"rounds={len(rows)} verdicts={[r['verdict'] for r in rows]} all_silos_median_ms={statistics.median(every):.0f} "
      f"worst_ms={max(every)} per_silo={[r['silos_ms'] for r in rows]}")
PY
