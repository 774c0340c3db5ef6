#!/usr/bin/env bash
# Benchmark: the window features (6m/1y/5y counts + the 182-day label) for every intersection and monthly
# as-of date. Ours (product reader + CrashHistory.CountWindows, tests/Benchmarks) against the Python peers
# (../shared/peers/seed_py) in the same run, on the primary Brooklyn file and on a synthetic NYC-size export.
# Each figure is the median of REPEATS runs (default 3); features_seed runs once, on the primary file only.
# Usage: deploy/bench/windows.sh        Raw lines: artifacts/bench/windows/results.log
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeats="${REPEATS:-3}"
primary="../shared/data/crashes/brooklyn_zip11234_2012-07_to_2021-11.csv"
peers="../shared/peers/seed_py"
bench="artifacts/bench"
out="$bench/windows"
synth_gz="$bench/synth-2200000-150000.csv.gz"
synth_csv="$bench/synth-2200000-150000.csv"
py=/usr/bin/python3
mkdir -p "$out"
log="$out/results.log"
: >"$log"

if ! $py -c 'import pandas' 2>/dev/null; then
    apt-get update -qq
    apt-get install -y -qq python3-pandas python3-sklearn python3-joblib >/dev/null
fi

dotnet build tests/Benchmarks -c Release -v q -nologo >/dev/null
# The built dll, not `dotnet run`: the up-to-date check of `dotnet run` would land in the wall times.
ours="dotnet tests/Benchmarks/bin/Release/net10.0/VisionZero.Benchmarks.dll"

# Times one peer script: load_crashes and DataFrame.to_csv are wrapped with timers (the scripts are
# unchanged) so that the peer's compute can be separated from its read and its write as ours is.
peer_timed() { # $1 = script, $2 = input, $3 = output
    $py - "$peers" "$@" <<'PY'
import contextlib, io, runpy, sys, time
peers, script, src, dst = sys.argv[1:5]
sys.path.insert(0, peers)
import common, pandas
timers = {"load": 0.0, "write": 0.0}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timers[name] += time.perf_counter() - t
    return wrapper
common.load_crashes = timed("load", common.load_crashes)
pandas.DataFrame.to_csv = timed("write", pandas.DataFrame.to_csv)
sys.argv = [script, src, dst]
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    runpy.run_path(f"{peers}/{script}", run_name="__main__")
said = dict(kv.split("=", 1) for kv in printed.getvalue().split())
secs = float(said["seconds"])
print(f"{script} file={src.rsplit('/', 1)[-1]} intersections={said['intersections']} feature_rows={said['rows']} "
      f"read_s={timers['load']:.3f} compute_s={secs - timers['load'] - timers['write']:.4f} "
      f"write_s={timers['write']:.3f} e2e_s={secs:.3f}")
PY
}

# CPU seconds the whole machine has been busy, and that this shell's finished children have used: their
# difference over a run is what other work took from the 2 cores meanwhile (a lagging load average is not).
machine_cpu() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
# (`times` must run in this shell itself: in a $(...) subshell it would only see the subshell's children.)
children_cpu() { awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } print s }' "$1"; }

# Runs a command and appends its one result line, tagged with the figure, wall time, the load average
# and the CPU other work used during the run (other_cores = that divided by the wall time).
measure() { # $1 = figure, $2.. = command
    local figure="$1"; shift
    local load_before start line end m0 m1 c0 c1
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    times >"$out/.times0"; m0=$(machine_cpu)
    start=$(date +%s.%N)
    line=$("$@" | tail -n 1)
    end=$(date +%s.%N)
    times >"$out/.times1"; m1=$(machine_cpu)
    c0=$(children_cpu "$out/.times0"); c1=$(children_cpu "$out/.times1")
    echo "figure=$figure $(awk -v s="$start" -v e="$end" -v m="$m1 - $m0" -v c="$c1 - $c0" 'BEGIN {
            split(m, a, " - "); split(c, b, " - "); other = (a[1] - a[2]) - (b[1] - b[2]); if (other < 0) other = 0
            printf "wall_s=%.3f cpu_s=%.2f other_cores=%.2f", e - s, b[1] - b[2], other / (e - s) }')" \
         "load_before=$load_before load_after=$(cut -d' ' -f1 /proc/loadavg) tool=$line" | tee -a "$log"
}

