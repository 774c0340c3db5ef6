#!/usr/bin/env bash
# The backtest table of docs/benchmarks.md: `vz backtest --cutoff C --json` at four cutoffs on the embedded
# silo with the bundled sample (the primary Brooklyn file), printed as markdown rows.
# Usage: deploy/bench/backtests.sh [CUTOFF...]     Logs: artifacts/bench/backtests/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="$root/artifacts/bench/backtests"; mkdir -p "$out"
cutoffs=("${@:-2019-11-01 2020-05-01 2020-11-01 2021-05-01}")
read -r -a cutoffs <<<"${cutoffs[*]}"
for p in Silo Client; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --Jobs:TrainFirstModel false >"$out/silo.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do grep -q "silo up" "$out/silo.log" && break; sleep 0.5; done
# The bundled sample is ingested at start-up; wait until the grid answers.
for _ in $(seq 1 120); do dotnet Client/bin/Release/net10.0/vz.dll top --k 1 --json >/dev/null 2>&1 && break; sleep 1; done
echo "| cutoff | scorer | capture@1% | capture@5% | capture@10% | macro-F1 | accuracy | MAE | Poisson dev. | calibration |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for c in "${cutoffs[@]}"; do
    dotnet Client/bin/Release/net10.0/vz.dll backtest --cutoff "$c" --json >"$out/backtest-$c.json"
    python3 - "$out/backtest-$c.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["results"]:
    print(f"| {r['cutoff']} | {s['name']} | {s['capture1']:.3f} | {s['capture5']:.3f} | {s['capture10']:.3f} | {s['macroF1']:.3f} | "
          f"{s['accuracy']:.3f} | {s['mae']:.3f} | {s['poissonDeviance']:.3f} | {s['calibration']:.3f} |")
PY
done
