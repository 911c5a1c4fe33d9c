"""A promoter's failed then successful registration, in each language, on a phone and a desktop:
the error summary takes the focus, its links lead to the fields, the place search and the shipped
country outlines work without a tile server."""

import pytest

from consorcios.models import Consorcio
from tests.conftest import PASSWORD
from tests.consorcios.conftest import sembrar_sectores

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITULOS = {"es": "Error: ", "pt": "Erro: ", "en": "Error: "}
PROBLEMA = {"es": "Hay un problema", "pt": "Há um problema", "en": "There is a problem"}
PREFIJOS = {"es": "", "pt": "/pt", "en": "/en"}


@pytest.mark.parametrize("ancho", [360, 1280])
@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
def test_promoter_fails_then_registers_guided_by_the_error_summary(
    live_server, request, promotor, settings, idioma, ancho
):
    settings.MAP_TILES_URL = ""  # offline: the shipped outlines are the only map there is
    sembrar_sectores()
    pagina = request.getfixturevalue("pagina_movil" if ancho == 360 else "pagina")
    base = live_server.url + PREFIJOS[idioma]

    pagina.goto(live_server.url + "/cuentas/login/")
    pagina.fill("input[name=login]", promotor.email)
    pagina.fill("input[name=password]", PASSWORD)
    pagina.locator("main form button[type=submit]").last.click()
    pagina.wait_for_load_state()

    pagina.goto(base + "/consorcios/registrar/")
    assert pagina.locator(".indice-secciones li").count() == 6
    pagina.fill("#id_productos", "Sombreros de paja toquilla")
    pagina.locator("form.formulario-consorcio button[type=submit]").click()
    pagina.wait_for_load_state()

    # The summary: first, focused, in the page's language, "Error:" in the title.
    assert pagina.title().startswith(TITULOS[idioma])
    pagina.wait_for_function("document.activeElement && document.activeElement.matches('.resumen-errores')")
    resumen = pagina.locator(".resumen-errores")
    assert PROBLEMA[idioma] in resumen.inner_text()
    assert resumen.bounding_box()["y"] < pagina.locator("h1").bounding_box()["y"]
    assert pagina.input_value("#id_productos") == "Sombreros de paja toquilla"  # kept
    resumen.locator("a[href='#id_nombre']").click()
    pagina.wait_for_function("document.activeElement && document.activeElement.id === 'id_nombre'")

    # Now right: the place search fills the coordinates; the outlines are drawn without tiles.
    pagina.fill("#id_nombre", "Consorcio Toquilla de Montecristi")
    pagina.select_option("#id_tipo", "origen")
    pagina.fill("#id_producto_tradicional", "Sombrero de paja toquilla")
    pagina.locator("input[name=sectores]").first.check()
    pagina.fill("#id_descripcion", "Tejedoras de Montecristi que exportan juntas.")
    pagina.select_option("#id_pais", "EC")
    pagina.wait_for_selector("#selector-mapa .leaflet-contornos-pane canvas", state="attached")
    pagina.fill("#buscar-lugar", "Montecristi")
    pagina.locator(".buscador-lugares button").click()
    assert float(pagina.input_value("#id_latitud")) == pytest.approx(-1.0458, abs=1e-3)
    assert float(pagina.input_value("#id_longitud")) == pytest.approx(-80.6586, abs=1e-3)
    pagina.locator("form.formulario-consorcio button[type=submit]").click()
    pagina.wait_for_load_state()
    pagina.wait_for_url("**/consorcios/mios/")
    assert not pagina.title().startswith(TITULOS[idioma])
    consorcio = Consorcio.objects.get()
    assert consorcio.nombre == "Consorcio Toquilla de Montecristi"
    assert consorcio.producto_tradicional == "Sombrero de paja toquilla"