repeat() { # $1 = times, $2 = figure, $3.. = command
    local times="$1"; shift
    for _ in $(seq 1 "$times"); do measure "$@"; done
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average now $(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee -a "$log"
echo "== primary file: $primary"
repeat "$repeats" primary-ours-60 $ours windows "$primary" --dates 60 --out "$out/ours-primary-60.csv"
repeat "$repeats" primary-ours-peerdates $ours windows "$primary" --peer-dates --out "$out/ours-primary-peerdates.csv"
repeat "$repeats" primary-fast peer_timed features_fast.py "$primary" "$out/fast-primary.csv"
repeat 1 primary-seed peer_timed features_seed.py "$primary" "$out/seed-primary.csv"
# The seed writes rows in first-seen order, the fast one sorted: compare them as sets of rows.
cmp -s <(sort "$out/fast-primary.csv") <(sort "$out/seed-primary.csv") && same=yes || same=NO
echo "features_fast and features_seed outputs hold the same rows: $same" | tee -a "$log"

echo "== synthetic NYC-size export: $synth_gz"
if [[ -f "$synth_gz" ]]; then
    # Another benchmark may still be writing it (same command, same seed, same bytes): wait until it is whole.
    for _ in $(seq 1 90); do gzip -t "$synth_gz" 2>/dev/null && break; echo "waiting for $synth_gz"; sleep 10; done
    gzip -t "$synth_gz"
else
    # Written under a temporary name and renamed, so a concurrent reader never sees half a file.
    tmp="$synth_gz.$$.tmp.csv.gz"
    dotnet run -c Release --project Client -- synth --crashes 2200000 --intersections 150000 --years 10 \
        --seed 7 --end 2025-12-31 --out "$tmp"
    mv "$tmp" "$synth_gz"
fi
if [[ ! -f "$synth_csv" || "$synth_csv" -ot "$synth_gz" ]]; then
    gunzip -c "$synth_gz" >"$synth_csv.$$.tmp"
    mv "$synth_csv.$$.tmp" "$synth_csv"
fi
repeat "$repeats" synth-ours-60 $ours windows "$synth_gz" --dates 60 --out "$out/ours-synth-60.csv"
# The matched run: the peer's dates and the very file the peer reads (uncompressed), so reads compare too.
repeat "$repeats" synth-ours-peerdates-csv $ours windows "$synth_csv" --peer-dates --out "$out/ours-synth-peerdates.csv"
repeat "$repeats" synth-fast peer_timed features_fast.py "$synth_csv" "$out/fast-synth.csv"
echo "features_seed on the synthetic export: skipped (its per-snapshot, per-intersection filter would take hours)" \
    | tee -a "$log"

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
echo "== summary (medians, seconds; other cores = CPU other work used during a run / its wall time, of 2)"
$py - "$log" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if not line.startswith("figure="):
        continue
    head, tool = line.split(" tool=", 1)
    kv = dict(t.split("=", 1) for t in head.split())
    kv.update(t.split("=", 1) for t in tool.split()[1:])
    kv["tool"] = tool.split()[0]
    runs.setdefault(kv["figure"], []).append(kv)

def med(rs, key):
    vals = [float(r[key]) for r in rs if key in r]
    return statistics.median(vals) if vals else None

fig = {}
print(f"{'figure':26} {'n':>2} {'keys':>7} {'rows':>9} {'read':>7} {'compute':>8} {'warm':>7} {'write':>7} "
      f"{'e2e':>7} {'wall':>7}  other cores (min..max)  load avg (min..max)")
for name, rs in runs.items():
    m = {k: med(rs, k) for k in ("read_s", "build_s", "compute_s", "compute_warm_s", "write_s", "e2e_s",
                                 "wall_s", "warm_spent_s")}
    if m["warm_spent_s"]:  # our process also spends ~1 s on the warm passes: not part of its wall time
        m["wall_s"] -= m["warm_spent_s"]
    read = m["read_s"] + (m["build_s"] or 0)
    fig[name] = m
    loads = [float(r["load_before"]) for r in rs]
    others = [float(r["other_cores"]) for r in rs]
    warm = f"{m['compute_warm_s']:7.4f}" if m["compute_warm_s"] is not None else f"{'-':>7}"
    print(f"{name:26} {len(rs):2} {rs[0]['intersections']:>7} {rs[0]['feature_rows']:>9} {read:7.3f} "
          f"{m['compute_s']:8.4f} {warm} {m['write_s']:7.3f} {m['e2e_s']:7.3f} {m['wall_s']:7.3f}  "
          f"{min(others):.2f}..{max(others):.2f}            {min(loads):.2f}..{max(loads):.2f}")

print("\nratios (peer / ours; >1 means ours is faster)")
for ours, peer in [("primary-ours-peerdates", "primary-seed"), ("primary-ours-peerdates", "primary-fast"),
                   ("synth-ours-peerdates-csv", "synth-fast"), ("synth-ours-60", "synth-fast")]:
    if ours in fig and peer in fig:
        o, p = fig[ours], fig[peer]
        print(f"{peer:14} vs {ours:26} compute {p['compute_s'] / o['compute_s']:9.1f}x   "
              f"e2e {p['e2e_s'] / o['e2e_s']:7.1f}x   wall {p['wall_s'] / o['wall_s']:6.1f}x")
PY
