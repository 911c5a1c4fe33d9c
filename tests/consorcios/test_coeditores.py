"""Sharing a consortium: a responsable invites a colleague by e-mail; the colleague becomes a
responsable only by accepting, logged in, before the link expires; the form never tells who is a member."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from consorcios.models import HistorialCambio

pytestmark = pytest.mark.django_db

AVISO = "Si esa dirección pertenece a un miembro, recibirá una invitación."


def _invitar(cliente, consorcio, correo: str, capturar):
    with capturar(execute=True):
        return cliente.post(f"/consorcios/{consorcio.slug}/responsables/", {"correo": correo}, follow=True)


def _enlace(mensaje) -> str:
    return re.search(r"https?://\S+(/consorcios/invitacion/\S+/)", mensaje.body).group(1)


def test_the_inviter_sees_the_same_message_whether_or_not_the_address_has_an_account(
    cliente_promotor, publicado, miembro, django_capture_on_commit_callbacks
):
    conocida = _invitar(cliente_promotor, publicado, "MIEMBRO@example.org", django_capture_on_commit_callbacks)
    desconocida = _invitar(cliente_promotor, publicado, "nadie@example.org", django_capture_on_commit_callbacks)
    for respuesta in (conocida, desconocida):
        html = respuesta.content.decode()
        assert AVISO in html
        assert "miembro@example.org" not in html.lower() and "nadie@example.org" not in html
    # Nobody was added without consent; only the member was e-mailed.
    assert list(publicado.responsables.all()) == [publicado.responsables.get()]
    assert not publicado.responsables.filter(pk=miembro.pk).exists()
    assert [m.to for m in mail.outbox] == [["miembro@example.org"]]


def test_the_invited_member_becomes_a_responsable_by_accepting_while_logged_in(
    client, cliente_promotor, publicado, miembro, django_capture_on_commit_callbacks
):
    _invitar(cliente_promotor, publicado, miembro.email, django_capture_on_commit_callbacks)
    (mensaje,) = mail.outbox
    assert publicado.nombre in mensaje.subject
    enlace = _enlace(mensaje)

    client.logout()
    assert client.get(enlace)["Location"].startswith("/cuentas/login/?next=")
    client.force_login(miembro)
    pagina = client.get(enlace)  # a GET shows the invitation and changes nothing
    assert pagina.status_code == 200
    assert publicado.nombre in pagina.content.decode()
    assert not publicado.responsables.filter(pk=miembro.pk).exists()

    respuesta = client.post(enlace)
    assert respuesta["Location"] == f"/consorcios/{publicado.slug}/editar/"
    assert publicado.responsables.filter(pk=miembro.pk).exists()
    assert HistorialCambio.objects.filter(
        consorcio=publicado, usuario=miembro, accion=HistorialCambio.Accion.RESPONSABLE
    ).exists()
    assert client.get(f"/consorcios/{publicado.slug}/editar/").status_code == 200


def test_an_invitation_for_one_address_does_not_work_for_another_account(
    client, cliente_promotor, publicado, miembro, django_user_model, django_capture_on_commit_callbacks
):
    _invitar(cliente_promotor, publicado, miembro.email, django_capture_on_commit_callbacks)
    enlace = _enlace(mail.outbox[0])
    otro = django_user_model.objects.create_user(username="otro", email="otro@example.org", password="x-1234567890")
    client.force_login(otro)
    respuesta = client.post(enlace)
    assert respuesta.status_code == 400
    assert "otra dirección" in respuesta.content.decode()
    assert not publicado.responsables.filter(pk=otro.pk).exists()


def test_invitations_expire(client, cliente_promotor, publicado, miembro, settings, django_capture_on_commit_callbacks):
    settings.CONSORCIOS_INVITACION_DIAS = 3
    _invitar(cliente_promotor, publicado, miembro.email, django_capture_on_commit_callbacks)
    enlace = _enlace(mail.outbox[0])
    assert "3 días" in mail.outbox[0].body
    client.force_login(miembro)
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        respuesta = client.post(enlace)
    assert respuesta.status_code == 400
    assert "caducó" in respuesta.content.decode()
    assert not publicado.responsables.filter(pk=miembro.pk).exists()


def test_a_tampered_invitation_link_is_refused(
    client, cliente_promotor, publicado, miembro, django_capture_on_commit_callbacks
):
    _invitar(cliente_promotor, publicado, miembro.email, django_capture_on_commit_callbacks)
    enlace = _enlace(mail.outbox[0])
    client.force_login(miembro)
    respuesta = client.post(enlace.replace("/invitacion/", "/invitacion/x"))
    assert respuesta.status_code == 400
    assert not publicado.responsables.filter(pk=miembro.pk).exists()


def test_only_responsables_may_invite(cliente_miembro, publicado, django_capture_on_commit_callbacks):
    respuesta = cliente_miembro.post(f"/consorcios/{publicado.slug}/responsables/", {"correo": "x@example.org"})
    assert respuesta.status_code == 403
    assert mail.outbox == []


def test_the_edit_page_offers_to_invite_a_colleague(cliente_promotor, publicado):
    html = cliente_promotor.get(f"/consorcios/{publicado.slug}/editar/").content.decode()
    assert f'action="/consorcios/{publicado.slug}/responsables/"' in html
    assert "recibirá una invitación" in html
