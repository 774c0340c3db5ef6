#!/usr/bin/env bash
# Benchmark: the edge (issue 15). One embedded silo with the bundled sample and the Manhattan extract; vz-edge on
# x64 and, under qemu-user, its linux-arm64 publish (emulated: not a Pi's figure). Each round measures:
#  - sync of one borough (MANHATTAN) into an empty copy; peers: the re-sync with nothing changed (skipped on the
#    grid's generation) and the re-sync after an ingest elsewhere (every corner asked with its digest). Seconds as
#    vz-edge sync reports them (after connecting: model, then area); bytes as the Orleans messages between the
#    gateway and the edge, both ways (the silo's /metrics), and the size of the SQLite file;
#  - lookup: `vz-edge eval --offline --json` on a copy of a Midtown 5 km area, p50/p99 of RiskLookup.Answer at
#    10,000 seeded positions; x64 and emulated arm64, each with the default runtime and with tiered compilation
#    off (every method fully optimised from its first call: the steady state without the warm-up);
#  - cold start and memory: `--offline --replay` of a 3,600-fix Midtown trace at --speed 0 on that copy (start to
#    first answer, first to last answer, peak RSS at exit); peer: the same replay online, fed once connected;
#  - promotion: `vz promote V --to production --force` (the gates are not what is measured) of a version trained for it, until the edge's /status reports V.
# Usage: [ROUNDS=5] deploy/bench/edge.sh        Logs: artifacts/bench/edge/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${ROUNDS:-5}"
out="$root/artifacts/bench/edge"
rm -rf "$out" && mkdir -p "$out"
crashes="$(cd ../shared/data/crashes && pwd)"
here="$root/deploy/bench/edge"
for p in Silo Client Edge; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
arm64=()
sysroot=/usr/aarch64-linux-gnu
if command -v qemu-aarch64-static >/dev/null && [[ -e $sysroot/lib/ld-linux-aarch64.so.1 &&
      -e $sysroot/lib/libstdc++.so.6 && -e $sysroot/lib/libcrypto.so.3 ]]; then
    dotnet publish Edge -c Release -r linux-arm64 --self-contained -o "$out/arm64" -v q -nologo >/dev/null
    arm64=(env DOTNET_EnableWriteXorExecute=0 qemu-aarch64-static -L "$sysroot" "$out/arm64/vz-edge")
else
    echo "== no emulated arm64 row: it needs qemu-user-static, libc6-arm64-cross, libstdc++6-arm64-cross and an" \
        "arm64 libcrypto.so.3 in $sysroot/lib"
fi

vz=(dotnet Client/bin/Release/net10.0/vz.dll)
edge=(dotnet Edge/bin/Release/net10.0/vz-edge.dll)
gateway=127.0.0.1:28412
api=http://127.0.0.1:28413
status=http://127.0.0.1:28414/status
pids=()
trap 'kill -9 "${pids[@]}" 2>/dev/null || true' EXIT
VZ_DATA_DIR="$out/silo-data" VZ_ADMIN_KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    dotnet Silo/bin/Release/net10.0/VisionZero.Silo.dll --silo-port 28411 --gateway-port 28412 --urls "$api" \
    --Logging:LogLevel:Default Warning >"$out/silo.log" 2>&1 &
silo=$!
pids+=("$silo")
for _ in $(seq 1 240); do
    grep -q "silo up" "$out/silo.log" && break
    kill -0 "$silo" 2>/dev/null || break
    sleep 0.5
