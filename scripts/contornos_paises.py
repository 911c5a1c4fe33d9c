"""Make static/vendor/natural-earth/paises.geojson from world-atlas's Natural Earth TopoJSON.

Run once, by hand, when the outlines should change; the result is committed:

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/contornos_paises.py package/countries-50m.json static/vendor/natural-earth/paises.geojson

It keeps the countries of Latin America and the Caribbean and the network's European partners,
simplifies each ring (Douglas-Peucker) and rounds coordinates to 0.01 degree (about 1 km), so
the file stays small enough for a phone (the maps draw it under the tiles, or alone when no tile
server answers) and for consorcios/geografia.py to test points against it in plain Python.
Each feature's id and ``properties.pais`` is the ISO 3166 alpha-2 code (the form's country).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django_countries.data import ALT_CODES

# Latin America and the Caribbean (ISO 3166-1 numeric codes come from django-countries).
AMERICA_LATINA_Y_CARIBE = [
    "AG",
    "AR",
    "BS",
    "BB",
    "BZ",
    "BO",
    "BR",
    "CL",
    "CO",
    "CR",
    "CU",
    "DM",
    "DO",
    "EC",
    "SV",
    "GD",
    "GT",
    "GY",
    "HT",
    "HN",
    "JM",
    "MX",
    "NI",
    "PA",
    "PY",
    "PE",
    "KN",
    "LC",
    "VC",
    "SR",
    "TT",
    "UY",
    "VE",
    "PR",
    "AW",
    "CW",
    "BQ",
    "SX",
    "MF",
    "BL",
    "GP",
    "MQ",
    "GF",
    "AI",
    "VG",
    "VI",
    "KY",
    "TC",
    "MS",
    "FK",
]
# The European partners of the founding seminar (Federexport, the Universities of Florence and
# Vienna, Gruyère); France also carries French Guiana, Guadeloupe and Martinique in Natural Earth.
SOCIOS_EUROPEOS = ["IT", "ES", "PT", "CH", "FR", "AT", "DE"]
PAISES = set(AMERICA_LATINA_Y_CARIBE + SOCIOS_EUROPEOS)
TOLERANCIA = 0.02  # degrees: what Douglas-Peucker may drop
DECIMALES = 2


def _arcos(topologia: dict) -> list[list[tuple[float, float]]]:
    """Decode the delta-encoded, quantized arcs into longitude/latitude points."""
    escala_x, escala_y = topologia["transform"]["scale"]
    origen_x, origen_y = topologia["transform"]["translate"]
    arcos = []
    for arco in topologia["arcs"]:
        x = y = 0
        puntos = []
        for dx, dy in arco:
            x += dx
            y += dy
            puntos.append((x * escala_x + origen_x, y * escala_y + origen_y))
        arcos.append(puntos)
    return arcos


def _anillo(indices: list[int], arcos) -> list[tuple[float, float]]:
    puntos: list[tuple[float, float]] = []
    for indice in indices:
        arco = arcos[indice] if indice >= 0 else list(reversed(arcos[~indice]))
        puntos.extend(arco if not puntos else arco[1:])  # consecutive arcs share their end point
    return puntos


def _distancia(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def _simplificar(puntos, tolerancia: float):
    """Douglas-Peucker, iterative (long coastlines would overflow the recursion)."""
    if len(puntos) < 5:
        return puntos
    conservar = [False] * len(puntos)
    conservar[0] = conservar[-1] = True
    pila = [(0, len(puntos) - 1)]
    while pila:
        inicio, fin = pila.pop()
        mayor, indice = 0.0, None
        for i in range(inicio + 1, fin):
            d = _distancia(puntos[i], puntos[inicio], puntos[fin])
            if d > mayor:
                mayor, indice = d, i
        if indice is not None and mayor > tolerancia:
            conservar[indice] = True
            pila += [(inicio, indice), (indice, fin)]
    return [p for p, si in zip(puntos, conservar, strict=True) if si]


def _redondear(anillo) -> list[list[float]] | None:
    """Rounded, without repeated points; None when too little is left to be a ring."""
    salida: list[list[float]] = []
    for x, y in anillo:
        punto = [round(x, DECIMALES), round(y, DECIMALES)]
        if not salida or salida[-1] != punto:
            salida.append(punto)
    if salida[0] != salida[-1]:
        salida.append(salida[0])
    return salida if len(salida) >= 4 else None


def _poligonos(geometria: dict, arcos) -> list[list[list[list[float]]]]:
    grupos = [geometria["arcs"]] if geometria["type"] == "Polygon" else geometria["arcs"]
    poligonos = []
    for anillos in grupos:
        hechos = [_redondear(_simplificar(_anillo(a, arcos), TOLERANCIA)) for a in anillos]
        if hechos[0] is None:  # an islet smaller than the tolerance
            continue
        poligonos.append([h for h in hechos if h is not None])
    return poligonos


def main(entrada: str, salida: str) -> int:
    topologia = json.loads(Path(entrada).read_text())
    arcos = _arcos(topologia)
    por_numero = {numero: alfa2 for alfa2, (_alfa3, numero) in ALT_CODES.items()}
    rasgos = []
    for geometria in topologia["objects"]["countries"]["geometries"]:
        alfa2 = por_numero.get(int(geometria["id"])) if geometria.get("id", "").isdigit() else None
        if alfa2 not in PAISES or geometria["type"] not in ("Polygon", "MultiPolygon"):
            continue
        poligonos = _poligonos(geometria, arcos)
        if not poligonos:
            continue
        rasgos.append(
            {
                "type": "Feature",
                "id": alfa2,
                "properties": {"pais": alfa2},
                "geometry": {"type": "MultiPolygon", "coordinates": poligonos},
            }
        )
    rasgos.sort(key=lambda r: r["id"])
    coleccion = {"type": "FeatureCollection", "features": rasgos}
    Path(salida).write_text(json.dumps(coleccion, separators=(",", ":")) + "\n")
    print(f"{len(rasgos)} países, {Path(salida).stat().st_size} bytes → {salida}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
