"""Reads GET /api/intersections/top?k=200000 on stdin and writes what the wrk scripts draw from: every corner's id
(IDS_FILE, one per line) and every located corner's position (POINTS_FILE, "lat lon" per line).
Usage: curl ... | python3 grid-points.py IDS_FILE POINTS_FILE"""
import json
import sys

corners = json.load(sys.stdin)
with open(sys.argv[1], "w") as ids, open(sys.argv[2], "w") as points:
    for c in corners:
        ids.write(c["id"] + "\n")
        if c.get("latitude") is not None:
            points.write("%s %s\n" % (c["latitude"], c["longitude"]))
model = corners[0].get("modelVersion") if corners else None
print(f"{len(corners):,} corners, model {model}")
