"""An event's programme and the links that run both ways: sessions with their speakers and presentations,
documents that say where they were presented, news and events that point to each other."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from biblioteca.models import Documento, Noticia, SesionEvento

from .conftest import nuevo_documento
from .test_noticias_eventos import evento as nuevo_evento

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


def _noticia(**campos) -> Noticia:
    valores = {
        "titulo": "Nace la Red",
        "slug": "nace-la-red",
        "resumen": "Resumen.",
        "cuerpo": "Cuerpo.",
        "estado": Noticia.Estado.PUBLICADO,
        "publicada_en": timezone.now() - timedelta(days=1),
        **campos,
    }
    return Noticia.objects.create(**valores)


def test_the_event_page_shows_the_programme_in_order_with_published_presentations_only(client):
    seminario = nuevo_evento(dias=-400, slug="quito-2012")
    presentacion = nuevo_documento(titulo="Signos distintivos colectivos")
    borrador = nuevo_documento(titulo="Borrador sin revisar", estado=Documento.Estado.PENDIENTE)
    segunda = SesionEvento.objects.create(evento=seminario, orden=2, titulo="Rol de los consorcios de origen")
    primera = SesionEvento.objects.create(
        evento=seminario, orden=1, titulo="Signos y consorcios", ponentes="Nuria Ackermann (ONUDI)", sala="Sala Quito"
    )
    primera.documentos.set([presentacion, borrador])
    pagina = client.get(seminario.get_absolute_url()).content.decode()
    assert pagina.index(primera.titulo) < pagina.index(segunda.titulo)
    assert "Nuria Ackermann (ONUDI)" in pagina and "Sala Quito" in pagina
    assert presentacion.get_absolute_url() in pagina
    assert "Borrador sin revisar" not in pagina


def test_a_document_says_at_which_event_it_was_presented(client):
    seminario = nuevo_evento(dias=-400, slug="quito-2012", titulo="Seminario de Quito")
    documento = nuevo_documento(titulo="Jamón toscano")
    SesionEvento.objects.create(evento=seminario, titulo="Rol de los consorcios de origen").documentos.add(documento)
    pagina = client.get(documento.get_absolute_url()).content.decode()
    assert "Presentado en" in pagina and seminario.get_absolute_url() in pagina


def test_news_and_events_link_each_other_and_drafts_stay_out(client):
    seminario = nuevo_evento(dias=-400, slug="quito-2012", titulo="Seminario de Quito")
    noticia = _noticia()
    noticia.eventos.add(seminario)
    _noticia(titulo="Borrador", slug="borrador", estado=Noticia.Estado.BORRADOR).eventos.add(seminario)
    pagina_evento = client.get(seminario.get_absolute_url()).content.decode()
    assert noticia.get_absolute_url() in pagina_evento and "/borrador/" not in pagina_evento
    assert seminario.get_absolute_url() in client.get(noticia.get_absolute_url()).content.decode()


def test_event_page_queries_do_not_grow_with_the_programme(cliente_miembro, django_assert_max_num_queries):
    client = cliente_miembro  # a member's page is never the kept anonymous one: every request runs the view
    seminario = nuevo_evento(dias=-400, slug="quito-2012")

    def sesiones(n: int) -> None:
        for i in range(n):
            sesion = SesionEvento.objects.create(evento=seminario, orden=i, titulo=f"Sesión {i}")
            sesion.documentos.add(nuevo_documento(titulo=f"Presentación {i}"))
            _noticia(slug=f"noticia-{seminario.sesiones.count()}-{i}").eventos.add(seminario)

    sesiones(1)
    client.get(seminario.get_absolute_url())
    with django_assert_max_num_queries(20) as pocas:
        client.get(seminario.get_absolute_url())
    sesiones(12)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        client.get(seminario.get_absolute_url())


def test_the_demo_seminar_has_the_reports_programme(client):
    from django.core.management import call_command

    call_command("cargar_demo", verbosity=0)
    pagina = client.get("/biblioteca/eventos/seminario-latinoamericano-consorcios-pymes-quito-2012/").content.decode()
    assert "Relación entre signos distintivos colectivos y los consorcios de origen" in pagina
    assert "Conexport" in pagina
    assert "/biblioteca/documentos/peru-chulucanas-marketing-territorial/" in pagina
