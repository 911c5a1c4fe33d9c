"""Administrators invite promoters by a signed link; members ask to be linked and administrators confirm."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from miembros.models import MiembroInstitucion

from .conftest import vincular

pytestmark = pytest.mark.django_db

AVISO = "Si esa dirección pertenece a un miembro, recibirá una invitación."


def _invitar(cliente, institucion, correo: str, capturar):
    with capturar(execute=True):
        return cliente.post(f"/red/instituciones/{institucion.slug}/invitar/", {"correo": correo}, follow=True)


def _enlace(mensaje) -> str:
    return re.search(r"https?://\S+(/red/invitacion/\S+/)", mensaje.body).group(1)


def test_the_inviter_learns_nothing_about_who_has_an_account(
    client, proecuador, promotor, miembro, django_capture_on_commit_callbacks
):
    client.force_login(promotor)
    for correo in ("MIEMBRO@example.org", "nadie@example.org"):
        html = _invitar(client, proecuador, correo, django_capture_on_commit_callbacks).content.decode()
        assert AVISO in html and "nadie@example.org" not in html
    assert [m.to for m in mail.outbox] == [["miembro@example.org"]]
    assert proecuador.vinculos.get(usuario=miembro).estado == MiembroInstitucion.Estado.INVITADO


def test_the_invited_member_becomes_a_promoter_by_accepting(
    client, proecuador, promotor, miembro, django_capture_on_commit_callbacks
):
    client.force_login(promotor)
    _invitar(client, proecuador, miembro.email, django_capture_on_commit_callbacks)
    enlace = _enlace(mail.outbox[0])
    client.logout()
    assert client.get(enlace)["Location"].startswith("/cuentas/login/?next=")
    client.force_login(miembro)
    assert proecuador.nombre in client.get(enlace).content.decode()  # a GET changes nothing
    assert proecuador.vinculos.get(usuario=miembro).estado == "invitado"
    respuesta = client.post(enlace)
    assert respuesta["Location"] == f"/red/instituciones/{proecuador.slug}/"
    vinculo = proecuador.vinculos.get(usuario=miembro)
    assert (vinculo.estado, vinculo.rol) == ("activo", "promotor")
    miembro.perfil.refresh_from_db()
    assert miembro.perfil.institucion == proecuador
    client.post(enlace)  # twice: nothing more
    assert proecuador.vinculos.filter(usuario=miembro).count() == 1


def test_an_expired_invitation_is_refused(client, proecuador, promotor, miembro, django_capture_on_commit_callbacks):
    client.force_login(promotor)
    _invitar(client, proecuador, miembro.email, django_capture_on_commit_callbacks)
    enlace = _enlace(mail.outbox[0])
    client.force_login(miembro)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        respuesta = client.post(enlace)
    assert respuesta.status_code == 400 and "caducó" in respuesta.content.decode()
    assert proecuador.vinculos.get(usuario=miembro).estado == "invitado"


def test_a_withdrawn_or_misdirected_invitation_is_refused(
    client, proecuador, promotor, miembro, staff, django_capture_on_commit_callbacks
):
    client.force_login(promotor)
    _invitar(client, proecuador, miembro.email, django_capture_on_commit_callbacks)
    enlace = _enlace(mail.outbox[0])
    client.force_login(staff)
    assert "otra dirección" in client.post(enlace).content.decode()
    client.force_login(promotor)
    invitacion = proecuador.vinculos.get(usuario=miembro)
    client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{invitacion.pk}/quitar/")
    client.force_login(miembro)
    respuesta = client.post(enlace)
    assert respuesta.status_code == 400 and "retirada" in respuesta.content.decode()
    assert not proecuador.vinculos.filter(usuario=miembro).exists()


def test_administrator_confirms_or_declines_a_link_request(client, proecuador, promotor, miembro, staff):
    pedido = vincular(proecuador, miembro, estado=MiembroInstitucion.Estado.PEDIDO)
    otro = vincular(proecuador, staff, estado=MiembroInstitucion.Estado.PEDIDO)
    client.force_login(promotor)
    html = client.get(f"/red/instituciones/{proecuador.slug}/editar/").content.decode()
    assert "Piden sumarse" in html and "miembro@example.org" in html
    client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{pedido.pk}/confirmar/")
    client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{otro.pk}/quitar/")
    pedido.refresh_from_db()
    assert pedido.estado == MiembroInstitucion.Estado.ACTIVO
    assert not MiembroInstitucion.objects.filter(pk=otro.pk).exists()
    miembro.perfil.refresh_from_db()
    assert miembro.perfil.institucion == proecuador


def test_a_get_never_confirms(client, proecuador, promotor, miembro):
    pedido = vincular(proecuador, miembro, estado=MiembroInstitucion.Estado.PEDIDO)
    client.force_login(promotor)
    assert client.get(f"/red/instituciones/{proecuador.slug}/vinculos/{pedido.pk}/confirmar/").status_code == 405
    pedido.refresh_from_db()
    assert pedido.estado == MiembroInstitucion.Estado.PEDIDO


def test_a_promoter_of_another_institution_can_be_invited_but_not_one_already_linked(
    client, proecuador, promotor, miembro, django_capture_on_commit_callbacks
):
    from .conftest import crear_institucion

    vincular(crear_institucion(nombre="Otra agencia"), miembro)
    client.force_login(promotor)
    _invitar(client, proecuador, miembro.email, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["miembro@example.org"]]
    mail.outbox.clear()
    _invitar(client, proecuador, promotor.email, django_capture_on_commit_callbacks)  # already its administrator
    assert mail.outbox == []
