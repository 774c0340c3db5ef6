"""Reads each silo's /metrics every 20 ms while a canary soaks: when each first serves the canary VERSION, and when
each stops serving it (prints {"on": [...], "off": [...]} as Unix times, one per silo, in the order given).
Usage: canary_watch.py VERSION HTTP_PORT [HTTP_PORT ...]"""
import json
import re
import sys
import time
import urllib.request

version, ports = int(sys.argv[1]), sys.argv[2:]
pattern = re.compile(r"^vz_model_canary_version(?:\{[^}]*\})? (\d+)", re.M)
on, off = [None] * len(ports), [None] * len(ports)
deadline = time.time() + 900
while time.time() < deadline and not all(off):
    for i, port in enumerate(ports):
        if off[i]:
            continue
        try:
            text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2).read().decode()
        except OSError:
            continue
        now = time.time()
        match = pattern.search(text)
        serving = match is not None and int(match.group(1)) == version
        if serving and on[i] is None:
            on[i] = now
        elif not serving and on[i] is not None:
            off[i] = now
    time.sleep(0.02)
print(json.dumps({"on": on, "off": off}))
