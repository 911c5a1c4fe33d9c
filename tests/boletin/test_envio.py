"""Sending: resumable, nobody twice, nobody skipped; text and HTML carry the same links."""

import re

import feedparser
import pytest
from django.core import mail

from boletin import tasks
from boletin.models import Entrega, Numero


class Caida(Exception):
    """The worker dies."""


@pytest.mark.django_db
def test_interrupted_send_resumes_with_no_duplicates_and_nobody_skipped(
    numero, suscriptores, monkeypatch, django_capture_on_commit_callbacks, settings
):
    from django.core.mail.backends.locmem import EmailBackend

    enviar_original = EmailBackend.send_messages
    enviados = {"n": 0}

    def enviar_y_morir_a_la_mitad(self, mensajes):
        if enviados["n"] == 5:
            raise Caida
        enviados["n"] += len(mensajes)
        return enviar_original(self, mensajes)

    monkeypatch.setattr(EmailBackend, "send_messages", enviar_y_morir_a_la_mitad)
    # The task fails (the immediate backend records it as FAILED, as a worker would).
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)
    assert len(mail.outbox) == 5
    assert Entrega.objects.filter(enviado_en__isnull=False).count() == 5

    monkeypatch.setattr(EmailBackend, "send_messages", enviar_original)
    tasks.reanudar()  # what `manage.py reanudar_boletines` does after a restart
    destinatarios = [m.to[0] for m in mail.outbox]
    assert sorted(destinatarios) == sorted(s.email for s in suscriptores)
    assert len(set(destinatarios)) == len(destinatarios) == 10
    assert not Entrega.objects.filter(enviado_en__isnull=True).exists()


@pytest.mark.django_db
def test_starting_twice_sends_once(numero, suscriptores, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)
    assert len(mail.outbox) == 10


@pytest.mark.django_db
def test_unconfirmed_and_unsubscribed_get_nothing(numero, suscriptores, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from boletin.models import Suscriptor

    Suscriptor.objects.create(email="pendiente@example.org")
    suscriptores[0].baja_en = timezone.now()
    suscriptores[0].save()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)
    recibieron = {m.to[0] for m in mail.outbox}
    assert "pendiente@example.org" not in recibieron
    assert suscriptores[0].email not in recibieron
    assert len(recibieron) == 9


@pytest.mark.django_db
def test_text_and_html_parts_carry_the_same_absolute_links(numero, suscriptores, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)
    correo = mail.outbox[0]
    html = correo.alternatives[0].content
    enlaces_texto = set(re.findall(r"https?://[^\s<>\"]+", correo.body))
    enlaces_html = set(re.findall(r'href="([^"]+)"', html))
    assert enlaces_texto == enlaces_html
    assert all(e.startswith(("http://", "https://")) for e in enlaces_html)
    assert "http://127.0.0.1:8000/consorcios/pisco/" in enlaces_html
    assert "Descartado" not in html  # staff left it out
    assert "<img" not in html  # no tracking pixels
    assert correo.extra_headers["List-Unsubscribe"].startswith("<http")
    assert correo.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_each_subscriber_reads_it_in_their_language(numero, suscriptores, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)
    por_destinatario = {m.to[0]: m for m in mail.outbox}
    assert "Boletín" in por_destinatario["s0@example.org"].subject
    assert "/en/boletin/baja/" in por_destinatario["s2@example.org"].body


@pytest.mark.django_db
def test_sent_issue_has_a_public_page_archive_and_feed(client, numero, suscriptores, django_assert_num_queries):
    assert client.get("/boletin/1/").status_code == 404  # not sent yet
    tasks.iniciar_envio(numero=numero)
    respuesta = client.get("/boletin/1/")
    assert respuesta.status_code == 200
    assert "Pisco" in respuesta.content.decode()
    assert "Consorcios de origen" in client.get("/boletin/").content.decode()
    feed = feedparser.parse(client.get("/boletin/feed/").content)
    assert not feed.bozo
    assert feed.entries[0].title.startswith("1.")


@pytest.mark.django_db
def test_archive_query_count_does_not_grow(client, django_assert_num_queries):
    from django.utils import timezone

    def crear(desde, hasta):
        for n in range(desde, hasta):
            Numero.objects.create(numero=n, titulo=f"N{n}", desde=timezone.now(), enviado_en=timezone.now())

    crear(1, 3)
    # count for pagination, then the page of issues
    with django_assert_num_queries(2):
        client.get("/boletin/")
    crear(3, 40)
    with django_assert_num_queries(2):
        client.get("/boletin/")


@pytest.mark.django_db
def test_admin_prefills_a_new_issue_and_previews_it(cliente_staff, numero):
    respuesta = cliente_staff.get("/admin/boletin/numero/add/")
    assert respuesta.status_code == 200
    assert 'value="2"' in respuesta.content.decode()  # the next number
    vista = cliente_staff.get(f"/admin/boletin/numero/{numero.pk}/vista-previa/")
    assert vista.status_code == 200
    assert "Pisco" in vista.content.decode()


@pytest.mark.django_db
def test_admin_test_email_goes_only_to_the_staff_member(cliente_staff, staff, numero, suscriptores):
    cliente_staff.post(
        "/admin/boletin/numero/", {"action": "enviar_prueba", "_selected_action": [numero.pk]}, follow=True
    )
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert not Entrega.objects.exists()


@pytest.mark.django_db
def test_sending_to_every_subscriber_asks_first_and_says_to_how_many(
    cliente_staff, numero, suscriptores, django_capture_on_commit_callbacks
):
    datos = {"action": "enviar_a_suscriptores", "_selected_action": [numero.pk]}
    pregunta = cliente_staff.post("/admin/boletin/numero/", datos)
    assert pregunta.status_code == 200
    html = pregunta.content.decode()
    assert "10 suscriptores confirmados" in html and "Consorcios de origen" in html
    assert not Entrega.objects.exists() and not mail.outbox  # nothing sent by asking

    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_staff.post("/admin/boletin/numero/", {**datos, "confirmado": "1"})
    assert respuesta.status_code == 302
    assert Entrega.objects.filter(numero=numero).count() == 10
    assert len(mail.outbox) == 10
