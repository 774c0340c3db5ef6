"""Medians of wrk rounds: wrk-summary.py OUT ROUNDS PEER NAME... reads OUT/NAME-R.txt for rounds 1..ROUNDS and
prints, per target, the median req/s, each round's req/s, median p50 and p99, the worst p99, the errors (non-2xx
and socket errors) and the ratio to PEER's median req/s."""
import re
import statistics
import sys


def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def read(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", t))
    sock = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
    return rps, p50, p99, non2xx + sock


out, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = {n: [read(f"{out}/{n}-{r}.txt") for r in range(1, rounds + 1)] for n in names}
peer = statistics.median(x[0] for x in rows[names[0]])
print(f"{'target':<24}{'req/s (median)':>16}{'runs':>28}{'p50 ms':>9}{'p99 ms':>9}{'worst p99':>10}"
      f"{'errors':>8}{'x peer':>9}")
for name, xs in rows.items():
    rps = statistics.median(x[0] for x in xs)
    print(f"{name:<24}{rps:>16,.0f}{' / '.join(f'{x[0]:,.0f}' for x in xs):>28}"
          f"{statistics.median(x[1] for x in xs):>9.2f}{statistics.median(x[2] for x in xs):>9.2f}"
          f"{max(x[2] for x in xs):>10.2f}{sum(x[3] for x in xs):>8}{rps / peer:>9.1f}")
