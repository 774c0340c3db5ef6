#!/usr/bin/env python3
"""Writes a CSV trace (time,lat,lon) for deploy/bench/edge.sh: laps of a Midtown Manhattan loop (7th Avenue
north from 34th Street, 57th Street east, Park Avenue south, 34th Street west) at 8-12 m/s, one fix a second
with a few metres of receiver noise. Seeded: the same file every run.

    python3 deploy/bench/edge/trace.py OUT.csv [FIXES]
"""

import math
import random
import sys
from datetime import datetime, timedelta, timezone

LOOP = [(40.7505, -73.9910), (40.7651, -73.9799), (40.7625, -73.9705), (40.7479, -73.9805)]
START = datetime(2023, 7, 20, 13, 0, 0, tzinfo=timezone.utc)
METRES_PER_DEGREE = 111_320.0
NOISE_M = 3.0


def main():
    out, fixes = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3600
    random.seed(15)
    leg, along, speed = 0, 0.0, 10.0
    with open(out, "w") as f:
        f.write("time,lat,lon\n")
        for second in range(fixes):
            (lat0, lon0), (lat1, lon1) = LOOP[leg], LOOP[(leg + 1) % len(LOOP)]
            length = distance_m(lat0, lon0, lat1, lon1)
            share = min(along / length, 1.0)
            lat = lat0 + (lat1 - lat0) * share + random.gauss(0, NOISE_M) / METRES_PER_DEGREE
            lon = lon0 + (lon1 - lon0) * share + random.gauss(0, NOISE_M) / (
                METRES_PER_DEGREE * math.cos(math.radians(lat0)))
            time = (START + timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(f"{time},{lat:.7f},{lon:.7f}\n")
            speed = min(12.0, max(8.0, speed + random.uniform(-0.5, 0.5)))
            along += speed
            if along >= length:
                along -= length
                leg = (leg + 1) % len(LOOP)


def distance_m(lat0, lon0, lat1, lon1):
    north = (lat1 - lat0) * METRES_PER_DEGREE
    east = (lon1 - lon0) * METRES_PER_DEGREE * math.cos(math.radians((lat0 + lat1) / 2))
    return math.hypot(north, east)


if __name__ == "__main__":
    main()