done
grep -q "silo up" "$out/silo.log" || { echo "the silo did not start (a port in use?): $out/silo.log" >&2; exit 1; }
production() { "${vz[@]}" models --json --gateway $gateway | python3 -c '
import json, sys
print(next((v["version"] for v in json.load(sys.stdin) if v["stage"] == "production"), ""))'; }
echo "== the silo: waits for version 1 (bundled sample), ingests Manhattan, trains and promotes version 2"
for _ in $(seq 1 240); do [[ -n "$(production)" ]] && break; sleep 1; done
"${vz[@]}" ingest "$crashes/manhattan_2022-01_to_2023-07.csv" --gateway $gateway >"$out/ingest.txt"
train() { "${vz[@]}" train --wait --json --gateway $gateway | python3 -c 'import json, sys
print(json.load(sys.stdin)["version"])'; }
"${vz[@]}" promote "$(train)" --to production --force --why "edge benchmark" --gateway $gateway >/dev/null

# Orleans messages between the gateway and its clients, both ways, so far: bytes, count, header bytes.
wire() { curl -sf "$api/metrics" | awk '
    /^orleans_messaging_(sent|received)_messages_size_bytes_sum\{.*GatewayToClient/ { b += $NF }
    /^orleans_messaging_(sent|received)_messages_size_bytes_count\{.*GatewayToClient/ { m += $NF }
    /^orleans_messaging_(sent|received)_header_size_bytes_total/ { h += $NF }
    END { printf "%d %d %d\n", b, m, h }'; }
sync_round() { # $1 = kind, $2 = round, $3 = data folder; appends one line to sync.jsonl
    local b0 m0 h0 b1 m1 h1
    read -r b0 m0 h0 < <(wire)
    "${edge[@]}" sync --borough MANHATTAN --data "$3" --gateway $gateway --json >"$out/sync-$1-$2.json"
    read -r b1 m1 h1 < <(wire)
    python3 -c 'import json, os, sys
s = json.load(open(sys.argv[1]))
print(json.dumps({"kind": sys.argv[2], "seconds": s["seconds"], "corners": s["corners"], "changed": s["changed"],
    "bytes": int(sys.argv[4]), "messages": int(sys.argv[5]), "headerBytes": int(sys.argv[6]),
    "fileBytes": os.path.getsize(sys.argv[3])}))' \
        "$out/sync-$1-$2.json" "$1" "$3/edge.db" $((b1 - b0)) $((m1 - m0)) $((h1 - h0)) >>"$out/sync.jsonl"
}
one_crash() { # $1 = file, $2 = collision id: one Brooklyn crash at a named corner, as the primary file has it
    python3 - "$crashes/brooklyn_zip11234_2012-07_to_2021-11.csv" "$1" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    on, cross = header.index("ON STREET NAME"), header.index("CROSS STREET NAME")
    row = next(r for r in rows if r[on].strip() and r[cross].strip())
row[header.index("COLLISION_ID")] = sys.argv[3]
with open(sys.argv[2], "w", newline="") as f:
    csv.writer(f).writerows([header, row])
PY
}
for round in $(seq 1 "$rounds"); do
    echo "== sync, round $round of $rounds"
    rm -rf "$out/borough"
    sync_round first "$round" "$out/borough"
    sync_round unchanged "$round" "$out/borough"
    one_crash "$out/elsewhere-$round.csv" $((99000000 + round))
    "${vz[@]}" ingest "$out/elsewhere-$round.csv" --gateway $gateway >/dev/null
    sync_round elsewhere "$round" "$out/borough"
done

echo "== $rounds versions to promote later, then the Midtown copy (5 km around Times Square)"
for round in $(seq 1 "$rounds"); do train >>"$out/versions.txt"; done
"${edge[@]}" sync --center 40.7580,-73.9855 --radius 5000 --data "$out/midtown" --gateway $gateway --json \
    >"$out/midtown-sync.json"
python3 "$here/trace.py" "$out/midtown.csv" 3600
copy() { rm -rf "$out/run" && cp -r "$out/midtown" "$out/run"; }

for round in $(seq 1 "$rounds"); do
    echo "== lookup, round $round of $rounds"
    for platform in x64 arm64; do
        if [[ $platform == x64 ]]; then run=("${edge[@]}"); else run=("${arm64[@]}"); fi
        [[ ${#run[@]} -gt 0 ]] || continue
        for tiered in 1 0; do
            copy
            DOTNET_TieredCompilation=$tiered "${run[@]}" eval --offline --json --data "$out/run" 2>/dev/null |
                python3 -c 'import json, sys
p = json.load(sys.stdin)["performance"]
print(json.dumps({"platform": sys.argv[1], "tiered": sys.argv[2] == "1", "p50": p["lookupP50Microseconds"],
    "p99": p["lookupP99Microseconds"], "workingSetBytes": p["workingSetBytes"]}))' "$platform" "$tiered" \
                >>"$out/lookup.jsonl"
        done
    done
done

for round in $(seq 1 "$rounds"); do
    echo "== cold start and memory, round $round of $rounds"
    copy
    python3 "$here/probe.py" replay -- "${edge[@]}" --offline --data "$out/run" --http 28414 \
        --replay "$out/midtown.csv" --speed 0 | sed 's/^{/{"mode": "offline", /' >>"$out/replay.jsonl"
    copy
    rm -f "$out/fifo.csv" && mkfifo "$out/fifo.csv"
    python3 "$here/probe.py" replay --after-connected "$status" --fifo "$out/fifo.csv" --trace "$out/midtown.csv" \
        -- "${edge[@]}" --data "$out/run" --gateway $gateway --http 28414 --replay "$out/fifo.csv" --speed 0 |
        sed 's/^{/{"mode": "online", /' >>"$out/replay.jsonl"
done

echo "== promotion to the edge: $rounds versions"
copy
"${edge[@]}" --data "$out/run" --gateway $gateway --http 28414 --verbose >"$out/edge-online.log" 2>&1 &
edge_pid=$!
pids+=("$edge_pid")
for _ in $(seq 1 240); do curl -sf "$status" | grep -q '"connected":true' && break; sleep 0.25; done
while read -r version; do
    sleep 2
    python3 "$here/probe.py" promote "$status" "$version" -- \
        "${vz[@]}" promote "$version" --to production --force --why "edge benchmark" --gateway $gateway \
        >>"$out/promote.jsonl"
done <"$out/versions.txt"
# SIGKILL: connected, vz-edge ignores SIGTERM and SIGINT (the Orleans client host's console lifetime takes them).
kill -9 "$edge_pid"

python3 "$here/summary.py" "$out" | tee "$out/summary.txt"
