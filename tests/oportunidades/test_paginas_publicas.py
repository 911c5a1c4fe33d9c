"""What visitors get: the list's filters, the page's schema.org description, the feeds, the sitemap,
the three languages, and nothing written by a GET."""

from __future__ import annotations

import feedparser
import pytest
from django.conf import settings

from oportunidades.models import Oportunidad
from tests.datos.schemaorg import bloques, errores

from .conftest import crear_institucion, crear_oportunidad

pytestmark = pytest.mark.django_db


@pytest.fixture
def varias(consorcio):
    institucion = crear_institucion(nombre="Cámara de Comercio de Lima", slug="ccl", pais="PE")
    return {
        "miel": crear_oportunidad(
            consorcio=consorcio, titulo="Buscamos importador de miel en Japón", sectores=["apicultura"]
        ),
        "binacional": crear_oportunidad(
            institucion=institucion,
            tipo=Oportunidad.Tipo.CONSORCIO_BINACIONAL,
            titulo="Consorcio binacional de cacao fino",
            productos="Cacao fino de aroma",
            paises=["PE", "EC"],
            mercados=["DE"],
            sectores=["cafe-y-cacao"],
        ),
        "pendiente": crear_oportunidad(
            consorcio=consorcio, titulo="Oferta pendiente de quinua", estado=Oportunidad.Estado.PENDIENTE
        ),
    }


def _titulos(client, **filtros) -> set[str]:
    html = client.get("/oportunidades/", filtros).content.decode()
    return {t for t in ("miel en Japón", "binacional de cacao", "pendiente de quinua") if t in html}


def test_the_list_filters_like_the_registry(client, varias):
    assert _titulos(client) == {"miel en Japón", "binacional de cacao"}
    assert _titulos(client, tipo="consorcio_binacional") == {"binacional de cacao"}
    assert _titulos(client, pais="EC") == {"miel en Japón", "binacional de cacao"}
    assert _titulos(client, pais="PE") == {"binacional de cacao"}
    assert _titulos(client, mercado="JP") == {"miel en Japón"}
    assert _titulos(client, sector="apicultura") == {"miel en Japón"}
    assert _titulos(client, publicador="institucion") == {"binacional de cacao"}
    assert _titulos(client, publicador="consorcio") == {"miel en Japón"}


@pytest.mark.parametrize(
    ("q", "esperados"),
    [
        ("cacao", {"binacional de cacao"}),
        ("japon", {"miel en Japón"}),  # accents optional, and the market's name searched
        ("Germany", {"binacional de cacao"}),  # country labels in every language
        ("apicultura", {"miel en Japón"}),  # sector labels
        ("quinua", set()),  # pending: never public
    ],
)
def test_the_text_search_finds_words_of_the_title_products_and_labels(client, varias, q, esperados):
    assert _titulos(client, q=q) == esperados


def test_the_filters_fold_away_on_phones(client, varias):
    html = client.get("/oportunidades/").content.decode()
    assert '<details class="plegable-movil filtros-plegables">' in html


def test_a_page_describes_itself_with_schema_org(client, varias):
    oportunidad = varias["binacional"]
    encontrados = bloques(client.get(oportunidad.get_absolute_url()).content.decode())
    assert len(encontrados) == 1 and errores(encontrados[0]) == []
    datos = encontrados[0]
    assert datos["@type"] == "Demand" and datos["name"] == "Consorcio binacional de cacao fino"
    assert datos["url"] == settings.SITE_URL + oportunidad.get_absolute_url()
    assert datos["eligibleRegion"] == ["EC", "PE", "DE"]  # where it applies (as stored, sorted), then the markets


def test_an_offer_names_who_offers_it(client, consorcio):
    oferta = crear_oportunidad(consorcio=consorcio, tipo=Oportunidad.Tipo.OFRECE_PRODUCTOS, titulo="Ofrecemos miel")
    datos = bloques(client.get(oferta.get_absolute_url()).content.decode())[0]
    assert errores(datos) == []
    assert datos["@type"] == "Offer" and datos["offeredBy"]["name"] == "Consorcio Royal Honey"


def test_an_old_address_redirects_to_the_canonical_one(client, varias):
    oportunidad = varias["miel"]
    respuesta = client.get(f"/oportunidades/{oportunidad.pk}-otro-titulo/")
    assert respuesta.status_code == 301 and respuesta["Location"] == oportunidad.get_absolute_url()


def test_the_feeds_list_the_published_ones_with_their_publisher_never_their_author(client, varias, promotor):
    Oportunidad.objects.update(autor=promotor)
    for ruta in ("/oportunidades/rss/", "/oportunidades/atom/"):
        feed = feedparser.parse(client.get(ruta).content)
        assert {e.title for e in feed.entries} == {
            "Buscamos importador de miel en Japón",
            "Consorcio binacional de cacao fino",
        }
        autores = {e.get("author") for e in feed.entries}
        assert autores == {"Consorcio Royal Honey", "Cámara de Comercio de Lima"}
        assert promotor.email not in client.get(ruta).content.decode()


def test_the_sitemap_lists_them_in_every_language(client, varias):
    xml = client.get("/sitemap-oportunidades.xml").content.decode()
    miel = varias["miel"].get_absolute_url()
    assert f"{miel}</loc>" in xml and f"/en{miel}" in xml
    assert varias["pendiente"].get_absolute_url() not in xml
    assert "sitemap-oportunidades.xml" in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    ("prefijo", "titulo", "tipo"),
    [
        ("", "Oportunidades de cooperación", "Propone consorcio binacional"),
        ("/pt", "Oportunidades de cooperação", "Propõe consórcio binacional"),
        ("/en", "Cooperation opportunities", "Proposes a binational consortium"),
    ],
)
def test_the_pages_speak_each_language(client, varias, prefijo, titulo, tipo):
    ruta = varias["binacional"].get_absolute_url()  # in Spanish, before a request activates another language
    html = client.get(f"{prefijo}/oportunidades/").content.decode()
    assert f"<h1>{titulo}</h1>" in html and tipo in html
    detalle = client.get(prefijo + ruta).content.decode()
    assert tipo in detalle


def test_a_visitors_get_sets_no_cookie_and_writes_nothing(client, varias, django_assert_num_queries):
    respuesta = client.get(varias["miel"].get_absolute_url())
    assert not respuesta.cookies
    assert not client.get("/oportunidades/").cookies


def test_the_consortium_and_institution_pages_show_their_current_opportunities(client, varias, promotor):
    consorcio = varias["miel"].consorcio
    html = client.get(consorcio.get_absolute_url()).content.decode()
    assert "Buscamos importador de miel en Japón" in html and "Oferta pendiente" not in html
    assert "Publicar una oportunidad" not in html
    client.force_login(promotor)
    html = client.get(consorcio.get_absolute_url()).content.decode()
    assert f"/oportunidades/publicar/consorcio/{consorcio.slug}/" in html
    institucion = varias["binacional"].institucion
    assert "Consorcio binacional de cacao fino" in client.get(institucion.get_absolute_url()).content.decode()


def test_the_main_navigation_links_to_the_opportunities(client):
    html = client.get("/").content.decode()
    assert 'href="/oportunidades/"' in html
