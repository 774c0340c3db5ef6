"""Writes the map's borough outlines (Silo/Site/boroughs.geojson) from NYC DCP's Borough Boundaries.

A web map needs a few hundred points per borough, not the source's 68,677: each ring is simplified with the
Ramer-Douglas-Peucker rule at TOLERANCE degrees (about 40 m), rings that shrink below 4 points (small islands)
are dropped, and coordinates are rounded to 5 decimals (about 1 m).
Usage: python3 deploy/tools/simplify_boroughs.py SOURCE.geojson Silo/Site/boroughs.geojson
"""
import json
import sys

TOLERANCE = 0.0004


def distance_to_segment(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points):
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:  # iterative: the source's longest ring would overflow Python's recursion
        first, last = stack.pop()
        far, index = 0.0, None
        for i in range(first + 1, last):
            d = distance_to_segment(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if index is not None and far > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [[round(x, 5), round(y, 5)] for (x, y), k in zip(points, keep) if k]


source, target = sys.argv[1], sys.argv[2]
features = []
for f in json.load(open(source))["features"]:
    polygons = []
    for polygon in f["geometry"]["coordinates"]:
        rings = [r for r in (simplify(ring) for ring in polygon) if len(r) >= 4]
        if rings:
            polygons.append(rings)
    features.append({"type": "Feature", "properties": {"borough": f["properties"]["BoroName"].upper()},
                     "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
json.dump({"type": "FeatureCollection", "features": features}, open(target, "w"), separators=(",", ":"))
print(f"{sum(len(r) for f in features for p in f['geometry']['coordinates'] for r in p):,} points")
