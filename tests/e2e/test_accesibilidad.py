"""axe-core on every page type, in every language: no serious or critical violations.

Maps run with their tiles on (the default tile server's address, answered by the browser with a
plain tile, since the tests run offline), so the tile layer's attribution is checked too."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGINAS = [
    "/",
    "/acerca/",
    "/privacidad/",
    "/cuentas/login/",
    "/cuentas/signup/",
    "/boletin/",
    "/boletin/suscribirse/",
    "/red/unete/",
]


def _teselas(pagina) -> None:
    """Every map tile request is answered with a light grey 256 px tile."""
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), "#e8eef2").save(buffer, "PNG")
    tesela = buffer.getvalue()
    pagina.route("https://tile.openstreetmap.org/**", lambda ruta: ruta.fulfill(body=tesela, content_type="image/png"))


# Lists, maps, searches and forms, with content (the demo data) and with the filters they take.
PAGINAS_CON_DATOS = [
    "/consorcios/",
    "/consorcios/?pais=PE&q=cacao",
    "/consorcios/mapa/",
    "/consorcios/estadisticas/",
    "/biblioteca/",
    "/biblioteca/?q=consorcios+de+origen",
    "/biblioteca/noticias/",
    "/biblioteca/eventos/",
    "/biblioteca/legislacion/",
    "/foros/",
    "/foros/buscar/?q=consorcio",
    "/buscar/?q=pisco",
    "/buscar/",
    "/oportunidades/",
    "/oportunidades/?tipo=busca_socio&q=tequila",
    "/red/instituciones/",
    "/red/promotores/",
    "/red/unete/",
]
PAGINAS_DE_MIEMBRO = [
    "/consorcios/registrar/",
    "/consorcios/mios/",
    "/biblioteca/subir/",
    "/biblioteca/mios/",
    "/oportunidades/publicar/",
    "/oportunidades/mias/",
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

    _teselas(pagina)
    problemas = {}
    for tipo, ruta in cargar_paginas_con_argumentos().items():
        for idioma in ["es", "pt", "en"]:
            pagina.goto(f"{live_server.url}{en_idioma(ruta, idioma)}")
            assert pagina.locator("h1").count() == 1, (tipo, idioma)
            if graves := _violaciones_graves(pagina):
                problemas[f"{tipo} ({idioma})"] = graves
    assert problemas == {}
    assert pagina.errores_consola == []


@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
def test_lists_maps_searches_and_members_forms_have_no_serious_violations(
    live_server, navegador, idioma, client, promotor
):
    """Every list, map and search page with the demo data, and the members' forms (empty, then
    sent empty so the error summary shows), at 1280 and 360 px, with the maps' tiles on."""
    from django.core.management import call_command

    from tests.paginas import en_idioma

    call_command("cargar_demo", verbosity=0)
    client.force_login(promotor)
    sesion = client.cookies["sessionid"].value
    problemas = {}
    for ancho, alto in [(1280, 800), (360, 740)]:
        contexto = navegador.new_context(viewport={"width": ancho, "height": alto})
        pagina = contexto.new_page()
        _teselas(pagina)
        for ruta in PAGINAS_CON_DATOS:
            pagina.goto(f"{live_server.url}{en_idioma(ruta, idioma)}")
            if graves := _violaciones_graves(pagina):
                problemas[f"{ruta} {ancho}px"] = graves
        contexto.add_cookies([{"name": "sessionid", "value": sesion, "url": live_server.url}])
        for ruta in PAGINAS_DE_MIEMBRO:
            pagina.goto(f"{live_server.url}{en_idioma(ruta, idioma)}")
            if graves := _violaciones_graves(pagina):
                problemas[f"{ruta} {ancho}px"] = graves
            enviar = pagina.locator("main form[method=post] [type=submit]").last
            if ruta.endswith(("registrar/", "subir/")) and enviar.count():
                enviar.click()
                pagina.wait_for_load_state()
                if graves := _violaciones_graves(pagina):
                    problemas[f"{ruta} {ancho}px (errores)"] = graves
        contexto.close()
    assert problemas == {}
