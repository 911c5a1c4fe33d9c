"""The home page hook and the generated search vector (the demo data: tests/demo/test_biblioteca.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.template import Context, Template
from django.utils import timezone

from biblioteca.models import Documento, Evento, Noticia

from .conftest import nuevo_documento


def _encontrado(documento: Documento, palabra: str) -> bool:
    return Documento.objects.filter(pk=documento.pk, vector=SearchQuery(palabra, config="es_unaccent")).exists()


@pytest.mark.django_db
def test_search_vector_follows_every_write_including_bulk_updates():
    documento = nuevo_documento(titulo="Consorcios de cacao")
    assert _encontrado(documento, "cacao")
    documento.titulo = "Consorcios de quinua"
    documento.save()
    assert _encontrado(documento, "quinua") and not _encontrado(documento, "cacao")
    Documento.objects.filter(pk=documento.pk).update(texto_extraido="Tejidos de alpaca")
    assert _encontrado(documento, "alpaca")


@pytest.mark.django_db
def test_extracted_text_is_capped():
    import io

    from biblioteca.extraccion import extraer_texto
    from biblioteca.models import MAX_TEXTO_EXTRAIDO
    from biblioteca.pdf_simple import pdf_de_texto

    texto = extraer_texto(io.BytesIO(pdf_de_texto(["palabra " * 12] * 20)), "application/pdf")
    assert 0 < len(texto) <= MAX_TEXTO_EXTRAIDO
    assert extraer_texto(io.BytesIO(b""), "application/vnd.ms-excel") == ""


@pytest.mark.parametrize("cantidad", [1, 6])
@pytest.mark.django_db
def test_home_hook_shows_latest_documents_news_and_upcoming_events(django_assert_num_queries, cantidad):
    for i in range(cantidad):
        nuevo_documento(titulo=f"Documento reciente {i}", publicado_en=timezone.now())
        Noticia.objects.create(
            titulo=f"Noticia {i}", slug=f"n-{i}", resumen="r", cuerpo="c", estado=Noticia.Estado.PUBLICADO
        )
        inicio = timezone.now() + timedelta(days=i + 1)
        Evento.objects.create(
            titulo=f"Evento {i}",
            slug=f"e-{i}",
            descripcion="d",
            inicio=inicio,
            fin=inicio,
            estado=Evento.Estado.PUBLICADO,
        )
    with django_assert_num_queries(3):  # documents, news, events
        html = Template("{% load biblioteca_portada %}{% biblioteca_portada %}").render(Context())
    assert html.count("<h2") == 1
    ultimo = cantidad - 1
    assert f"Documento reciente {ultimo}" in html and f"Noticia {ultimo}" in html and "Evento 0" in html
    assert html.count("<li>") == 3 * min(cantidad, 4)


@pytest.mark.django_db
def test_an_unreadable_file_leaves_the_document_searchable_by_its_metadata(caplog):
    from django.core.files.base import ContentFile

    from biblioteca.tasks import extraer_texto_documento

    documento = nuevo_documento(
        titulo="Informe de cacao",
        enlace="",
        archivo=ContentFile(b"%PDF-1.4 roto", name="documento.pdf"),
        tipo_mime="application/pdf",
    )
    assert extraer_texto_documento.call(documento_id=documento.pk) == 0
    assert "No se pudo extraer" in caplog.text
    assert _encontrado(documento, "cacao")
