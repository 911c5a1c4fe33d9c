"""The library's sitemaps (wired into /sitemap.xml by the integrator)."""

import pytest
from django.contrib.sitemaps.views import sitemap
from django.test import RequestFactory

from biblioteca.models import Documento
from biblioteca.sitemaps import SITEMAPS

from .conftest import nuevo_documento


@pytest.mark.django_db
def test_sitemaps_list_published_documents_in_three_languages():
    publicado = nuevo_documento(slug="ley-de-consorcios")
    nuevo_documento(slug="pendiente", estado=Documento.Estado.PENDIENTE)
    respuesta = sitemap(RequestFactory().get("/sitemap.xml"), sitemaps=SITEMAPS)
    xml = respuesta.render().content.decode()
    assert f"/biblioteca/documentos/{publicado.slug}/" in xml
    assert f"/pt/biblioteca/documentos/{publicado.slug}/" in xml
    assert f"/en/biblioteca/documentos/{publicado.slug}/" in xml
    assert "/pendiente/" not in xml
    assert "/biblioteca/legislacion/" in xml
