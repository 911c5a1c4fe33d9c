"""Which country a point is in, from the country outlines the maps draw (no GDAL, no geocoder).

The outlines (static/vendor/natural-earth/paises.geojson, see its README) cover Latin America,
the Caribbean and the network's European partners, simplified to about 1 km: a point near a
border may land on the wrong side, and a point on the coast or elsewhere in the world in none.
So the answer only ever raises a question to the promoter ("is this really the place?"),
never a refusal.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal

from django.contrib.staticfiles import finders

CONTORNOS = "vendor/natural-earth/paises.geojson"

type Anillo = list[tuple[float, float]]


@functools.cache
def _paises() -> list[tuple[str, tuple[float, float, float, float], list[list[Anillo]]]]:
    """(code, bounding box, polygons) of every outline, read once per process."""
    ruta = finders.find(CONTORNOS)
    with open(ruta, encoding="utf-8") as archivo:
        datos = json.load(archivo)
    paises = []
    for rasgo in datos["features"]:
        poligonos = [
            [[(x, y) for x, y in anillo] for anillo in poligono] for poligono in rasgo["geometry"]["coordinates"]
        ]
        xs = [x for poligono in poligonos for x, _y in poligono[0]]
        ys = [y for poligono in poligonos for _x, y in poligono[0]]
        paises.append((rasgo["properties"]["pais"], (min(xs), min(ys), max(xs), max(ys)), poligonos))
    return paises


def _dentro_del_anillo(x: float, y: float, anillo: Anillo) -> bool:
    """Ray casting: a ray from the point crosses the ring's edges an odd number of times."""
    dentro = False
    x1, y1 = anillo[-1]
    for x2, y2 in anillo:
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            dentro = not dentro
        x1, y1 = x2, y2
    return dentro


def pais_del_punto(latitud: float | Decimal, longitud: float | Decimal) -> str | None:
    """The ISO alpha-2 code of the outline containing the point, or None (sea, elsewhere, unknown)."""
    x, y = float(longitud), float(latitud)
    for codigo, (xmin, ymin, xmax, ymax), poligonos in _paises():
        if not (xmin <= x <= xmax and ymin <= y <= ymax):
            continue
        for exterior, *huecos in poligonos:
            if _dentro_del_anillo(x, y, exterior) and not any(_dentro_del_anillo(x, y, h) for h in huecos):
                return codigo
    return None
