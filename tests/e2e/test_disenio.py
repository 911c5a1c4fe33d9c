"""Issue 22's layout in a real browser, at 360×740 and 1280×800, in es, pt and en: the header and
its account menu, the folded header and filters on a phone, the statistics' bars."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TAMANOS = {"movil": (360, 740), "escritorio": (1280, 800)}
IDIOMAS = ["es", "pt", "en"]


def _prefijo(idioma: str) -> str:
    return "" if idioma == "es" else f"/{idioma}"


def _texto(idioma: str, texto: str) -> str:
    with translation.override(idioma):
        return gettext(texto)


@pytest.fixture(params=list(TAMANOS))
def tamano(request) -> str:
    return request.param


def _nueva_pagina(navegador, tamano: str, javascript: bool = True):
    ancho, alto = TAMANOS[tamano]
    movil = tamano == "movil"
    contexto = navegador.new_context(
        viewport={"width": ancho, "height": alto}, is_mobile=movil, has_touch=movil, java_script_enabled=javascript
    )
    pagina = contexto.new_page()
    pagina.errores = []
    pagina.on("console", lambda m: pagina.errores.append(m.text) if m.type == "error" else None)
    pagina.on("pageerror", lambda e: pagina.errores.append(str(e)))
    return pagina


@pytest.fixture
def ventana(navegador, tamano):
    pagina = _nueva_pagina(navegador, tamano)
    yield pagina
    pagina.context.close()


def _entrar(pagina, live_server, client, usuario) -> None:
    client.force_login(usuario)
    cookie = client.cookies["sessionid"]
    pagina.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _abrir_menu_si_es_movil(pagina, tamano: str, idioma: str) -> None:
    boton = pagina.locator(".cabecera__boton-menu")
    if tamano == "movil":
        assert boton.is_visible()
        assert pagina.locator(".nav-principal").is_hidden()  # folded
        boton.click()
    else:
        assert boton.is_hidden()
    assert pagina.locator(".nav-principal").is_visible()


def _en_una_fila(pagina) -> bool:
    tops = pagina.locator(".nav-principal li").evaluate_all("items => items.map(i => i.getBoundingClientRect().top)")
    return len({round(t) for t in tops}) == 1


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_visitor_home_header_offers_sign_in_and_the_site_search(live_server, ventana, tamano, idioma):
    ventana.goto(f"{live_server.url}{_prefijo(idioma)}/")
    assert ventana.evaluate("document.documentElement.scrollWidth") <= TAMANOS[tamano][0]
    buscador = ventana.get_by_role("search", name=_texto(idioma, "Buscar en el portal")).first
    assert buscador.is_visible()  # on phones too: the search box is never folded
    _abrir_menu_si_es_movil(ventana, tamano, idioma)
    if tamano == "escritorio":
        assert _en_una_fila(ventana)
    cabecera = ventana.locator("header.cabecera")
    assert cabecera.get_by_role("link", name=_texto(idioma, "Ingresar"), exact=True).is_visible()
    assert cabecera.get_by_role("link", name=_texto(idioma, "Crear una cuenta"), exact=True).is_visible()
    assert ventana.locator(".menu-cuenta").count() == 0

    ventana.locator("#buscador-sitio").fill("pisco")
    ventana.locator("#buscador-sitio").press("Enter")
    ventana.wait_for_url(f"**{_prefijo(idioma)}/buscar/?q=pisco")
    assert ventana.locator("h1").inner_text() == _texto(idioma, "Buscar en el portal")
    assert ventana.errores == []


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_member_home_header_has_the_account_menu(live_server, ventana, tamano, idioma, client, promotor):
    _entrar(ventana, live_server, client, promotor)
    ventana.goto(f"{live_server.url}{_prefijo(idioma)}/")
    _abrir_menu_si_es_movil(ventana, tamano, idioma)
    assert ventana.locator("header.cabecera").get_by_role("link", name=_texto(idioma, "Ingresar")).count() == 0
    cuenta = ventana.locator(".menu-cuenta")
    cuenta.locator("summary").click()
    for texto in ("Mi perfil", "Mis consorcios", "Mis documentos"):
        assert cuenta.get_by_role("link", name=_texto(idioma, texto), exact=True).is_visible(), texto
    assert cuenta.get_by_role("link", name=_texto(idioma, "Administración")).count() == 0
    salir = cuenta.get_by_role("button", name=_texto(idioma, "Salir"))
    assert salir.is_visible()
    # The menu sits inside the page: nothing overflows sideways.
    caja = cuenta.locator("ul").bounding_box()
    assert caja["x"] >= 0 and caja["x"] + caja["width"] <= TAMANOS[tamano][0]
    if tamano == "escritorio":
        ventana.keyboard.press("Escape")
        assert not cuenta.evaluate("d => d.open")
        cuenta.locator("summary").click()
        ventana.locator("h1").click()  # a click outside closes it
        assert not cuenta.evaluate("d => d.open")
        cuenta.locator("summary").click()
    cuenta.get_by_role("link", name=_texto(idioma, "Mis documentos"), exact=True).click()
    ventana.wait_for_url(f"**{_prefijo(idioma)}/biblioteca/mios/")
    assert ventana.errores == []


def test_without_javascript_the_phone_menu_still_opens_and_its_links_are_reachable(live_server, navegador):
    pagina = _nueva_pagina(navegador, "movil", javascript=False)
    try:
        pagina.goto(f"{live_server.url}/")
        assert pagina.locator(".nav-principal").is_hidden()
        pagina.get_by_text("Menú", exact=True).click()
        enlace = pagina.get_by_role("link", name="Foros", exact=True)
        assert enlace.is_visible()
        enlace.click()
        pagina.wait_for_url("**/foros/")
    finally:
        pagina.context.close()


def test_the_phone_menu_opens_by_keyboard_and_closes_with_escape(live_server, navegador):
    pagina = _nueva_pagina(navegador, "movil")
    try:
        pagina.goto(f"{live_server.url}/en/")
        boton = pagina.locator(".cabecera__boton-menu")
        boton.focus()
        pagina.keyboard.press("Enter")
        assert pagina.get_by_role("link", name="Forums", exact=True).is_visible()
        pagina.keyboard.press("Tab")
        pagina.keyboard.press("Escape")
        assert pagina.locator(".nav-principal").is_hidden()
        assert boton.evaluate("b => b === document.activeElement")
    finally:
        pagina.context.close()


def _registro() -> None:
    sembrar_sectores()
    for i, (pais, tipo) in enumerate([("PE", "exportacion"), ("PE", "origen"), ("EC", "exportacion")] * 3):
        crear_consorcio(
            nombre=f"Consorcio {pais} {i}",
            pais=pais,
            tipo=tipo,
            subtipo="promocional" if tipo == "exportacion" else "",
            producto_tradicional="Pisco" if tipo == "origen" else "",
            anio_fundacion=2000 + i,
            estado=Consorcio.Estado.PUBLICADO,
        )


@pytest.mark.parametrize("idioma", IDIOMAS)
@pytest.mark.parametrize("ruta", ["/consorcios/", "/consorcios/mapa/"])
def test_phone_filters_fold_under_a_button_with_the_active_count(live_server, navegador, settings, idioma, ruta):
    settings.MAP_TILES_URL = ""  # offline
    _registro()
    pagina = _nueva_pagina(navegador, "movil")
    try:
        pagina.goto(f"{live_server.url}{_prefijo(idioma)}{ruta}?pais=PE&tipo=exportacion")
        boton = pagina.locator(".filtros-plegables > summary")
        with translation.override(idioma):
            cuenta = ngettext("%(n)s activo", "%(n)s activos", 2) % {"n": 2}
        assert boton.inner_text().startswith(_texto(idioma, "Filtrar"))
        assert cuenta in boton.inner_text()
        assert pagina.locator("#id_pais").is_hidden()
        # The results (or the map) start within the first screen, above the fold.
        primero = pagina.locator(".lista-consorcios .tarjeta, #mapa-consorcios").first
        assert primero.bounding_box()["y"] < 740
        boton.click()
        assert pagina.locator("#id_pais").is_visible()
        assert pagina.locator("#id_pais").input_value() == "PE"
        assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
        assert pagina.errores == []
    finally:
        pagina.context.close()


def test_desktop_map_comes_first_with_the_filters_beside_it(live_server, navegador, settings):
    settings.MAP_TILES_URL = ""
    _registro()
    pagina = _nueva_pagina(navegador, "escritorio")
    try:
        pagina.goto(f"{live_server.url}/consorcios/mapa/")
        mapa = pagina.locator("#mapa-consorcios").bounding_box()
        filtros = pagina.locator("form.filtros").bounding_box()
        assert pagina.locator("#id_pais").is_visible()  # not folded on a wide screen
        assert mapa["x"] < filtros["x"]  # map on the left, filters beside it
        assert abs(mapa["y"] - filtros["y"]) < 40
        assert mapa["y"] < 800
    finally:
        pagina.context.close()


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_statistics_bars_are_drawn_and_labels_fit(live_server, ventana, tamano, idioma):
    _registro()
    ventana.goto(f"{live_server.url}{_prefijo(idioma)}/consorcios/estadisticas/")
    barras = ventana.locator("svg rect.grafico__barra")
    assert barras.count() >= 5
    for ancho in barras.evaluate_all("rs => rs.map(r => r.getAttribute('width'))"):
        assert re.fullmatch(r"\d+(\.\d+)?", ancho) and float(ancho) > 0, ancho
    # Drawn: each bar has a real size on the screen.
    assert all(
        caja["width"] > 0 for caja in barras.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().toJSON())")
    )
    # No label is clipped: each one fits its line, inside its chart.
    for grafico in ventana.locator(".grafico-barras").all():
        derecha = grafico.bounding_box()["x"] + grafico.bounding_box()["width"]
        for etiqueta in grafico.locator(".grafico-barras__etiqueta").all():
            assert etiqueta.evaluate("e => e.scrollWidth <= e.clientWidth"), etiqueta.inner_text()
            caja = etiqueta.bounding_box()
            assert caja["x"] + caja["width"] <= derecha + 1
    assert ventana.evaluate("document.documentElement.scrollWidth") <= TAMANOS[tamano][0]


def test_my_consortia_stack_as_cards_on_a_phone(live_server, navegador, client, promotor):
    for i in range(3):
        crear_consorcio(promotor, nombre=f"Consorcio de Artesanías Andinas número {i}")
    pagina = _nueva_pagina(navegador, "movil")
    try:
        _entrar(pagina, live_server, client, promotor)
        pagina.goto(f"{live_server.url}/consorcios/mios/")
        assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
        editar = pagina.get_by_role("link", name="Editar").first
        assert editar.is_visible()
        caja = editar.bounding_box()
        assert caja["x"] + caja["width"] <= 360 and caja["height"] >= 24  # a real touch target
        assert pagina.locator(".tabla-acciones thead").bounding_box()["height"] <= 1
    finally:
        pagina.context.close()
