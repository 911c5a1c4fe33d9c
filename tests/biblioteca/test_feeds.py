"""Feeds carry member-written text as safe HTML: readers never decode it into markup (issue 23)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import html5lib
import pytest
from django.utils import timezone

from .conftest import nuevo_documento
from .test_noticias_eventos import noticia

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TECLEADO = 'Casos <b>reales</b> & <script>alert(1)</script> <img src=x onerror="alert(1)">\n\nSegundo párrafo.'


def _descripciones(respuesta, formato: str) -> list[str]:
    """The description of each item as a feed reader reads it: the XML's text, to be shown as HTML."""
    raiz = ET.fromstring(respuesta.content)  # noqa: S314  (the portal's own feed)
    if formato == "rss":
        return [item.findtext("description") for item in raiz.iter("item")]
    return [entrada.findtext(f"{ATOM}summary") for entrada in raiz.iter(f"{ATOM}entry")]


def _etiquetas_y_texto(html: str) -> tuple[set[str], str]:
    fragmento = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    etiquetas = {e.tag for e in fragmento.iter() if isinstance(e.tag, str)} - {"DOCUMENT_FRAGMENT"}
    return etiquetas, "".join(fragmento.itertext())


@pytest.mark.parametrize("formato", ["rss", "atom"])
def test_a_document_abstract_reaches_feed_readers_as_the_text_typed_not_as_markup(client, formato):
    nuevo_documento(titulo="Guía", resumen=TECLEADO, publicado_en=timezone.now())
    respuesta = client.get(f"/biblioteca/canales/documentos/{formato}/")
    [descripcion] = _descripciones(respuesta, formato)
    etiquetas, texto = _etiquetas_y_texto(descripcion)
    assert etiquetas == {"p"}  # our paragraphs, nothing the member typed
    assert "<b>reales</b> & <script>alert(1)</script>" in texto  # shown as typed, as text
    assert "Segundo párrafo." in texto


@pytest.mark.parametrize("formato", ["rss", "atom"])
def test_news_reach_feed_readers_as_the_sanitised_html_stored(client, formato):
    noticia(titulo="Nace la Red", cuerpo="Hola <script>alert(1)</script> **fuerte** en https://www.sela.org/")
    [descripcion] = _descripciones(client.get(f"/biblioteca/canales/noticias/{formato}/"), formato)
    etiquetas, texto = _etiquetas_y_texto(descripcion)
    assert etiquetas <= {"p", "strong", "a"}
    assert "<script>alert(1)</script>" in texto
