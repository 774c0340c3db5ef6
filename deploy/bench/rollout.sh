#!/usr/bin/env bash
# The rollout's offline gate on the bundled sample (docs/benchmarks.md, section 6): an embedded silo with gating
# after training off, so each step is timed alone. Per round: `vz train --wait` (the peer: the job the gate is
# chained to), then `vz rollout gate V --wait` of the version it registered. Medians of ROUNDS (3); the last
# verdict is kept in status.txt.
# Usage: [ROUNDS=3] deploy/bench/rollout.sh        Logs: artifacts/bench/rollout/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="$root/artifacts/bench/rollout"; mkdir -p "$out"
rounds="${ROUNDS:-3}"
for p in Silo Client; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
data="$(mktemp -d)"
VZ_DATA_DIR="$data" dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --Rollout:Gate:AfterTraining false \
    --silo-port 21711 --gateway-port 21730 --urls http://127.0.0.1:21780 >"$out/silo.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
vz=(dotnet Client/bin/Release/net10.0/vz.dll --gateway 127.0.0.1:21730)
for _ in $(seq 1 240); do grep -q "Grid ready" "$out/silo.log" && break; sleep 0.5; done
# The first model trains in the background after "Grid ready": wait for it.
for _ in $(seq 1 600); do "${vz[@]}" models --json 2>/dev/null | grep -q '"stage":"production"' && break; sleep 0.5; done
now() { date +%s.%N; }
: >"$out/times.txt"
for r in $(seq 1 "$rounds"); do
    t0=$(now)
    version=$("${vz[@]}" train --wait --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
    t1=$(now)
    "${vz[@]}" rollout gate "$version" --wait --json >"$out/gate-$r.json"
    t2=$(now)
    echo "$r $(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc)" | tee -a "$out/times.txt"
done
"${vz[@]}" rollout status "$version" >"$out/status.txt"
python3 - "$out/times.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
train = statistics.median(float(r[1]) for r in rows)
gate = statistics.median(float(r[2]) for r in rows)
print(f"rounds={len(rows)} train_wait_s={train:.2f} gate_wait_s={gate:.2f} gate_over_train={gate / train:.2f}")
PY
