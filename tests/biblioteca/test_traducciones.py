"""News, events and themes in the URL's language, falling back to Spanish; their Markdown is
sanitised per language at write time."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from biblioteca.models import Evento, Noticia, Tema

from .conftest import nuevo_documento


@pytest.fixture
def noticia(db) -> Noticia:
    return Noticia.objects.create(
        titulo_es="Quito acoge el seminario de consorcios",
        titulo_pt="Quito recebe o seminário de consórcios",
        titulo_en="Quito hosts the consortia seminar",
        resumen_es="Resumen en castellano.",
        resumen_en="Summary in English.",
        cuerpo_es="Texto **en castellano**.",
        cuerpo_pt="Texto **em português** <script>alert(1)</script>",
        slug="seminario-quito",
        publicada_en=timezone.now() - timedelta(days=1),
        estado=Noticia.Estado.PUBLICADO,
    )


def test_news_html_is_made_and_sanitised_for_each_language_at_write_time(noticia):
    assert "<strong>en castellano</strong>" in noticia.cuerpo_html_es
    assert "<strong>em português</strong>" in noticia.cuerpo_html_pt
    assert "<script>" not in noticia.cuerpo_html_pt
    assert noticia.cuerpo_html_en == ""  # no English body: pages show the Spanish one


@pytest.mark.parametrize(
    ("prefijo", "titulo", "cuerpo"),
    [
        ("", "Quito acoge el seminario de consorcios", "<strong>en castellano</strong>"),
        ("/pt", "Quito recebe o seminário de consórcios", "<strong>em português</strong>"),
        ("/en", "Quito hosts the consortia seminar", "<strong>en castellano</strong>"),
    ],
)
def test_visitor_reads_the_news_in_the_pages_language_or_in_spanish(client, noticia, prefijo, titulo, cuerpo):
    pagina = client.get(f"{prefijo}/biblioteca/noticias/seminario-quito/").content.decode()
    assert titulo in pagina
    assert cuerpo in pagina


def test_news_feed_speaks_the_feeds_language(client, noticia):
    en = feedparser.parse(client.get("/en/biblioteca/canales/noticias/rss/").content)
    pt = feedparser.parse(client.get("/pt/biblioteca/canales/noticias/rss/").content)
    assert en.entries[0].title == "Quito hosts the consortia seminar"
    assert pt.entries[0].title == "Quito recebe o seminário de consórcios"
    assert "em português" in pt.entries[0].description


@pytest.mark.django_db
def test_event_description_falls_back_to_spanish_and_its_title_is_translated(client):
    inicio = timezone.now() + timedelta(days=5)
    Evento.objects.create(
        titulo_es="Taller de asociatividad",
        titulo_en="Partnership workshop",
        descripcion_es="Un taller *práctico*.",
        slug="taller",
        inicio=inicio,
        fin=inicio + timedelta(hours=3),
        estado=Evento.Estado.PUBLICADO,
    )
    pagina = client.get("/en/biblioteca/eventos/taller/").content.decode()
    assert "Partnership workshop" in pagina
    assert "<em>práctico</em>" in pagina
    ics = client.get("/en/biblioteca/eventos/taller.ics").content.decode()
    assert "SUMMARY:Partnership workshop" in ics


@pytest.mark.django_db
def test_document_page_names_its_themes_in_the_pages_language(client):
    tema = Tema.objects.create(nombre_es="Denominaciones de origen", nombre_pt="Denominações de origem", slug="do")
    documento = nuevo_documento()
    documento.temas.add(tema)
    ruta = f"/biblioteca/documentos/{documento.slug}/"
    assert "Denominações de origem" in client.get(f"/pt{ruta}").content.decode()
    assert "Denominaciones de origen" in client.get(f"/en{ruta}").content.decode()


def test_staff_add_themes_in_spanish_only_without_colliding_on_the_unique_name(cliente_staff):
    for nombre, slug in [("Exportación", "exportacion"), ("Turismo", "turismo")]:
        datos = {"nombre_es": nombre, "nombre_pt": "", "nombre_en": "", "slug": slug}
        assert cliente_staff.post("/admin/biblioteca/tema/add/", datos).status_code == 302
    assert Tema.objects.filter(nombre_en__isnull=True, nombre_pt__isnull=True).count() == 2


def test_updating_only_the_body_rewrites_every_languages_html(noticia):
    noticia.cuerpo_en = "Text in *English*."
    noticia.save(update_fields=["cuerpo_en"])
    noticia.refresh_from_db()
    assert noticia.cuerpo_html_en == "<p>Text in <em>English</em>.</p>"
