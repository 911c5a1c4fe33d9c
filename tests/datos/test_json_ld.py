"""Every public page type describes itself with schema.org JSON-LD that parses and that the
schema.org vocabulary defines (tests/datos/schemaorg.py)."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image

from .conftest import CORREO_PRIVADO, TELEFONO_PRIVADO
from .schemaorg import bloques, errores


def _unico_bloque(client, url: str) -> dict:
    respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    encontrados = bloques(respuesta.content.decode())
    assert len(encontrados) == 1, url
    assert errores(encontrados[0]) == [], url
    assert encontrados[0]["@context"] == "https://schema.org"
    return encontrados[0]


def test_visitor_sees_a_consortium_described_as_an_organization_without_its_contact(client, contenido):
    datos = _unico_bloque(client, "/consorcios/nativa/")
    assert datos["@type"] == "Organization"
    assert datos["name"] == "Consorcio Nativa Ecuador"
    assert datos["url"] == settings.SITE_URL + "/consorcios/nativa/"
    assert datos["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "EC",
        "addressRegion": "Pichincha",
        "addressLocality": "Quito",
    }
    assert datos["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": -0.180653, "longitude": -78.467834}
    assert datos["foundingDate"] == "2009"
    assert datos["description"] == "Diez empresas."  # the text of its stored HTML, not the HTML
    texto = str(datos)
    assert CORREO_PRIVADO not in texto and TELEFONO_PRIVADO not in texto


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b5d7a").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_consortiums_logo_is_its_organization_logo(client, contenido):
    contenido["consorcio"].logo.save("logo.png", ContentFile(png()))
    datos = _unico_bloque(client, "/consorcios/nativa/")
    assert datos["logo"].startswith(("http://", "https://"))
    assert datos["logo"].endswith(".png")
    assert client.get(urlsplit(datos["logo"]).path).status_code == 200


@pytest.mark.parametrize(
    ("slug", "tipo"), [("ley-29733", "Legislation"), ("caso", "ScholarlyArticle")], ids=["legislacion", "caso"]
)
def test_a_document_is_described_by_the_schema_org_type_of_its_kind(client, contenido, slug, tipo):
    datos = _unico_bloque(client, f"/biblioteca/documentos/{slug}/")
    assert datos["@type"] == tipo
    assert datos["datePublished"] == "2012"
    if slug == "ley-29733":
        assert datos["author"] == [
            {"@type": "Person", "name": "Congreso de la República"},
            {"@type": "Person", "name": "Ministerio de Justicia"},
        ]
        assert datos["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert datos["spatialCoverage"] == [{"@type": "Country", "name": "Perú", "identifier": "PE"}]


def test_a_document_with_a_file_points_its_encoding_at_the_download(client, contenido):
    ley = contenido["ley"]
    ley.archivo.save("ley.pdf", ContentFile(b"%PDF-1.4 prueba"), save=False)
    ley.tipo_mime, ley.tamano = "application/pdf", 15
    ley.save()
    datos = _unico_bloque(client, "/biblioteca/documentos/ley-29733/")
    assert datos["encoding"]["@type"] == "MediaObject"
    assert datos["encoding"]["contentUrl"].endswith("/biblioteca/documentos/ley-29733/descargar/")
    assert datos["encoding"]["encodingFormat"] == "application/pdf"


def test_news_event_and_forum_topic_pages_describe_themselves(client, contenido, promotor):
    noticia = _unico_bloque(client, "/biblioteca/noticias/nace/")
    assert noticia["@type"] == "NewsArticle"
    assert noticia["headline"] == "Nace la Red"

    evento = _unico_bloque(client, "/biblioteca/eventos/quito/")
    assert evento["@type"] == "Event"
    assert evento["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert evento["location"] == [
        {"@type": "Place", "name": "Quito", "address": {"@type": "PostalAddress", "addressCountry": "EC"}},
        {"@type": "VirtualLocation", "url": "https://reunion.example.org/quito"},
    ]
    assert "offers" not in evento and "organizer" not in evento  # the model says neither

    tema = contenido["tema"]
    datos = _unico_bloque(client, tema.get_absolute_url())
    assert datos["@type"] == "DiscussionForumPosting"
    assert datos["headline"] == "¿Una ley de consorcios?"
    assert datos["commentCount"] == 0
    # The author as the forums show them publicly, never by their e-mail address.
    assert datos["author"]["name"] == f"Miembro de la Red n.º {promotor.pk}"
    assert promotor.email not in str(datos)


def test_the_forum_topic_author_is_the_name_of_their_profile(client, contenido, promotor):
    promotor.perfil.nombre = "Ana Quispe"
    promotor.perfil.save()
    datos = _unico_bloque(client, contenido["tema"].get_absolute_url())
    assert datos["author"] == {"@type": "Person", "name": "Ana Quispe"}


@pytest.mark.parametrize("url", ["/consorcios/", "/consorcios/mapa/", "/en/consorcios/"])
def test_the_registry_list_and_map_are_a_dataset_with_its_downloads(client, contenido, url):
    datos = _unico_bloque(client, url)
    assert datos["@type"] == "Dataset"
    assert datos["license"] == "https://creativecommons.org/licenses/by/4.0/"
    formatos = {d["encodingFormat"]: d for d in datos["distribution"]}
    assert set(formatos) == {"text/csv", "application/geo+json"}
    for distribucion in formatos.values():
        assert distribucion["@type"] == "DataDownload"
        assert distribucion["license"] == datos["license"]
        assert client.get(urlsplit(distribucion["contentUrl"]).path).status_code == 200


def test_the_home_page_declares_the_site_and_its_search(client, db):
    datos = _unico_bloque(client, "/")
    assert datos["@type"] == "WebSite"
    accion = datos["potentialAction"]
    assert accion["@type"] == "SearchAction"
    assert accion["target"]["urlTemplate"].endswith("/buscar/?q={search_term_string}")
    assert accion["query-input"] == "required name=search_term_string"


def test_json_ld_cannot_close_its_script_block(client, contenido):
    """A name typed by a promoter is data, not markup: <, > and & are JSON escapes (as json_script)."""
    consorcio = contenido["consorcio"]
    consorcio.nombre = "Nativa </script><script>alert(1)</script> & co"
    consorcio.descripcion = "Té & café <b>orgánicos</b>"
    consorcio.save()
    html = client.get("/consorcios/nativa/").content.decode()
    bloque = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in bloque and ">" not in bloque and "&" not in bloque
    assert bloques(html)[0]["name"] == "Nativa </script><script>alert(1)</script> & co"
    # Markdown's HTML is stored escaped (&amp;, &lt;b&gt;): the description is its text, as typed.
    assert bloques(html)[0]["description"] == "Té & café <b>orgánicos</b>"


def test_the_vocabulary_check_rejects_what_schema_org_does_not_define():
    assert errores({"@type": "Organization", "name": "x"}) == []
    assert errores({"@type": "Organization", "headline": "x"}) == ["$: headline is not a property of Organization"]
    assert errores({"@type": "Consorcio"}) == ["$: Consorcio is not a schema.org type"]
    assert errores({"@type": "Dataset", "distribution": [{"@type": "DataDownload", "startDate": "x"}]}) == [
        "$.distribution[0]: startDate is not a property of DataDownload"
    ]
