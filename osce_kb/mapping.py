"""The map of the participating States: built once from the npm package world-atlas (Natural Earth's 1:50m
countries as TopoJSON, public domain) and i18n-iso-countries (ISO 3166 codes), into a small JSON file the site
ships (osce_kb/data/states_map.json), so that the map needs no tile server and no request to another site.

The projection is Lambert's azimuthal equal-area, centred on the North Pole and turned so that Europe is at
the bottom: the OSCE's area, "from Vancouver to Vladivostok", round the Arctic, every State at its true size.
Coordinates are rounded to the map's units, which simplifies the coastlines to what the map can show."""

import functools
import json
import math
from pathlib import Path

SIZE = 1000  # the map is SIZE × SIZE units
CENTRE_LONGITUDE = 20  # at the bottom of the map
SOUTHERN_LIMIT = 12  # latitude: the map shows what lies north of it
MIN_RING_AREA = 2  # square units: smaller islands are left out
TOLERANCE = 0.9  # units: the coastlines are simplified (Douglas–Peucker) to what the map can show
SMALL_STATE_AREA = 12  # square units: a State smaller than this gets a marker to click
DATA = Path(__file__).parent / "data" / "states_map.json"

_LIMIT_RADIUS = 2 * math.sin(math.radians(90 - SOUTHERN_LIMIT) / 2)


def project(longitude, latitude):
    """(x, y) in map units of a point north of SOUTHERN_LIMIT."""
    rho = 2 * math.sin(math.radians(90 - latitude) / 2) / _LIMIT_RADIUS * (SIZE / 2)
    angle = math.radians(longitude - CENTRE_LONGITUDE)
    return SIZE / 2 + rho * math.sin(angle), SIZE / 2 + rho * math.cos(angle)


def decode_arcs(topology):
    """The arcs of a quantised TopoJSON topology as lists of (longitude, latitude)."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(indices, arcs):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc if not points else arc[1:])
    return points


def _area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def simplify(points, tolerance=TOLERANCE):
    """`points` with every point dropped that lies within `tolerance` of the line its neighbours keep
    (Douglas–Peucker), the first and last kept."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    farthest, distance = 0, -1.0
    for index, (x, y) in enumerate(points[1:-1], 1):
        away = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
        if away > distance:
            farthest, distance = index, away
    if distance <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: farthest + 1], tolerance)[:-1] + simplify(points[farthest:], tolerance)


def _centre(rings):
    """The projected mean of a country's points: where a State too small to see gets its marker."""
    points = [project(longitude, latitude) for ring in rings for longitude, latitude in ring]
    return [round(sum(x for x, _y in points) / len(points)), round(sum(y for _x, y in points) / len(points))]


def _path(rings):
    """SVG path data of projected rings, simplified and rounded to whole units, tiny islands left out; and the
    area drawn."""
    parts, area = [], 0.0
    for ring in rings:
        if max(latitude for _longitude, latitude in ring) < SOUTHERN_LIMIT:
            continue  # wholly south of the map; a ring across its edge is cut at the rim
        projected = simplify([project(longitude, max(latitude, SOUTHERN_LIMIT)) for longitude, latitude in ring])
        points = []
        for x, y in projected:
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3 or _area(points) < MIN_RING_AREA:
            continue
        area += _area(points)
        parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(parts), area


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build(countries_path, codes_path):
    """{"size", "states": {alpha-2: {"d", "marker"}}, "land"} from world-atlas's countries and the ISO codes
    (alpha-2, alpha-3, numeric) of i18n-iso-countries. Every country north of the limit is drawn; the site
    shades those that are participating States."""
    topology = json.loads(Path(countries_path).read_text(encoding="utf-8"))
    numeric_to_alpha2 = {
        numeric: alpha2 for alpha2, _alpha3, numeric, *_rest in json.loads(Path(codes_path).read_text())
    }
    arcs = decode_arcs(topology)
    states, land = {}, []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [_ring(ring, arcs) for polygon in _polygons(geometry) for ring in polygon]
        if not rings or max(latitude for ring in rings for _longitude, latitude in ring) < SOUTHERN_LIMIT:
            continue
        d, area = _path(rings)
        code = numeric_to_alpha2.get(geometry.get("id"))
        if code is None:
            if d:
                land.append(d)
            continue
        entry = {"d": d}
        if area < SMALL_STATE_AREA:
            entry["marker"] = _centre(rings)
        states[code] = entry
    return {"size": SIZE, "states": dict(sorted(states.items())), "land": "".join(land)}


@functools.cache
def shapes():
    """The map built by `manage.py build_map`, as the site ships it: read once a process."""
    return json.loads(DATA.read_text(encoding="utf-8"))
