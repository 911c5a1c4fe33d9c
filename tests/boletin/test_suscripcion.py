"""Double opt-in, unsubscribe without logging in, members' own subscription."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client

from boletin import services
from boletin.models import Suscriptor


def _enlace(correo) -> str:
    return re.search(r"http://\S+/boletin/confirmar/\S+/", correo.body).group(0).replace("http://127.0.0.1:8000", "")


@pytest.mark.django_db
def test_subscribing_sends_only_a_confirmation_and_nothing_else(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post("/boletin/suscribirse/", {"email": "Lectora@Example.org"})
    assert respuesta.status_code == 302
    assert len(mail.outbox) == 1
    assert "/boletin/confirmar/" in mail.outbox[0].body
    suscriptor = Suscriptor.objects.get()
    assert not suscriptor.activo
    assert list(Suscriptor.objects.activos()) == []


@pytest.mark.django_db
def test_confirmation_link_shows_a_button_and_only_post_confirms(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/boletin/suscribirse/", {"email": "lectora@example.org"})
    enlace = _enlace(mail.outbox[0])
    assert client.get(enlace).status_code == 200
    assert not Suscriptor.objects.get().activo  # mail scanners that follow links confirm nothing
    client.post(enlace)
    assert Suscriptor.objects.get().activo


@pytest.mark.django_db
def test_confirmation_token_expires(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/boletin/suscribirse/", {"email": "lectora@example.org"})
    enlace = _enlace(mail.outbox[0])
    with time_machine.travel(timedelta(days=4)):
        respuesta = client.post(enlace)
    assert respuesta.status_code == 400
    assert "caducó" in respuesta.content.decode()
    assert not Suscriptor.objects.get().activo


@pytest.mark.django_db
def test_confirmation_token_cannot_be_forged(client):
    otro = Suscriptor.objects.create(email="victima@example.org")
    token = services.token_confirmacion(otro)
    falso = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert client.post(f"/boletin/confirmar/{falso}/").status_code == 400
    # A valid unsubscribe token is no confirmation token either (different salt).
    assert client.post(f"/boletin/confirmar/{services.token_baja(otro)}/").status_code == 400
    otro.refresh_from_db()
    assert not otro.activo


@pytest.mark.django_db
def test_known_address_gets_the_same_answer_and_no_mail(client, suscriptores, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post("/boletin/suscribirse/", {"email": suscriptores[0].email.upper()})
    assert respuesta.status_code == 302
    assert mail.outbox == []
    assert Suscriptor.objects.count() == len(suscriptores)


@pytest.mark.django_db
def test_bad_address_is_refused_beside_the_field_and_kept(client):
    respuesta = client.post("/boletin/suscribirse/", {"email": "no-es-correo"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert 'value="no-es-correo"' in html
    assert 'class="errores"' in html


@pytest.mark.django_db
def test_honeypot_refuses_bots(client):
    client.post("/boletin/suscribirse/", {"email": "bot@example.org", "sitio": "http://spam"})
    assert not Suscriptor.objects.exists()


@pytest.mark.django_db
def test_unsubscribe_works_without_logging_in_even_one_click_without_csrf(suscriptores):
    suscriptor = suscriptores[0]
    url = services.url_baja(suscriptor).replace("http://127.0.0.1:8000", "")
    cliente = Client(enforce_csrf_checks=True)
    assert cliente.get(url).status_code == 200
    suscriptor.refresh_from_db()
    assert suscriptor.activo  # the GET only asks
    assert cliente.post(url).status_code == 200
    suscriptor.refresh_from_db()
    assert not suscriptor.activo


@pytest.mark.django_db
def test_forged_unsubscribe_link_is_404(client, suscriptores):
    assert client.post("/boletin/baja/no-es-un-token/").status_code == 404
    assert all(s.activo for s in Suscriptor.objects.all())


@pytest.mark.django_db
def test_member_subscribes_from_profile_without_opt_in_mail(cliente_miembro, miembro):
    cliente_miembro.post("/boletin/mi-suscripcion/cambiar/", {"accion": "alta"})
    assert Suscriptor.objects.get(email=miembro.email).activo
    assert mail.outbox == []
    cliente_miembro.post("/boletin/mi-suscripcion/cambiar/", {"accion": "baja"})
    assert not Suscriptor.objects.get(email=miembro.email).activo


@pytest.mark.django_db
def test_own_subscription_page_requires_login(client):
    assert client.get("/boletin/mi-suscripcion/").status_code == 302
