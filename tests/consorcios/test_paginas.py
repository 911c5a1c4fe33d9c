"""Public pages: detail, list, map, GeoJSON, home hook; query counts constant in the rows."""

import datetime
import json
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from consorcios.filters import filtrar
from consorcios.models import Actividad, Consorcio, EmpresaMiembro, IndicadorAnual, Sector
from miembros.models import Institucion

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db
INICIO = datetime.date(2012, 1, 1)


def _poblar(consorcio: Consorcio, n: int) -> None:
    sector = Sector.objects.get(slug="apicultura")
    EmpresaMiembro.objects.bulk_create(
        EmpresaMiembro(consorcio=consorcio, nombre=f"Empresa {i}", sector=sector, empleados=i) for i in range(n)
    )
    Actividad.objects.bulk_create(
        Actividad(
            consorcio=consorcio, fecha=datetime.date(2012, 1, 1) + datetime.timedelta(days=i), titulo=f"Feria {i}"
        )
        for i in range(n)
    )
    IndicadorAnual.objects.bulk_create(
        IndicadorAnual(consorcio=consorcio, anio=1950 + i, empleos=i, exportaciones_usd=i * 1000)
        for i in range(min(n, 40))
    )
    consorcio.sectores.add(sector)
    consorcio.instituciones_promotoras.add(Institucion.objects.create(nombre=f"Institución {n}", tipo="agencia"))


