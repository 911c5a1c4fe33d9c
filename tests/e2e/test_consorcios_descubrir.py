"""A researcher filters the registry, switches to the map (same consortia), clears the filters; SELA embeds the map."""

import http.server
import re
import threading
from decimal import Decimal

import pytest

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PUBLICADO = Consorcio.Estado.PUBLICADO


def _registro() -> None:
    sembrar_sectores()
    lugares = [
        ("Café del Cusco", "PE", Consorcio.Tipo.EXPORTACION, "-13.531950", "-71.967463"),
        ("Textiles de Lima", "PE", Consorcio.Tipo.EXPORTACION, "-12.046374", "-77.042793"),
        ("Pisco del Perú", "PE", Consorcio.Tipo.ORIGEN, "-13.709782", "-76.203247"),
        ("Nativa Ecuador", "EC", Consorcio.Tipo.EXPORTACION, "-0.180653", "-78.467834"),
        ("Sombreros de Montecristi", "EC", Consorcio.Tipo.ORIGEN, "-1.045833", "-80.658333"),
    ]
    for nombre, pais, tipo, latitud, longitud in lugares:
        crear_consorcio(
            nombre=nombre,
            pais=pais,
            tipo=tipo,
            subtipo="promocional" if tipo == Consorcio.Tipo.EXPORTACION else "",
            producto_tradicional="Producto" if tipo == Consorcio.Tipo.ORIGEN else "",
            latitud=Decimal(latitud),
            longitud=Decimal(longitud),
            estado=PUBLICADO,
        )
    crear_consorcio(nombre="Pendiente del Perú", pais="PE")


def _marcadores(pagina) -> int:
    """Single markers plus the numbers on the clusters."""
    sueltos = pagina.locator("#mapa-consorcios .leaflet-marker-icon.marcador-icono").count()
    grupos = [int(t) for t in pagina.locator("#mapa-consorcios .marker-cluster span").all_inner_texts()]
    return sueltos + sum(grupos)


def test_filtered_list_and_map_show_the_same_consortia(live_server, pagina, settings):
    settings.MAP_TILES_URL = ""  # offline
    _registro()
    fallos = []
    pagina.on("pageerror", lambda error: fallos.append(error))
    pagina.goto(live_server.url + "/consorcios/")
    assert pagina.locator(".lista-consorcios .tarjeta").count() == 5
    pagina.select_option("#id_pais", "PE")
    pagina.select_option("#id_tipo", "exportacion")
    pagina.get_by_role("button", name="Filtrar").click()
    pagina.wait_for_url("**/consorcios/?*pais=PE*")
    en_lista = sorted(pagina.locator(".lista-consorcios .tarjeta h2").all_inner_texts())
    assert en_lista == ["Café del Cusco", "Textiles de Lima"]

    with pagina.expect_response(lambda r: "/consorcios/mapa.geojson" in r.url) as respuesta:
        pagina.locator("a[data-enlace=mapa]").first.click()
    pagina.wait_for_url("**/consorcios/mapa/?*pais=PE*")
    datos = respuesta.value.json()
    esperados = Consorcio.objects.filter(nombre__in=en_lista).values_list("pk", flat=True)
    assert sorted(f["id"] for f in datos["features"]) == sorted(esperados)
    pagina.wait_for_selector("#mapa-consorcios.mapa--listo")
    assert pagina.get_attribute("#mapa-consorcios", "data-marcadores") == "2"
    assert _marcadores(pagina) == 2
    # The filters came along in the form too.
    assert pagina.input_value("#id_pais") == "PE"
    # Markers are named by their kind; a popup loads its text when it opens, once.
    marcador = pagina.locator("#mapa-consorcios .leaflet-marker-icon.marcador-icono").first
    assert marcador.get_attribute("title") == "Consorcio de exportación"
    fichas = []
    pagina.on("request", lambda r: fichas.append(r.url) if re.search(r"/consorcios/mapa/\d+\.json$", r.url) else None)
    marcador.click()
    popup = pagina.locator(".leaflet-popup-content")
    enlace = popup.get_by_role("link", name="Ver el consorcio")
    enlace.wait_for()
    texto = popup.inner_text()
    [nombre] = [n for n in en_lista if n in texto]
    assert "Consorcio de exportación" in texto and "Perú" in texto
    consorcio = Consorcio.objects.get(nombre=nombre)
    assert enlace.get_attribute("href") == f"/consorcios/{consorcio.slug}/"
    assert fichas == [f"{live_server.url}/consorcios/mapa/{consorcio.pk}.json"]
    pagina.locator(".leaflet-popup-close-button").click()
    popup.wait_for(state="detached")
    marcador.click()
    popup.get_by_role("link", name="Ver el consorcio").wait_for()
    assert len(fichas) == 1  # kept on the marker

    # Back to the list by the accessible alternative, then clear the filters: all five again.
    pagina.get_by_role("link", name="Ver la misma información como lista").click()
    pagina.wait_for_url("**/consorcios/?*pais=PE*")
    pagina.get_by_role("link", name="Quitar los filtros").click()
    pagina.wait_for_url(live_server.url + "/consorcios/")
    assert pagina.locator(".lista-consorcios .tarjeta").count() == 5
    pagina.locator("a[data-enlace=mapa]").first.click()
    pagina.wait_for_selector("#mapa-consorcios.mapa--listo")
    assert pagina.get_attribute("#mapa-consorcios", "data-marcadores") == "5"
    assert _marcadores(pagina) == 5
    assert pagina.errores_consola == [] and fallos == []


