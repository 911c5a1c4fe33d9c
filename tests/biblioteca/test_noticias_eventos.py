"""News and events: publication rules, lists, details, feeds and iCalendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
import icalendar
import pytest
from django.utils import timezone

from biblioteca.models import Evento, Noticia

from .conftest import nuevo_documento


def noticia(**campos) -> Noticia:
    n = Noticia.objects.count() + 1
    valores = {
        "titulo": f"Noticia {n}",
        "slug": f"noticia-{n}",
        "resumen": "Resumen.",
        "cuerpo": "Texto con **negrita**.",
        "publicada_en": timezone.now() - timedelta(days=n),
        "estado": Noticia.Estado.PUBLICADO,
        **campos,
    }
    return Noticia.objects.create(**valores)


def evento(dias: int = 10, **campos) -> Evento:
    n = Evento.objects.count() + 1
    inicio = timezone.now() + timedelta(days=dias)
    valores = {
        "titulo": f"Seminario {n}",
        "slug": f"seminario-{n}",
        "descripcion": "Seminario regional; consorcios, origen y exportación.",
        "inicio": inicio,
        "fin": inicio + timedelta(hours=8),
        "lugar": "Quito",
        "pais": "EC",
        "estado": Evento.Estado.PUBLICADO,
        **campos,
    }
    return Evento.objects.create(**valores)


@pytest.mark.django_db
def test_news_body_is_stored_as_sanitised_html_at_write_time():
    n = noticia(cuerpo="Hola <script>alert(1)</script> [enlace](javascript:alert(1)) **fuerte**")
    assert "<strong>fuerte</strong>" in n.cuerpo_html
    assert "<script>" not in n.cuerpo_html
    assert "href" not in n.cuerpo_html  # the javascript: link stays text


@pytest.mark.django_db
def test_scheduled_and_draft_news_are_not_visible_yet(client):
    visible = noticia(titulo="Ya publicada")
    programada = noticia(titulo="Programada", publicada_en=timezone.now() + timedelta(days=2))
    borrador = noticia(titulo="Borrador", estado=Noticia.Estado.BORRADOR)
    assert list(Noticia.objects.publicados()) == [visible]
    html = client.get("/biblioteca/noticias/").content.decode()
    assert "Ya publicada" in html and "Programada" not in html and "Borrador" not in html
    assert client.get(programada.get_absolute_url()).status_code == 404
    assert client.get(borrador.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_staff_preview_a_scheduled_news_item(cliente_staff):
    programada = noticia(titulo="Programada", publicada_en=timezone.now() + timedelta(days=2))
    respuesta = cliente_staff.get(programada.get_absolute_url())
    assert respuesta.status_code == 200
    assert "Vista previa" in respuesta.content.decode()


@pytest.mark.django_db
def test_scheduled_news_appears_when_its_date_arrives(client, time_machine):
    programada = noticia(titulo="Programada", publicada_en=timezone.now() + timedelta(days=2))
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert client.get(programada.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_an_event_cannot_end_before_it_starts():
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError

    inicio = timezone.now()
    malo = Evento(titulo="x", slug="x", descripcion="x", inicio=inicio, fin=inicio - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        malo.full_clean()
    assert "fin" in error.value.message_dict
    with pytest.raises(IntegrityError):
        malo.save()


@pytest.mark.django_db
def test_upcoming_and_past_events_are_split_by_their_end(client):
    proximo = evento(dias=5, titulo="Seminario bianual")
    en_curso = evento(dias=0, titulo="En curso", inicio=timezone.now() - timedelta(hours=1))
    pasado = evento(dias=-30, titulo="Foro de Quito")
    evento(dias=3, titulo="Borrador", estado=Evento.Estado.BORRADOR)
    assert list(Evento.objects.proximos()) == [en_curso, proximo]
    assert list(Evento.objects.pasados()) == [pasado]
    html = client.get("/biblioteca/eventos/").content.decode()
    assert "Seminario bianual" in html and "Foro de Quito" not in html and "Borrador" not in html
    assert "Foro de Quito" in client.get("/biblioteca/eventos/pasados/").content.decode()


@pytest.mark.django_db
def test_event_page_links_its_icalendar_with_the_calendar_type(client):
    e = evento()
    html = client.get(e.get_absolute_url()).content.decode()
    assert (
        f'<link rel="alternate" type="text/calendar" title="{e.titulo}" href="/biblioteca/eventos/{e.slug}.ics">'
        in html
    )
    assert f'href="/biblioteca/eventos/{e.slug}.ics" type="text/calendar"' in html


@pytest.mark.django_db
def test_draft_event_is_404_to_visitors(client):
    assert client.get(evento(estado=Evento.Estado.BORRADOR).get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_one_event_as_icalendar_parses_with_a_real_library(client):
    largo = "Consorcios de exportación y de origen; Pisco, Tequila y sombreros de Montecristi. " * 5
    e = evento(titulo="Seminario, regional; bianual", descripcion=largo, enlace="https://meet.example.org/red")
    respuesta = client.get(f"/biblioteca/eventos/{e.slug}.ics")
    assert respuesta["Content-Type"] == "text/calendar; charset=utf-8"
    crudo = respuesta.content
    assert all(len(linea) <= 75 for linea in crudo.split(b"\r\n"))
    calendario = icalendar.Calendar.from_ical(crudo)
    (vevento,) = calendario.walk("VEVENT")
    assert str(vevento["SUMMARY"]) == "Seminario, regional; bianual"
    assert vevento.decoded("DTSTART") == e.inicio.astimezone(UTC).replace(microsecond=0)
    assert vevento.decoded("DTEND") == e.fin.astimezone(UTC).replace(microsecond=0)
    assert str(vevento["LOCATION"]) == "Quito, Ecuador"
    assert str(vevento["DESCRIPTION"]).startswith(largo.strip())
    assert "https://meet.example.org/red" in str(vevento["DESCRIPTION"])
    assert str(vevento["UID"]).startswith(f"evento-{e.pk}@")


@pytest.mark.django_db
def test_calendar_feed_lists_the_upcoming_events(client):
    evento(dias=2, titulo="Taller en Lima")
    evento(dias=9, titulo="Seminario en Quito")
    evento(dias=-9, titulo="Ya pasó")
    calendario = icalendar.Calendar.from_ical(client.get("/biblioteca/canales/eventos/ics/").content)
    assert [str(v["SUMMARY"]) for v in calendario.walk("VEVENT")] == ["Taller en Lima", "Seminario en Quito"]
    assert client.get("/biblioteca/canales/noticias/ics/").status_code == 404


@pytest.mark.parametrize("formato", ["rss", "atom"])
@pytest.mark.django_db
def test_feeds_parse_with_a_real_feed_parser(client, formato):
    nuevo_documento(titulo="Guía de consorcios de origen", autores="ONUDI", publicado_en=timezone.now())
    noticia(titulo="Nace la Red")
    noticia(titulo="Programada", publicada_en=timezone.now() + timedelta(days=1))
    evento(titulo="Seminario bianual")
    for canal, titulos in [
        ("documentos", ["Guía de consorcios de origen"]),
        ("noticias", ["Nace la Red"]),
        ("eventos", None),
    ]:
        respuesta = client.get(f"/biblioteca/canales/{canal}/{formato}/")
        assert respuesta.status_code == 200
        canal_leido = feedparser.parse(respuesta.content)
        assert not canal_leido.bozo, canal_leido.bozo_exception
        assert canal_leido.version == ("rss20" if formato == "rss" else "atom10")
        obtenidos = [e.title for e in canal_leido.entries]
        assert canal_leido.feed.link.startswith("http://testserver/biblioteca/")
        assert all(e.link.startswith("http://testserver/biblioteca/") for e in canal_leido.entries)
        if titulos is None:
            assert len(obtenidos) == 1 and obtenidos[0].startswith("Seminario bianual (")
        else:
            assert obtenidos == titulos


@pytest.mark.parametrize("cantidad", [1, 8])
@pytest.mark.django_db
def test_feed_and_list_query_counts_do_not_grow(client, django_assert_num_queries, cantidad):
    for i in range(cantidad):
        nuevo_documento(publicado_en=timezone.now())
        noticia()
        evento(dias=i + 1)
        evento(dias=-(i + 1))
    for url in ["/biblioteca/canales/documentos/rss/", "/biblioteca/canales/noticias/atom/"]:
        with django_assert_num_queries(1):  # the items
            client.get(url)
    with django_assert_num_queries(1):
        client.get("/biblioteca/canales/eventos/ics/")
    for url in ["/biblioteca/noticias/", "/biblioteca/eventos/", "/biblioteca/eventos/pasados/"]:
        with django_assert_num_queries(2):  # count for the paginator, the page
            client.get(url)


@pytest.mark.django_db
def test_detail_pages_of_news_and_events_are_a_few_constant_queries(client, django_assert_num_queries):
    n, e = noticia(), evento()
    with django_assert_num_queries(4):  # the news; the events, consortia and institutions it is about
        client.get(n.get_absolute_url())
    # the event; its programme (its presentations only if it has one); its news; its organisers; its consortia
    with django_assert_num_queries(5):
        client.get(e.get_absolute_url())


@pytest.mark.django_db
def test_library_pages_announce_their_feeds(client):
    html = client.get("/biblioteca/").content.decode()
    cabeza = html.split("</head>")[0]
    assert 'rel="alternate" type="application/rss+xml"' in cabeza
    assert 'rel="alternate" type="application/atom+xml"' in cabeza
    assert 'type="text/calendar"' in cabeza


@pytest.mark.django_db
def test_events_page_keeps_utc_times_aware():
    e = evento()
    e.refresh_from_db()
    assert e.inicio.tzinfo is not None
    assert isinstance(e.inicio, datetime)
