"""Issue 22's layout: the header (account menu, site search), the site search page, folded
filters, cards, tables of actions and the weight of the main pages."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from biblioteca.models import Documento
from consorcios.models import Consorcio
from foros import services as foros
from foros.models import Foro
from tests.biblioteca.conftest import nuevo_documento
from tests.consorcios.conftest import crear_consorcio
from tests.paginas import cargar_paginas_con_argumentos

PUBLICADO = Consorcio.Estado.PUBLICADO


# --- Header and account menu -----------------------------------------------------------------


def _cabecera(html: str) -> str:
    return html.split('<header class="cabecera"')[1].split("</header>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/consorcios/", "/biblioteca/", "/foros/", "/en/acerca/", "/pt/consorcios/mapa/"])
def test_visitor_sees_the_site_search_and_sign_in_links_in_every_header(client, url):
    cabecera = _cabecera(client.get(url).content.decode())
    prefijo = url[:3] if url.startswith(("/en/", "/pt/")) else ""
    assert f'action="{prefijo}/buscar/"' in cabecera
    assert 'type="search"' in cabecera and 'name="q"' in cabecera
    assert f'href="{prefijo}/cuentas/login/"' in cabecera
    assert f'href="{prefijo}/cuentas/signup/"' in cabecera
    assert "menu-cuenta" not in cabecera
    # The menu folds with <details>: without JavaScript its button still opens it.
    assert '<details class="plegable-movil cabecera__menu"' in cabecera
    assert "<summary" in cabecera


@pytest.mark.django_db
def test_visitor_header_offers_to_create_an_account():
    cabecera = _cabecera(Client().get("/").content.decode())
    assert "Ingresar" in cabecera
    assert "Crear una cuenta" in cabecera


@pytest.mark.django_db
def test_member_gets_an_account_menu_with_profile_consortia_documents_and_sign_out(cliente_miembro):
    cabecera = _cabecera(cliente_miembro.get("/").content.decode())
    menu = cabecera.split('<details class="menu-cuenta">')[1].split("</details>")[0]
    for enlace in ('href="/miembros/perfil/"', 'href="/consorcios/mios/"', 'href="/biblioteca/mios/"'):
        assert enlace in menu
    assert re.search(
        r'<form method="post" action="/cuentas/logout/">\s*<input type="hidden" name="csrfmiddlewaretoken"', menu
    )
    assert "/admin/" not in menu
    assert "/cuentas/login/" not in cabecera and "/cuentas/signup/" not in cabecera


@pytest.mark.django_db
def test_staff_account_menu_links_to_the_admin(cliente_staff):
    menu = _cabecera(cliente_staff.get("/en/").content.decode()).split('class="menu-cuenta"')[1]
    assert 'href="/en/admin/"' in menu
    assert "Administration" in menu or "Administración" in menu


@pytest.mark.django_db
def test_member_sees_their_documents_with_their_review_state(cliente_miembro, miembro, promotor):
    nuevo_documento(titulo="Guía de consorcios de origen", subido_por=miembro, estado=Documento.Estado.PENDIENTE)
    nuevo_documento(titulo="Documento de otra persona", subido_por=promotor)
    html = cliente_miembro.get("/biblioteca/mios/").content.decode()
    assert "Guía de consorcios de origen" in html
    assert "Pendiente" in html or "pendiente" in html
    assert "Documento de otra persona" not in html
    assert 'class="tabla-acciones"' in html and 'data-etiqueta="Estado"' in html


@pytest.mark.django_db
def test_visitor_is_asked_to_sign_in_for_my_documents(client):
    respuesta = client.get("/biblioteca/mios/")
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]


@pytest.mark.django_db
def test_my_consortia_table_names_each_cell_for_narrow_screens(cliente_promotor, promotor):
    crear_consorcio(promotor, nombre="Consorcio Tagua Manabí")
    html = cliente_promotor.get("/consorcios/mios/").content.decode()
    assert 'class="tabla-acciones"' in html
    assert 'data-etiqueta="Estado"' in html and 'data-etiqueta="Última modificación"' in html
    assert "Consorcio Tagua Manabí" in html


# --- Site search ------------------------------------------------------------------------------


def _contenido(n: int, autor) -> None:
    """n consortia, documents and forum topics that all mention "pisco", and some that do not."""
    foro = Foro.objects.get_or_create(slug="marcos-legales", defaults={"nombre": "Marcos legales"})[0]
    for i in range(n):
        crear_consorcio(nombre=f"Consorcio Pisco del Sur {i}", productos="Pisco", pais="PE", estado=PUBLICADO)
        nuevo_documento(titulo=f"El pisco y su denominación de origen {i}", resumen="Pisco peruano.")
        foros.abrir_tema(foro=foro, autor=autor, titulo=f"Exportar pisco {i}", fuente="¿Quién exporta pisco?")
    crear_consorcio(nombre="Consorcio Tagua Manabí", productos="Tagua", estado=PUBLICADO)
    nuevo_documento(titulo="Asociatividad en Quito")


@pytest.mark.django_db
def test_site_search_shows_a_few_results_of_each_section_and_links_to_each_search(client, staff):
    _contenido(6, staff)
    html = client.get("/buscar/", {"q": "pisco"}).content.decode()
    assert html.count("<h1") == 1
    assert html.count("Consorcio Pisco del Sur") == 4  # a few, not all six
    assert "Tagua" not in html
    assert html.count("denominación de origen") >= 4
    assert html.count('href="/foros/mensaje/') == 4
    assert 'href="/consorcios/?q=pisco"' in html
    assert 'href="/biblioteca/?q=pisco"' in html
    assert 'href="/foros/buscar/?q=pisco"' in html
    assert "Ver los 6 consorcios en el registro" in html
    assert "Ver los 6 documentos en la biblioteca" in html
    assert "Ver los 6 mensajes en los foros" in html


@pytest.mark.django_db
def test_site_search_speaks_the_pages_language(client, staff):
    _contenido(1, staff)
    html = client.get("/en/buscar/", {"q": "pisco"}).content.decode()
    assert '<html lang="en">' in html
    assert 'href="/en/consorcios/?q=pisco"' in html


@pytest.mark.django_db
def test_empty_site_search_explains_what_to_type_and_suggests_searches(client):
    html = client.get("/buscar/").content.decode()
    assert html.count("<h1") == 1
    assert "Las tildes son opcionales" in html
    assert 'href="/buscar/?q=pisco"' in html
    assert 'href="/consorcios/"' in html and 'href="/biblioteca/"' in html
    assert "encontrado" not in html


@pytest.mark.django_db
def test_site_search_with_no_match_says_so_in_each_section(client):
    html = client.get("/buscar/", {"q": "zzzxxyq"}).content.decode()
    assert "0 consorcios encontrados" in html
    assert "0 documentos encontrados" in html
    assert "0 mensajes encontrados" in html
    assert "0 instituciones encontradas" in html


@pytest.mark.django_db
def test_site_search_finds_the_networks_member_institutions_too(client):
    from miembros.models import Institucion

    Institucion.objects.create(
        nombre="Comisión de Promoción del Perú para la Exportación y el Turismo",
        sigla="PROMPERÚ",
        slug="promperu",
        tipo=Institucion.Tipo.AGENCIA,
        pais="PE",
        estado=Institucion.Estado.MIEMBRO,
    )
    Institucion.objects.create(
        nombre="Promotora en trámite",
        slug="en-tramite",
        tipo=Institucion.Tipo.ONG,
        estado=Institucion.Estado.SOLICITADA,
    )
    html = client.get("/buscar/", {"q": "promocion"}).content.decode()
    assert 'href="/red/instituciones/promperu/"' in html
    assert "en-tramite" not in html  # not a member yet
    assert "1 institución encontrada" in html
    assert 'href="/red/instituciones/?q=promocion"' in html


def _consultas(q: str) -> list[str]:
    with CaptureQueriesContext(connection) as consultas:
        assert Client().get("/buscar/", {"q": q}).status_code == 200
    return [c["sql"] for c in consultas.captured_queries]


@pytest.mark.django_db
def test_site_search_runs_the_same_queries_with_many_more_rows(staff, settings):
    settings.CACHE_PAGINAS_SEGUNDOS = 0  # measure the view, not the page cache
    _contenido(2, staff)
    _consultas("pisco")  # the registry's choice lists, kept from now on
    pocos = _consultas("pisco del sur")
    _contenido(25, staff)
    _consultas("pisco")
    muchos = _consultas("pisco del sur")
    assert len(muchos) == len(pocos), muchos


@pytest.mark.django_db
def test_a_site_search_writes_nothing(staff):
    _contenido(2, staff)
    escrituras = [sql for sql in _consultas("pisco") if re.match(r"\s*(INSERT|UPDATE|DELETE)", sql, re.I)]
    assert escrituras == []


# --- Folded filters and cards -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("ruta", ["/consorcios/", "/consorcios/mapa/", "/consorcios/estadisticas/"])
def test_folded_registry_filters_count_the_filters_in_use(client, ruta):
    crear_consorcio(nombre="Consorcio Pisco del Sur", pais="PE", estado=PUBLICADO)
    sin = client.get(ruta).content.decode()
    assert '<details class="plegable-movil filtros-plegables">' in sin
    assert "plegable-movil__cuenta" not in sin
    con = client.get(ruta, {"pais": "PE", "tipo": "exportacion", "orden": "recientes", "region": ""}).content.decode()
    assert re.search(r'class="plegable-movil__cuenta">\s*2 activos\s*</span>', con)


@pytest.mark.django_db
def test_folded_library_filters_count_the_filters_in_use(client):
    nuevo_documento(titulo="Ley de consorcios", tipo=Documento.Tipo.LEGISLACION, paises=["PE"])
    html = client.get("/biblioteca/", {"q": "ley", "tipo": "legislacion"}).content.decode()
    assert '<details class="plegable-movil busqueda__filtros">' in html
    assert re.search(r'class="plegable-movil__cuenta">\s*1 activo\s*</span>', html)


@pytest.mark.django_db
def test_cards_show_a_monogram_in_a_colour_of_the_id_or_the_logo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sin_logo = crear_consorcio(nombre="Consorcio Apícola de Chulucanas", estado=PUBLICADO)
    con_logo = crear_consorcio(nombre="Consorcio Tagua Manabí", estado=PUBLICADO)
    con_logo.logo.save("logo.png", SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n"), save=True)
    html = client.get("/consorcios/").content.decode()
    tarjeta = html.split(f'data-consorcio="{sin_logo.slug}"')[1].split("</li>")[0]
    assert f'<span class="monograma monograma--{sin_logo.pk % 8}" aria-hidden="true">AC</span>' in tarjeta
    assert "style=" not in tarjeta
    tarjeta = html.split(f'data-consorcio="{con_logo.slug}"')[1].split("</li>")[0]
    assert f'<img class="tarjeta-consorcio__logo" src="{con_logo.logo.url}" alt=""' in tarjeta
    assert "monograma" not in tarjeta


@pytest.mark.django_db
def test_registry_list_with_logos_runs_the_same_queries_with_more_cards(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    settings.CACHE_FRAGMENTOS_SEGUNDOS = 0

    def consultas() -> int:
        with CaptureQueriesContext(connection) as capturadas:
            client.get("/consorcios/")
        return len(capturadas)

    for i in range(2):
        c = crear_consorcio(nombre=f"Consorcio {i}", estado=PUBLICADO)
        c.logo.save("logo.png", SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n"), save=True)
    consultas()
    pocos = consultas()
    for i in range(20):
        c = crear_consorcio(nombre=f"Consorcio más {i}", estado=PUBLICADO)
        c.logo.save("logo.png", SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n"), save=True)
    consultas()
    assert consultas() == pocos


# --- Weight of the main pages --------------------------------------------------------------------

# The map's code (Leaflet and its clustering plugin) and its data (GeoJSON, tiles) are what the
# map costs, outside the budget; everything else a page links is inside it.
FUERA_DEL_PRESUPUESTO = re.compile(r"/leaflet")
PRESUPUESTO = 50 * 1024


def _peso_comprimido(cliente: Client, ruta: str) -> tuple[int, dict[str, int]]:
    html = cliente.get(ruta).content
    partes = {"html": len(gzip.compress(html))}
    enlazados = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(
        rb'<script src="([^"]+)"', html
    )
    for enlace in (e.decode() for e in enlazados):
        assert enlace.startswith(settings.STATIC_URL), enlace  # nothing from a third party
        if FUERA_DEL_PRESUPUESTO.search(enlace):
            continue
        with open(finders.find(enlace.removeprefix(settings.STATIC_URL)), "rb") as archivo:
            partes[enlace] = len(gzip.compress(archivo.read()))
    return sum(partes.values()), partes


@pytest.mark.django_db
@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
def test_main_pages_weigh_less_than_50_kb_compressed(idioma):
    rutas = cargar_paginas_con_argumentos()
    with translation.override("es"):
        paginas = {
            "portada": "/",
            "lista": "/consorcios/",
            "ficha": rutas["consorcio"],
            "busqueda en la biblioteca": "/biblioteca/?q=consorcios+de+origen",
            "tema": rutas["tema"],
            "busqueda del sitio": "/buscar/?q=exportaci%C3%B3n",
        }
    cliente = Client()
    for nombre, ruta in paginas.items():
        ruta = ruta if idioma == "es" else f"/{idioma}{ruta}"
        total, partes = _peso_comprimido(cliente, ruta)
        assert total < PRESUPUESTO, (nombre, total, partes)
