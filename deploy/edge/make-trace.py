#!/usr/bin/env python3
"""Writes Edge/Traces/flatbush-avenue.{nmea,gpx,csv}: one simulated drive along Flatbush Avenue.

The drive passes through the avenue's real corners as the bundled crash sample places them: crashes whose
ON STREET NAME or CROSS STREET NAME is FLATBUSH AVENUE are grouped by the other street, each corner sits at
its crashes' median position, and the corners are ordered along the avenue. A car drives through them at
city speed (30-45 km/h, varying), stops at two lights, and a receiver reports one fix a second with
Gaussian error. Same seed, same files: the output is deterministic.

    python3 deploy/edge/make-trace.py [--sample PATH] [--out DIR]
"""

import argparse
import csv
import gzip
import math
import os
import random
import statistics
from datetime import datetime, timedelta, timezone

AVENUE = "FLATBUSH AVENUE"
SEED = 20211005
START = datetime(2021, 10, 5, 13, 30, 0, tzinfo=timezone.utc)  # 9:30 a.m. in New York
MIN_CRASHES = 3          # a cross street named fewer times is a typo or a driveway, not a corner
MERGE_WITHIN_M = 30.0    # two names geocoded to one spot are one corner
LIGHTS = {"AVENUE N": 25.0, "AVENUE U": 40.0}  # corners where the car waits at a red light, seconds
SPEED_KMH = (30.0, 45.0)
ACCEL, DECEL = 1.5, 2.0  # m/s^2: an unhurried driver
NOISE_M = 3.0            # receiver error per axis; about 4.2 m horizontally
NOISE_CORRELATION = 0.9  # a receiver's error drifts: each second keeps most of the last one's
STEP_S = 0.1
EARTH_M = 6_371_008.8
# NycBounds in Grains.Interfaces/CrashData/NycBounds.cs
MIN_LAT, MAX_LAT, MIN_LON, MAX_LON = 40.49, 40.92, -74.27, -73.68


def read_corners(sample):
    groups = {}
    with gzip.open(sample, "rt", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            on = row["ON STREET NAME"].strip().upper()
            cross = row["CROSS STREET NAME"].strip().upper()
            if AVENUE not in (on, cross):
                continue
            other = cross if on == AVENUE else on
            try:
                lat, lon = float(row["LATITUDE"]), float(row["LONGITUDE"])
            except ValueError:
                continue
            if other and other != AVENUE and MIN_LAT <= lat <= MAX_LAT and MIN_LON <= lon <= MAX_LON:
                groups.setdefault(other, []).append((lat, lon))
    corners = [(name, statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts), len(pts))
               for name, pts in groups.items() if len(pts) >= MIN_CRASHES]
    corners.sort(key=lambda c: (-c[3], c[0]))  # the best-supported name wins a shared spot
    kept = []
    for name, lat, lon, n in corners:
        twin = next((k for k in kept if distance_m(lat, lon, k["lat"], k["lon"]) < MERGE_WITHIN_M), None)
        if twin is None:
            kept.append({"names": [name], "lat": lat, "lon": lon})
        else:
            twin["names"].append(name)
    return order_along_avenue(kept)


def order_along_avenue(corners):
    """Sorts by position along the corners' principal axis, north end first."""
    lat0 = statistics.fmean(c["lat"] for c in corners)
    lon0 = statistics.fmean(c["lon"] for c in corners)
    xy = [to_local(c["lat"], c["lon"], lat0, lon0) for c in corners]
    sxx = sum(x * x for x, _ in xy)
    syy = sum(y * y for _, y in xy)
    sxy = sum(x * y for x, y in xy)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    ux, uy = math.cos(angle), math.sin(angle)
    if uy > 0:  # point the axis south, so the drive starts at the northern end
        ux, uy = -ux, -uy
    keyed = sorted(zip(corners, xy), key=lambda cx: cx[1][0] * ux + cx[1][1] * uy)
    return [c for c, _ in keyed]


def to_local(lat, lon, lat0, lon0):
    x = math.radians(lon - lon0) * EARTH_M * math.cos(math.radians(lat0))
    y = math.radians(lat - lat0) * EARTH_M
    return x, y


def distance_m(lat1, lon1, lat2, lon2):
    x, y = to_local(lat2, lon2, lat1, lon1)
    return math.hypot(x, y)


