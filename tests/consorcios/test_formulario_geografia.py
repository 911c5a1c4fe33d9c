"""The shipped country outlines: small, covering the region, and the country of a point from them."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from consorcios.geografia import CONTORNOS, pais_del_punto


def test_outlines_are_shipped_small_with_their_licence():
    ruta = Path(finders.find(CONTORNOS))
    assert ruta.stat().st_size < 150_000
    assert (ruta.parent / "LICENSE-world-atlas").exists() and (ruta.parent / "README.md").exists()


@pytest.mark.parametrize(
    ("latitud", "longitud", "pais"),
    [
        (-0.1807, -78.4678, "EC"),  # Quito
        (-1.0458, -80.6586, "EC"),  # Montecristi
        (4.7110, -74.0721, "CO"),  # Bogotá
        (-12.0464, -77.0428, "PE"),  # Lima
        (-23.5505, -46.6333, "BR"),  # São Paulo
        (20.8820, -103.8370, "MX"),  # Tequila
        (46.5839, 7.0821, "CH"),  # Gruyères
        (43.7696, 11.2558, "IT"),  # Florence
        (0.0, -30.0, None),  # the Atlantic
        (40.0, -100.0, None),  # not among the outlines
    ],
)
def test_the_country_of_a_point(latitud, longitud, pais):
    assert pais_del_punto(latitud, longitud) == pais
