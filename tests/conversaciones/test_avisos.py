"""The e-mail notice of messages unread for a few minutes, with a fake clock."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conversaciones import services

from .conftest import antiguo

pytestmark = pytest.mark.django_db


def test_a_message_unread_for_ten_minutes_is_noticed_once(
    conversacion, promotor, miembro, django_capture_on_commit_callbacks
):
    ahora = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(ahora + timedelta(minutes=9)):
            assert services.avisar_no_leidos() == 0
        with time_machine.travel(ahora + timedelta(minutes=11)):
            assert services.avisar_no_leidos() == 1
            assert services.avisar_no_leidos() == 0  # covered: never twice
    (correo,) = mail.outbox
    assert correo.to == [promotor.email]
    assert "Consorcio Pisco del Sur" in correo.body
    assert f"/conversaciones/{conversacion.pk}/" in correo.body
    assert miembro.email not in correo.body


def test_one_email_per_member_lists_every_conversation(
    conversacion, promotor, django_user_model, django_capture_on_commit_callbacks
):
    from tests.conftest import _crear_usuario

    otro = antiguo(_crear_usuario(django_user_model, "otro@example.org"))
    services.abrir_conversacion(iniciador=otro, destinatarios=[promotor], cuerpo="Hola", asunto="Feria de Lima")
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(timezone.now() + timedelta(minutes=15)),
    ):
        assert services.avisar_no_leidos() == 1
    (correo,) = mail.outbox
    assert "Feria de Lima" in correo.body and "Consorcio Pisco del Sur" in correo.body
    assert "2 conversaciones" in correo.subject


def test_read_muted_or_opted_out_conversations_send_nothing(conversacion, promotor, django_capture_on_commit_callbacks):
    despues = timezone.now() + timedelta(minutes=15)
    services.silenciar(conversacion=conversacion, usuario=promotor)
    with time_machine.travel(despues):
        assert services.avisar_no_leidos() == 0
    services.silenciar(conversacion=conversacion, usuario=promotor, valor=False)
    promotor.perfil.avisos_conversaciones = False
    promotor.perfil.save()
    with time_machine.travel(despues):
        assert services.avisar_no_leidos() == 0
    promotor.perfil.avisos_conversaciones = True
    promotor.perfil.save()
    services.marcar_leido(conversacion=conversacion, usuario=promotor, mensaje_id=conversacion.ultimo_mensaje)
    with time_machine.travel(despues):
        assert services.avisar_no_leidos() == 0


def test_the_notice_is_in_the_members_language(conversacion, promotor, django_capture_on_commit_callbacks):
    promotor.perfil.idioma = "en"
    promotor.perfil.save()
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(timezone.now() + timedelta(minutes=15)),
    ):
        call_command("avisar_conversaciones", stdout=io.StringIO())
    (correo,) = mail.outbox
    assert "unread" in correo.subject.lower()
    assert "/en/conversaciones/" in correo.body