def bearing_deg(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360


def drive(corners, rng):
    """True (lat, lon, speed m/s, course) once a second along the polyline through the corners."""
    along = [0.0]
    for a, b in zip(corners, corners[1:]):
        along.append(along[-1] + distance_m(a["lat"], a["lon"], b["lat"], b["lon"]))
    stops = [(along[i], LIGHTS[n]) for i, c in enumerate(corners) for n in c["names"] if n in LIGHTS]
    stops.append((along[-1], 0.0))
    s, v, t, hold, next_target_at = 0.0, 0.0, 0.0, 0.0, 0.0
    target = 0.0
    samples = []
    while True:
        if t + 1e-9 >= len(samples):
            samples.append(position(corners, along, s) + (v,))
        if not stops:
            break
        if t >= next_target_at:
            target = rng.uniform(*SPEED_KMH) / 3.6
            next_target_at = t + rng.uniform(20, 40)
        stop_at, wait = stops[0]
        if hold > 0:
            hold -= STEP_S
            if hold <= 0:
                stops.pop(0)
        elif stop_at - s < 0.05 and v < 0.1:
            s, v, hold = stop_at, 0.0, max(wait, STEP_S / 2)
        else:
            allowed = math.sqrt(2 * DECEL * max(stop_at - s, 0.0))
            v = max(0.0, min(v + ACCEL * STEP_S, target, allowed))
            if v < 0.1 and stop_at - s >= 0.05:
                v = 0.1  # creep the last centimetres instead of stalling short of the line
            s = min(s + v * STEP_S, stop_at)
        t = round(t + STEP_S, 6)
    return samples, along[-1]


def position(corners, along, s):
    i = max(k for k in range(len(along) - 1) if along[k] <= s) if s < along[-1] else len(along) - 2
    a, b = corners[i], corners[i + 1]
    f = (s - along[i]) / (along[i + 1] - along[i])
    lat = a["lat"] + f * (b["lat"] - a["lat"])
    lon = a["lon"] + f * (b["lon"] - a["lon"])
    return lat, lon, bearing_deg(a["lat"], a["lon"], b["lat"], b["lon"])


def add_noise(samples, rng):
    ex = ey = 0.0
    keep = NOISE_CORRELATION
    fresh = NOISE_M * math.sqrt(1 - keep * keep)
    noisy = []
    for i, (lat, lon, course, speed) in enumerate(samples):
        if i == 0:
            ex, ey = rng.gauss(0, NOISE_M), rng.gauss(0, NOISE_M)
        else:
            ex, ey = keep * ex + rng.gauss(0, fresh), keep * ey + rng.gauss(0, fresh)
        nlat = lat + math.degrees(ey / EARTH_M)
        nlon = lon + math.degrees(ex / (EARTH_M * math.cos(math.radians(lat))))
        noisy.append((quantize(nlat), quantize(nlon), course, speed))
    return noisy


def quantize(deg):
    """Rounds to what NMEA's ddmm.mmmmm holds, so all three files carry the very same position."""
    minutes = round(abs(deg) * 60, 5)
    return math.copysign(minutes / 60, deg)


def nmea_angle(deg, width, pos, neg):
    minutes = round(abs(deg) * 60, 5)
    whole, rest = divmod(minutes, 60)
    return f"{int(whole):0{width}d}{rest:08.5f}", pos if deg >= 0 else neg


def sentence(body):
    checksum = 0
    for ch in body:
        checksum ^= ord(ch)
    return f"${body}*{checksum:02X}\r\n"


def write_nmea(path, fixes, rng):
    with open(path, "w", encoding="ascii", newline="") as f:
        for i, (lat, lon, course, speed) in enumerate(fixes):
            when = START + timedelta(seconds=i)
            hms, dmy = when.strftime("%H%M%S.00"), when.strftime("%d%m%y")
            la, ns = nmea_angle(lat, 2, "N", "S")
            lo, ew = nmea_angle(lon, 3, "E", "W")
            knots = max(0.0, speed + rng.gauss(0, 0.1)) / 0.514444
            f.write(sentence(f"GPRMC,{hms},A,{la},{ns},{lo},{ew},{knots:.1f},{course:.1f},{dmy},,,A"))
            sats, hdop, alt = rng.randint(8, 11), rng.uniform(0.7, 1.3), 6.0 + rng.gauss(0, 1.5)
            f.write(sentence(f"GPGGA,{hms},{la},{ns},{lo},{ew},1,{sats:02d},{hdop:.1f},{alt:.1f},M,-32.4,M,,"))


def iso(i):
    return (START + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_gpx(path, fixes):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<gpx version="1.1" creator="deploy/edge/make-trace.py" xmlns="http://www.topografix.com/GPX/1/1">\n')
        f.write(f"  <metadata><name>Flatbush Avenue drive</name><time>{iso(0)}</time></metadata>\n")
        f.write("  <trk>\n    <name>Flatbush Avenue, Kings Highway to the Marine Parkway Bridge</name>\n")
        f.write("    <trkseg>\n")
        for i, (lat, lon, _, _) in enumerate(fixes):
            f.write(f'      <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><time>{iso(i)}</time></trkpt>\n')
        f.write("    </trkseg>\n  </trk>\n</gpx>\n")


def write_csv(path, fixes):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("time,lat,lon\n")
        for i, (lat, lon, _, _) in enumerate(fixes):
            f.write(f"{iso(i)},{lat:.7f},{lon:.7f}\n")


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", default=os.path.join(
        root, "Silo", "SampleData", "brooklyn_zip11234_2012-07_to_2021-11.csv.gz"))
    parser.add_argument("--out", default=os.path.join(root, "Edge", "Traces"))
    args = parser.parse_args()
    rng = random.Random(SEED)
    corners = read_corners(args.sample)
    samples, length_m = drive(corners, rng)
    fixes = add_noise(samples, rng)
    os.makedirs(args.out, exist_ok=True)
    write_nmea(os.path.join(args.out, "flatbush-avenue.nmea"), fixes, rng)
    write_gpx(os.path.join(args.out, "flatbush-avenue.gpx"), fixes)
    write_csv(os.path.join(args.out, "flatbush-avenue.csv"), fixes)
    print(f"{len(fixes)} fixes, {length_m / 1000:.2f} km, {len(corners)} corners:")
    for c in corners:
        print(f"  {' / '.join(c['names'])}  ({c['lat']:.6f}, {c['lon']:.6f})")


if __name__ == "__main__":
    main()
