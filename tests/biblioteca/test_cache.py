"""The library's cached pages: a write to the library makes them stale, and only them."""

from __future__ import annotations

import pytest

from .conftest import nuevo_documento


@pytest.mark.django_db
def test_a_library_write_bumps_only_the_library(client, django_assert_num_queries):
    documento = nuevo_documento(titulo="Consorcios de origen")
    client.get("/consorcios/")
    client.get("/biblioteca/", {"q": "consorcios"})
    with django_assert_num_queries(0):
        client.get("/biblioteca/", {"q": "consorcios"})

    documento.titulo = "Consorcios de origen del Perú"
    documento.save()

    with django_assert_num_queries(0):  # the registry's page is still the kept one
        assert client.get("/consorcios/").status_code == 200
    with django_assert_num_queries(3):  # the library's is made again: facets with the total, the order, the page
        respuesta = client.get("/biblioteca/", {"q": "consorcios"})
    assert "Consorcios de origen del Perú" in respuesta.content.decode()


@pytest.mark.django_db
def test_publishing_news_in_bulk_from_the_admin_shows_at_once(client, cliente_staff):
    from biblioteca.models import Noticia

    noticia = Noticia.objects.create(titulo="Nace la Red", slug="nace-la-red", resumen="r", cuerpo="c")
    client.get("/biblioteca/noticias/")  # anonymous: kept without it
    cliente_staff.post("/admin/biblioteca/noticia/", {"action": "publicar", "_selected_action": [noticia.pk]})
    assert "Nace la Red" in client.get("/biblioteca/noticias/").content.decode()


@pytest.mark.django_db
def test_the_extracted_text_of_a_document_is_searchable_at_once(client):
    from django.core.files.base import ContentFile

    from biblioteca.pdf_simple import pdf_de_texto
    from biblioteca.tasks import extraer_texto_documento

    documento = nuevo_documento(titulo="Informe anual", tipo_mime="application/pdf")
    documento.archivo.save("informe.pdf", ContentFile(pdf_de_texto(["Los talleres de tagua."])))
    assert client.get("/biblioteca/", {"q": "tagua"}).content.count(b'class="documento-resumen"') == 0  # kept
    extraer_texto_documento.call(documento_id=documento.pk)  # an UPDATE: no signal
    assert client.get("/biblioteca/", {"q": "tagua"}).content.count(b'class="documento-resumen"') == 1
