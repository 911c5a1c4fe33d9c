"""Numbers written for machines (SVG lengths, data- attributes, GeoJSON, CSV, JSON) read the same in
every language: never the locale's decimal comma or thousands separator."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from consorcios.models import Consorcio, IndicadorAnual
from tests.consorcios.conftest import crear_consorcio

IDIOMAS = ["", "/pt", "/en"]
ATRIBUTOS_SVG = re.compile(r'\s(x|y|x1|x2|y1|y2|width|height)="([^"]*)"')
VIEWBOX = re.compile(r'viewBox="([^"]*)"')


@pytest.fixture
def consorcio(db):
    consorcio = crear_consorcio(
        nombre="Consorcio Pisco del Sur",
        pais="PE",
        latitud=Decimal("-14.065321"),
        longitud=Decimal("-75.728612"),
        anio_fundacion=2007,
        estado=Consorcio.Estado.PUBLICADO,
    )
    IndicadorAnual.objects.bulk_create(
        IndicadorAnual(consorcio=consorcio, anio=2009 + i, empleos=7 * i + 3, exportaciones_usd=1234567 * (i + 1))
        for i in range(3)
    )
    for i in range(4):
        crear_consorcio(nombre=f"Consorcio {i}", pais="EC", anio_fundacion=1999 + i, estado=Consorcio.Estado.PUBLICADO)
    return consorcio


def numeros_del_svg(html: str) -> list[float]:
    """Every length of every <svg> of the page, as numbers (a comma would not parse)."""
    numeros = []
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        numeros += [float(valor) for _nombre, valor in ATRIBUTOS_SVG.findall(svg)]
        for caja in VIEWBOX.findall(svg):
            numeros += [float(n) for n in caja.split()]
    return numeros


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_statistics_bars_have_numeric_lengths_in_every_language(consorcio, idioma):
    html = Client().get(f"{idioma}/consorcios/estadisticas/").content.decode()
    anchos = [float(a) for a in re.findall(r'<rect[^>]*\swidth="([^"]*)"', html)]
    assert anchos and all(ancho > 0 for ancho in anchos)
    assert numeros_del_svg(html)


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_a_profiles_chart_and_map_point_are_numbers_in_every_language(consorcio, idioma):
    with translation.override("es"):
        ruta = consorcio.get_absolute_url()
    html = Client().get(f"{idioma}{ruta}").content.decode()
    assert len(re.findall(r"<rect", html)) == 3
    assert numeros_del_svg(html)
    latitud = float(re.search(r'data-latitud="([^"]*)"', html).group(1))
    longitud = float(re.search(r'data-longitud="([^"]*)"', html).group(1))
    assert (latitud, longitud) == (-14.065321, -75.728612)


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_downloads_carry_plain_numbers_in_every_language(consorcio, idioma):
    cliente = Client()
    rasgos = json.loads(cliente.get(f"{idioma}/consorcios/mapa.geojson").content)["features"]
    assert all(isinstance(n, float | int) for r in rasgos for n in r["geometry"]["coordinates"])
    texto = cliente.get(f"{idioma}/consorcios/consorcios.csv").content.decode("utf-8-sig")
    for fila in csv.DictReader(io.StringIO(texto)):
        float(fila["latitud"]), float(fila["longitud"]), int(fila["anio_fundacion"])
    total = re.search(r'data-total="([^"]*)"', cliente.get(f"{idioma}/consorcios/").content.decode()).group(1)
    assert int(total) == 5
