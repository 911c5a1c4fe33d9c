"""axe-core on every page type, in every language: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGINAS = [
    "/",
    "/acerca/",
    "/privacidad/",
    "/cuentas/login/",
    "/cuentas/signup/",
    "/boletin/",
    "/boletin/suscribirse/",
]


def _violaciones_graves(pagina) -> list[str]:
    resultado = Axe().run(pagina)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in resultado.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("idioma", ["", "/pt", "/en"])
def test_pages_have_no_serious_accessibility_violations(live_server, pagina, idioma):
    problemas = {}
    for ruta in PAGINAS:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        if graves := _violaciones_graves(pagina):
            problemas[ruta] = graves
    assert problemas == {}


def test_profile_form_has_no_serious_violations_on_a_phone(live_server, pagina_movil, miembro, client):
    client.force_login(miembro)
    cookie = client.cookies["sessionid"]
    pagina_movil.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    pagina_movil.goto(f"{live_server.url}/miembros/perfil/")
    assert pagina_movil.locator("h1").inner_text() == "Mi perfil"
    assert _violaciones_graves(pagina_movil) == []


def test_pages_with_arguments_have_no_serious_accessibility_violations(live_server, pagina, settings):
    """A consortium, a document, a news item, an event, a forum, a topic and a boletín issue (demo data),
    in Spanish, Portuguese and English (one test: the demo data is loaded once)."""
    from tests.paginas import cargar_paginas_con_argumentos, en_idioma

    settings.MAP_TILES_URL = ""  # offline: no tile requests
    problemas = {}
    for tipo, ruta in cargar_paginas_con_argumentos().items():
        for idioma in ["es", "pt", "en"]:
            pagina.goto(f"{live_server.url}{en_idioma(ruta, idioma)}")
            assert pagina.locator("h1").count() == 1, (tipo, idioma)
            if graves := _violaciones_graves(pagina):
                problemas[f"{tipo} ({idioma})"] = graves
    assert problemas == {}
    assert pagina.errores_consola == []
