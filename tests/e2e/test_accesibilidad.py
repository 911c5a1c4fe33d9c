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
