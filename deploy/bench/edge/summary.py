#!/usr/bin/env python3
"""Medians of deploy/bench/edge.sh's rounds, each beside its peer of the same run.

    python3 deploy/bench/edge/summary.py artifacts/bench/edge
"""

import json
import os
import statistics
import sys

POLL_S = 30  # EdgeSettings.PollInterval: the edge's fallback when no push arrives


def rows(out, name):
    path = os.path.join(out, name)
    return [json.loads(line) for line in open(path)] if os.path.exists(path) else []


def median(xs):
    return statistics.median(xs)


def runs(xs, form):
    return " / ".join(form.format(x) for x in xs)


def main():
    out = sys.argv[1]
    sync = rows(out, "sync.jsonl")
    print("sync, borough MANHATTAN: median (runs); bytes = Orleans messages gateway <-> edge, both ways")
    for kind in ("first", "unchanged", "elsewhere"):
        xs = [r for r in sync if r["kind"] == kind]
        if xs:
            print(f"  {kind:<10} {median(r['seconds'] for r in xs):.3f} s ({runs([r['seconds'] for r in xs], '{}')})"
                  f", {median(r['bytes'] for r in xs) / 1024:,.0f} KiB in {median(r['messages'] for r in xs):,.0f}"
                  f" messages ({median(r['headerBytes'] for r in xs) / 1024:,.0f} KiB of headers)"
                  f", {xs[0]['corners']:,} corners, {median(r['changed'] for r in xs):,.0f} changed"
                  f", SQLite file {median(r['fileBytes'] for r in xs) / 1024:,.0f} KiB")
    lookup = rows(out, "lookup.jsonl")
    print("lookup, Midtown 5 km (vz-edge eval): p50 / p99 in microseconds, median (p99 runs)")
    p99 = {}
    for platform in ("x64", "arm64"):
        for tiered in (True, False):
            xs = [r for r in lookup if r["platform"] == platform and r["tiered"] == tiered]
            if xs:
                p99[platform, tiered] = median(r["p99"] for r in xs)
                label = f"{platform}{' (emulated)' if platform == 'arm64' else ''}, tiered {'on' if tiered else 'off'}"
                print(f"  {label:<28} {median(r['p50'] for r in xs):8.1f} / {p99[platform, tiered]:8.1f}"
                      f"  ({runs([r['p99'] for r in xs], '{}')})")
    for tiered in (True, False):
        if ("arm64", tiered) in p99:
            print(f"  emulated arm64 / x64 p99, tiered {'on' if tiered else 'off'}: "
                  f"{p99['arm64', tiered] / p99['x64', tiered]:.1f}x")
    replay = rows(out, "replay.jsonl")
    print("replay of the Midtown trace at --speed 0: median (runs)")
    for mode in ("offline", "online"):
        xs = [r for r in replay if r["mode"] == mode]
        if xs:
            per_fix = [r["answersS"] / (r["answers"] - 1) * 1e6 for r in xs]
            rss = [r["peakRssKiB"] / 1024 for r in xs]
            print(f"  {mode:<8} first answer {median(r['firstAnswerS'] for r in xs):.3f} s"
                  f" ({runs([r['firstAnswerS'] for r in xs], '{}')}), {xs[0]['answers']:,} answers in"
                  f" {median(r['answersS'] for r in xs):.3f} s ({median(per_fix):.0f} us each),"
                  f" peak RSS {median(rss):.1f} MiB ({runs(rss, '{:.1f}')})")
    promote = rows(out, "promote.jsonl")
    if promote:
        invoke = [r["fromInvokeS"] for r in promote]
        back = [r["fromReturnS"] for r in promote]
        print(f"promotion to the edge, versions {runs([r['version'] for r in promote], '{}')}: from invoking vz promote"
              f" {median(invoke):.2f} s ({runs(invoke, '{:.2f}')}); from its return {median(back):.3f} s"
              f" ({runs(back, '{:.3f}')}); vz promote itself {median(r['promoteS'] for r in promote):.2f} s;"
              f" the edge's poll, its fallback: every {POLL_S} s")


if __name__ == "__main__":
    main()