def test_a_popup_whose_text_cannot_load_says_so_and_tries_again(live_server, pagina, settings):
    settings.MAP_TILES_URL = ""
    _registro()
    fallar = {"si": True}

    def ficha(ruta):
        if fallar["si"]:
            ruta.fulfill(status=503, body="")
        else:
            ruta.continue_()

    pagina.route(re.compile(r".*/consorcios/mapa/\d+\.json$"), ficha)
    pagina.goto(live_server.url + "/consorcios/mapa/?pais=EC&tipo=origen")
    pagina.wait_for_selector("#mapa-consorcios[data-marcadores='1']")
    marcador = pagina.locator("#mapa-consorcios .leaflet-marker-icon.marcador-icono")
    assert marcador.get_attribute("title") == "Consorcio de origen"
    marcador.click()
    popup = pagina.locator(".leaflet-popup-content")
    popup.get_by_text("No se pudieron cargar los datos de este consorcio.", exact=False).wait_for()
    # A failure is not kept: the next opening asks again.
    fallar["si"] = False
    pagina.locator(".leaflet-popup-close-button").click()
    popup.wait_for(state="detached")
    marcador.click()
    popup.get_by_role("link", name="Ver el consorcio").wait_for()
    assert "Sombreros de Montecristi" in popup.inner_text()


@pytest.fixture
def sitio_ajeno():
    """Another origin ("SELA's site") on the loopback, serving a page that frames a given address.

    A real local server: Chromium blocks pages it considers public (such as routed ones) from
    framing local addresses.
    """
    marco = {"src": ""}

    class Pagina(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            cuerpo = (
                f'<!doctype html><title>SELA</title><iframe src="{marco["src"]}" width="800" height="500"></iframe>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(cuerpo)))
            self.end_headers()
            self.wfile.write(cuerpo)

        def log_message(self, *args):
            pass

    servidor = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pagina)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield marco, f"http://127.0.0.1:{servidor.server_address[1]}/"
    servidor.shutdown()
    servidor.server_close()


def test_another_site_embeds_the_map_in_an_iframe(live_server, pagina, settings, sitio_ajeno):
    settings.MAP_TILES_URL = ""
    _registro()
    marco, url_ajena = sitio_ajeno
    marco["src"] = f"{live_server.url}/consorcios/mapa/embed/?pais=EC"
    pagina.goto(url_ajena)
    incrustado = pagina.frame_locator("iframe")
    incrustado.locator("#mapa-consorcios.mapa--listo").wait_for()
    assert incrustado.locator("#mapa-consorcios").get_attribute("data-marcadores") == "2"
    assert incrustado.locator("nav").count() == 0
    assert pagina.errores_consola == []


@pytest.mark.parametrize("idioma", ["", "/pt"])
def test_discovery_pages_are_accessible_and_fit_a_phone(live_server, pagina, pagina_movil, settings, idioma):
    from tests.e2e.test_accesibilidad import _violaciones_graves

    settings.MAP_TILES_URL = ""
    _registro()
    rutas = [
        "/consorcios/?pais=PE",
        "/consorcios/mapa/?tipo=origen",
        "/consorcios/estadisticas/",
        "/consorcios/mapa/embed/",
    ]
    problemas = {}
    for ruta in rutas:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        if graves := _violaciones_graves(pagina):
            problemas[ruta] = graves
        pagina_movil.goto(f"{live_server.url}{idioma}{ruta}")
        assert pagina_movil.evaluate("document.documentElement.scrollWidth") <= 360, ruta
    assert problemas == {}
