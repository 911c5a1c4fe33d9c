"""axe-core on the registry's pages: no serious or critical violations, desktop and phone."""

import pytest

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores
from tests.e2e.test_accesibilidad import _violaciones_graves

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _entrar(pagina, live_server, client, usuario) -> None:
    client.force_login(usuario)
    cookie = client.cookies["sessionid"]
    pagina.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("idioma", ["", "/en"])
def test_registry_pages_have_no_serious_accessibility_violations(
    live_server, pagina, promotor, client, settings, idioma
):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    consorcio = crear_consorcio(
        promotor,
        estado=Consorcio.Estado.PUBLICADO,
        slug="pisco",
        videos=["https://vimeo.com/1234567"],
        publicar_contacto=True,
        correo_contacto="c@pisco.example.org",
    )
    fallidas = []
    pagina.on("response", lambda r: fallidas.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    problemas = {}
    for ruta in ["/consorcios/", "/consorcios/mapa/", f"/consorcios/{consorcio.slug}/"]:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        if graves := _violaciones_graves(pagina):
            problemas[ruta] = graves
    _entrar(pagina, live_server, client, promotor)
    for ruta in ["/consorcios/registrar/", "/consorcios/mios/", f"/consorcios/{consorcio.slug}/editar/"]:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        if graves := _violaciones_graves(pagina):
            problemas[ruta] = graves
    assert problemas == {}
    assert fallidas == []


def test_registration_form_fits_a_phone(live_server, pagina_movil, promotor, client, settings):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    _entrar(pagina_movil, live_server, client, promotor)
    pagina_movil.goto(f"{live_server.url}/consorcios/registrar/")
    assert pagina_movil.evaluate("document.documentElement.scrollWidth") <= 360
    assert _violaciones_graves(pagina_movil) == []
