#!/usr/bin/env python3
"""The timings of deploy/bench/edge.sh that need a watch on a running vz-edge; each prints one JSON line.

    probe.py replay [--after-connected STATUS-URL --fifo FIFO --trace TRACE] -- COMMAND...
        Starts COMMAND (a vz-edge replay) and times its answers: the first answer line from the moment the
        process was started (cold start), the last from the first, how many. With --after-connected the trace
        is written into FIFO (the replay's input) only once STATUS-URL says the edge is connected. When it
        exits: its peak resident memory (the kernel's ru_maxrss, the process's VmHWM at exit), in KiB.
    probe.py promote STATUS-URL VERSION -- COMMAND...
        Runs COMMAND (vz promote VERSION --to production) and polls STATUS-URL every 50 ms until the edge
        reports VERSION: seconds from invoking the command, from its return, and the command's own time.
"""

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

POLL_S = 0.05
LIMIT_S = 120.0


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return json.load(answer)
    except OSError:
        return None


def wait_until(url, test):
    deadline = time.monotonic() + LIMIT_S
    while time.monotonic() < deadline:
        if (s := status(url)) is not None and test(s):
            return s
        time.sleep(POLL_S)
    sys.exit(f"probe: {url} did not reach the state awaited within {LIMIT_S:.0f} s")


def feed(fifo_path, trace_path):
    with open(fifo_path, "w") as fifo, open(trace_path) as trace:
        shutil.copyfileobj(trace, fifo)


def replay(options, command):
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if "--after-connected" in options:
        try:
            wait_until(options["--after-connected"], lambda s: s.get("connected"))
        except SystemExit:
            child.kill()
            raise
        # Written beside the reading of the answers: the edge blocks on a full stdout pipe otherwise.
        threading.Thread(target=feed, args=(options["--fifo"], options["--trace"]), daemon=True).start()
    first = last = None
    answers = 0
    for _ in child.stdout:
        last = time.monotonic()
        first = first or last
        answers += 1
    _, code, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(code) != 0 or answers == 0:
        sys.exit(f"probe: {command[0]} exited with {os.waitstatus_to_exitcode(code)} after {answers} answers")
    print(json.dumps({"firstAnswerS": round(first - start, 3), "answersS": round(last - first, 3),
                      "answers": answers, "peakRssKiB": usage.ru_maxrss}))


def promote(url, version, command):
    invoked = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    returned = time.monotonic()
    wait_until(url, lambda s: s.get("modelVersion") == version)
    seen = time.monotonic()
    print(json.dumps({"version": version, "fromInvokeS": round(seen - invoked, 3),
                      "fromReturnS": round(seen - returned, 3), "promoteS": round(returned - invoked, 3)}))


def main():
    split = sys.argv.index("--")
    head, command = sys.argv[1:split], sys.argv[split + 1:]
    if head[0] == "replay":
        replay(dict(zip(head[1::2], head[2::2])), command)
    elif head[0] == "promote":
        promote(head[1], int(head[2]), command)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