@pytest.mark.parametrize("n", [2, 200])
def test_detail_query_count_does_not_grow_with_firms_and_activities(client, promotor, n, django_assert_num_queries):
    consorcio = crear_consorcio(promotor, estado=Consorcio.Estado.PUBLICADO, slug="detalle")
    _poblar(consorcio, n)
    # consortium + sectors + institutions + firms (with their sector) + yearly figures + activities
    # + its "actividad" (red_consorcio: the news, events, documents and topics about it, newest first;
    # the activities already read) + the news and events about it + the library's documents about it
    # + the forum topics about it + its cooperation opportunities
    with django_assert_num_queries(15):
        respuesta = client.get("/consorcios/detalle/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert html.count("<h1") == 1
    # Every list is there, in its order, with its types: names, the firms' sector, dates, numbers.
    ultima = n - 1
    assert f"<td>Empresa {ultima}</td>" in html.replace("\n", "")
    assert html.count("<td>Apicultura</td>") == n
    assert f"Feria {ultima}" in html and html.index(f"Feria {ultima}") < html.index("Feria 0")  # newest first
    assert '<time datetime="2012-01-01">' in html
    assert f"Institución {n}" in html and "Apicultura</li>" in html
    assert '<th scope="row">1950</th>' in html


def test_detail_shows_everything_public_but_contact_only_to_members(client, miembro, settings):
    settings.MAP_TILES_URL = ""
    consorcio = crear_consorcio(
        estado=Consorcio.Estado.PUBLICADO,
        slug="gypsophila",
        tipo=Consorcio.Tipo.ORIGEN,
        subtipo="",
        producto_tradicional="Gypsophila",
        signo_distintivo=Consorcio.Signo.MARCA_COLECTIVA,
        nombre_signo="Ecuadorian GyP",
        estado_signo=Consorcio.EstadoSigno.SOLICITADO,
        paises_involucrados=["PE"],
        correo_contacto="contacto@gyp.example.org",
        publicar_contacto=True,
        videos=["https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/123456"],
    )
    _poblar(consorcio, 3)
    html = client.get(consorcio.get_absolute_url()).content.decode()
    assert "Ecuador" in html and "Perú" in html  # every country involved
    assert "Marca colectiva" in html and "Ecuadorian GyP" in html
    assert "Empresa 2" in html and "Feria 2" in html
    assert "<svg" in html and "grafico__barra" in html
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert "https://player.vimeo.com/video/123456" in html
    assert 'data-latitud="-0.180653"' in html
    assert "contacto@gyp.example.org" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "<script>" not in html and "style=" not in html

    client.force_login(miembro)
    assert "contacto@gyp.example.org" in client.get(consorcio.get_absolute_url()).content.decode()


def test_contact_stays_hidden_without_consent(client, miembro):
    consorcio = crear_consorcio(estado=Consorcio.Estado.PUBLICADO, correo_contacto="c@x.example.org")
    client.force_login(miembro)
    assert "c@x.example.org" not in client.get(consorcio.get_absolute_url()).content.decode()


@pytest.mark.parametrize("n", [3, 60])
def test_list_shows_only_published_with_constant_queries(
    client, n, settings, django_assert_num_queries, django_assert_max_num_queries
):
    sector = Sector.objects.get(slug="flores")
    for i in range(n):
        crear_consorcio(nombre=f"Publicado {i:03d}", estado=Consorcio.Estado.PUBLICADO).sectores.add(sector)
    crear_consorcio(nombre="Oculto pendiente")
    # count for the paginator + the page's rows with their sectors' keys, and (cache cold) the
    # filter choices: countries, markets, institutions and sectors in use, and the registry's
    # open-data licence (its JSON-LD Dataset)
    with django_assert_num_queries(7):
        respuesta = client.get("/consorcios/")
    html = respuesta.content.decode()
    assert "Publicado 000" in html and "Oculto pendiente" not in html
    assert '<ul class="etiquetas"><li>Flores</li></ul>' in html
    # The same page again past the page cache: the count, the choices, the panel and the page of
    # cards are kept until the registry changes, so no row is read.
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    with django_assert_num_queries(0):
        assert Client().get("/consorcios/").content == respuesta.content
    # Another order: the same count (kept), and that page's rows.
    with django_assert_num_queries(1):
        primera = client.get("/consorcios/?orden=recientes&page=1")
    # In the order of the query itself.
    esperados = list(filtrar(QueryDict("orden=recientes")).qs.values_list("nombre", flat=True)[:24])
    assert [consorcio.nombre for consorcio in primera.context["consorcios"]] == esperados
    assert html.count("<h1") == 1
    assert "csrfmiddlewaretoken" not in html


def test_list_paginates(client):
    for i in range(30):
        crear_consorcio(nombre=f"Publicado {i:03d}", estado=Consorcio.Estado.PUBLICADO)
    assert "Publicado 029" in client.get("/consorcios/?page=2").content.decode()


def test_geojson_lists_published_consortia_longitude_first(client, django_assert_num_queries):
    pisco = crear_consorcio(
        nombre="Pisco",
        estado=Consorcio.Estado.PUBLICADO,
        latitud=Decimal("-13.709782"),
        longitud=Decimal("-76.203247"),
        slug="pisco",
    )
    crear_consorcio(nombre="Oculto")
    # the validator (ETag, Last-Modified) + the features
    with django_assert_num_queries(2):
        respuesta = client.get("/consorcios/mapa.geojson")
    assert respuesta["Content-Type"] == "application/geo+json"
    datos = json.loads(respuesta.content)
    assert datos["type"] == "FeatureCollection"
    [rasgo] = datos["features"]
    assert rasgo["geometry"] == {"type": "Point", "coordinates": [-76.2032, -13.7098]}  # 4 decimals
    assert rasgo["id"] == pisco.pk  # the popup's text comes from mapa/<id>.json (see views.mapa_geojson)
    assert rasgo["properties"] == {"t": "e"}


def test_map_page_links_to_the_list_as_alternative(client, settings):
    settings.MAP_TILES_URL = ""
    html = client.get("/consorcios/mapa/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="/consorcios/"' in html
    assert 'data-geojson="/consorcios/mapa.geojson"' in html
    # what mapa.js needs for the popups: where their text is, and what to say meanwhile or on failure
    assert 'data-ficha="/consorcios/mapa/0.json"' in html
    assert 'data-cargando="Cargando…"' in html
    assert 'data-error-ficha="No se pudieron cargar' in html


def test_pages_answer_in_portuguese_and_english(client, publicado):
    assert client.get("/pt/consorcios/").status_code == 200
    assert "Consórcio de exportação" in client.get(f"/pt/consorcios/{publicado.slug}/").content.decode()
    assert "Export consortium" in client.get(f"/en/consorcios/{publicado.slug}/").content.decode()


def test_home_hook_counts_by_kind_and_lists_the_latest(django_assert_num_queries):
    for i in range(6):
        crear_consorcio(nombre=f"Export {i}", estado=Consorcio.Estado.PUBLICADO)
    crear_consorcio(nombre="Origen", tipo=Consorcio.Tipo.ORIGEN, estado=Consorcio.Estado.PUBLICADO)
    crear_consorcio(nombre="Pendiente")
    # 1 query: the latest four, carrying both counts.
    with translation.override("es"), django_assert_num_queries(1):
        html = Template("{% load consorcios_portada %}{% consorcios_portada %}").render(Context({}))
    assert "6 consorcios de exportación" in html
    assert "1 consorcio de origen" in html
    assert html.count('class="tarjeta"') == 4
    assert "<h2" in html


def test_home_hook_counts_zero_when_nothing_is_published():
    crear_consorcio(nombre="Pendiente")
    with translation.override("es"):
        html = Template("{% load consorcios_portada %}{% consorcios_portada %}").render(Context({}))
    assert "0 consorcios de exportación" in html
    assert "0 consorcios de origen" in html
    assert 'class="tarjeta"' not in html


def test_detail_and_edit_pages_are_valid_html5(client, promotor, settings):
    import html5lib

    settings.MAP_TILES_URL = ""
    consorcio = crear_consorcio(promotor, estado=Consorcio.Estado.PUBLICADO, videos=["https://vimeo.com/1234567"])
    _poblar(consorcio, 3)
    client.force_login(promotor)
    for url in (consorcio.get_absolute_url(), f"/consorcios/{consorcio.slug}/editar/", "/consorcios/registrar/"):
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(respuesta.content)
        except html5lib.html5parser.ParseError as error:
            raise AssertionError(f"{url}: {error}") from None


def test_sitemap_lists_published_consortia_in_every_language(rf):
    from django.contrib.sites.requests import RequestSite

    from consorcios.sitemaps import ConsorciosSitemap

    crear_consorcio(estado=Consorcio.Estado.PUBLICADO, slug="pisco")
    crear_consorcio(slug="pendiente")
    urls = [u["location"] for u in ConsorciosSitemap().get_urls(site=RequestSite(rf.get("/")), protocol="https")]
    assert any(u.endswith("/consorcios/pisco/") for u in urls)
    assert any(u.endswith("/en/consorcios/pisco/") for u in urls)
    assert not any("pendiente" in u for u in urls)


def test_detail_lists_a_firm_without_sector_and_a_consortium_without_lists(client, promotor):
    vacio = crear_consorcio(promotor, estado=Consorcio.Estado.PUBLICADO, slug="vacio")
    assert client.get("/consorcios/vacio/").status_code == 200
    EmpresaMiembro.objects.create(consorcio=vacio, nombre="Sin sector", empleados=None)
    html = client.get("/consorcios/vacio/").content.decode()
    assert "<td>Sin sector</td>" in html.replace("\n", "")


@pytest.mark.parametrize("orden", ["", "recientes", "empresas"])
def test_every_list_page_follows_the_querys_order(client, orden):
    for i in range(60):
        crear_consorcio(nombre=f"Publicado {i:03d}", numero_empresas=i % 7, estado=Consorcio.Estado.PUBLICADO)
    esperados = list(filtrar(QueryDict(f"orden={orden}")).qs.values_list("nombre", flat=True))
    vistos = []
    for pagina in (1, 2, 3):
        respuesta = client.get(f"/consorcios/?orden={orden}&page={pagina}")
        vistos += [consorcio.nombre for consorcio in respuesta.context["consorcios"]]
    assert vistos == esperados
