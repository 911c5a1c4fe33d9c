"""A researcher on a phone filters the registry and downloads the filtered list as CSV.

The list-to-map part of the journey (same filters, same markers) is in test_consorcios_descubrir.py;
the rest of the researcher's journey (a law found without accents, downloaded) in test_recorridos.py."""

import csv
import io

import pytest

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLICADO = Consorcio.Estado.PUBLICADO


def _sembrar(promotor) -> set[str]:
    """Two origin consortia in Peru (the expected result), and three that the filters leave out."""
    sembrar_sectores()
    crear_consorcio(promotor, nombre="Consorcio Pisco de Ica", tipo="origen", pais="PE", estado=PUBLICADO)
    crear_consorcio(promotor, nombre="Consorcio Café de Villa Rica", tipo="origen", pais="PE", estado=PUBLICADO)
    crear_consorcio(promotor, nombre="Consorcio Alpaca del Sur", tipo="exportacion", pais="PE", estado=PUBLICADO)
    crear_consorcio(promotor, nombre="Consorcio Montecristi", tipo="origen", pais="EC", estado=PUBLICADO)
    crear_consorcio(promotor, nombre="Consorcio pendiente", tipo="origen", pais="PE")
    return {"Consorcio Pisco de Ica", "Consorcio Café de Villa Rica"}


def _filtrar_peru_origen(pagina, url_base: str) -> None:
    pagina.goto(f"{url_base}/consorcios/")
    filtrar = pagina.locator(".filtros-plegables > summary")
    if filtrar.is_visible():  # folded on phones
        filtrar.click()
    pagina.get_by_label("País", exact=True).select_option("PE")
    pagina.get_by_label("Tipo", exact=True).select_option("origen")
    pagina.locator("main form").first.locator("button[type=submit]").click()
    pagina.wait_for_url(lambda url: "pais=PE" in url and "tipo=origen" in url)


def test_researcher_downloads_the_filtered_list_as_csv(live_server, navegador, promotor):
    esperados = _sembrar(promotor)
    contexto = navegador.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, accept_downloads=True)
    try:
        pagina = contexto.new_page()
        _filtrar_peru_origen(pagina, live_server.url)
        # Announced in <head> for the current filters, and linked from the page.
        href = pagina.locator("head link[rel=alternate][type='text/csv']").get_attribute("href")
        assert "pais=PE" in href and "tipo=origen" in href
        with pagina.expect_download() as descarga:
            pagina.locator(f"main a[href='{href}']").click()
        assert descarga.value.suggested_filename.endswith(".csv")
        with open(descarga.value.path(), encoding="utf-8-sig") as archivo:
            filas = list(csv.DictReader(io.StringIO(archivo.read())))
        assert {fila["nombre"] for fila in filas} == esperados
    finally:
        contexto.close()
