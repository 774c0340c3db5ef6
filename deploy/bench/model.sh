#!/usr/bin/env bash
# Benchmark: the risk model (issue 3). Three figures, each with the command that reproduces it:
#  1. scoring: per-prediction latency of a loaded model (tests/Benchmarks `model`, primary file);
#  2. snapshots + training on the NYC-size synthetic grid in a PostgreSQL-backed silo: `vz train --wait`
#     wall time, with the silo's own split (snapshot building vs the rest) from its log;
#  3. push: every corner of that grid active, a new version promoted, time until all answer with it.
# Usage: deploy/bench/model.sh [CRASHES] [INTERSECTIONS]     Logs: artifacts/bench/model/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
crashes="${1:-2200000}"
intersections="${2:-163000}"
out="$root/artifacts/bench/model"
mkdir -p "$out"
file="$root/artifacts/bench/synth-${crashes}-${intersections}.csv.gz"
primary="../shared/data/crashes/brooklyn_zip11234_2012-07_to_2021-11.csv"

for p in Silo Client tests/Benchmarks; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
silo="dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll"
vz="dotnet Client/bin/Release/net10.0/vz.dll"
bench="dotnet tests/Benchmarks/bin/Release/net10.0/VisionZero.Benchmarks.dll"
[[ -f "$file" ]] || $vz synth --crashes "$crashes" --intersections "$intersections" --years 10 --seed 7 --end 2025-12-31 --out "$file"

echo "== 1. scoring and in-process backtests (primary file)"
$bench model "$primary" --score 200000 | tee "$out/primary.log" | grep -E "model-bench|scoring"

echo "== 1b. the peer: the original design's forest (seed_py), one prediction at a time, same machine and run"
peers="../shared/peers/seed_py"
py=/usr/bin/python3
$py -c 'import sklearn, pandas' 2>/dev/null || apt-get install -y -qq python3-pandas python3-sklearn python3-joblib >/dev/null
$py "$peers/features_fast.py" "$primary" "$out/peer-features.csv" >/dev/null
$py "$peers/train_seed.py" "$out/peer-features.csv" "$out/peer-model.joblib" >/dev/null
$py - "$out/peer-model.joblib" "$out/peer-features.csv" <<'PY' | tee "$out/peer-scoring.log"
import sys, time, statistics, joblib, pandas as pd
model = joblib.load(sys.argv[1])
rows = pd.read_csv(sys.argv[2])[["accidents_6m", "accidents_1y", "accidents_5y"]].values
times = []
for i in range(500):
    x = rows[i % len(rows)].reshape(1, -1)
    t = time.perf_counter(); model.predict_proba(x); times.append((time.perf_counter() - t) * 1e6)
times.sort()
print(f"peer scoring: predictions=500 median_us={statistics.median(times):.0f} p99_us={times[int(len(times) * 0.99)]:.0f}")
PY

echo "== 2. snapshots + training in a PostgreSQL-backed silo ($crashes crashes)"
bash deploy/local/pg.sh start >/dev/null
eval "$(bash deploy/local/pg.sh env)"
base="$VZ_POSTGRES"; unset VZ_POSTGRES
bash deploy/local/pg.sh psql -qc "DROP DATABASE IF EXISTS vz_model_bench WITH (FORCE)" -c "CREATE DATABASE vz_model_bench"
cs="${base/Database=vz/Database=vz_model_bench}"
$silo --sample false --postgres "$cs" --Jobs:TrainFirstModel false --Logging:LogLevel:Default Warning \
    --Logging:LogLevel:VisionZero Information >"$out/silo.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "silo up" "$out/silo.log" && break; sleep 0.5; done
$vz ingest "$file" --json >"$out/ingest.json"
for run in 1 2; do
    start=$(date +%s.%N)
    $vz train --wait --json >"$out/train-$run.json"
    end=$(date +%s.%N)
    echo "train run $run: wall_s=$(echo "$end - $start" | bc) version=$(python3 -c "import json;print(json.load(open('$out/train-$run.json'))['version'])")"
done
grep "trained on" "$out/silo.log" | sed 's/^ *//'
echo "silo peak memory: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"

echo "== 3. push to every active corner"
$bench push 30000 2 | tee "$out/push.log"
kill $pid; wait $pid 2>/dev/null || true
