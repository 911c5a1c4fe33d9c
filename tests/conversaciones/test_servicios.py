"""The workflows: opening, writing, limits, blocks, read marks, mute and leave, personal data."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conversaciones import services
from conversaciones.models import Conversacion, Mensaje, Participante
from tests.conftest import _crear_usuario

from .conftest import antiguo

pytestmark = pytest.mark.django_db


def test_contacting_the_same_people_about_the_same_consortium_reuses_the_conversation(
    conversacion, miembro, promotor, consorcio
):
    otra = services.abrir_conversacion(
        iniciador=miembro, destinatarios=[promotor], cuerpo="Otra pregunta", sobre=consorcio
    )
    assert otra.pk == conversacion.pk
    assert Conversacion.objects.count() == 1
    assert conversacion.mensajes.count() == 2


def test_a_double_submit_creates_one_message(conversacion, miembro):
    token = uuid.uuid4()
    primero = services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Una vez", token=token)
    segundo = services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Una vez", token=token)
    assert primero.pk == segundo.pk
    assert Mensaje.objects.filter(token=token).count() == 1


def test_opening_twice_with_the_same_token_opens_one_conversation(miembro, promotor):
    token = uuid.uuid4()
    a = services.abrir_conversacion(iniciador=miembro, destinatarios=[promotor], cuerpo="Hola", token=token)
    b = services.abrir_conversacion(iniciador=miembro, destinatarios=[promotor], cuerpo="Hola", token=token)
    assert a.pk == b.pk and Mensaje.objects.count() == 1


def test_a_group_holds_at_most_twenty_members(django_user_model, miembro, settings):
    otros = [
        _crear_usuario(django_user_model, f"m{n}@example.org") for n in range(settings.CONVERSACIONES_MAX_PARTICIPANTES)
    ]
    with pytest.raises(ValidationError, match="como máximo 20 participantes"):
        services.abrir_conversacion(iniciador=miembro, destinatarios=otros, cuerpo="A todos")
    grupo = services.abrir_conversacion(iniciador=miembro, destinatarios=otros[:19], cuerpo="A casi todos")
    assert grupo.participantes.count() == 20


def test_the_participant_limit_is_mirrored_in_clean(django_user_model, miembro, settings):
    settings.CONVERSACIONES_MAX_PARTICIPANTES = 2
    otro = _crear_usuario(django_user_model, "otro@example.org")
    conversacion = services.abrir_conversacion(iniciador=miembro, destinatarios=[otro], cuerpo="Hola")
    tercero = _crear_usuario(django_user_model, "tercero@example.org")
    with pytest.raises(ValidationError):
        Participante(conversacion=conversacion, miembro=tercero).full_clean()


def test_a_blocked_member_cannot_start_a_conversation(miembro, promotor):
    services.bloquear(quien=promotor, a_quien=miembro)
    with pytest.raises(services.Bloqueado):
        services.abrir_conversacion(iniciador=miembro, destinatarios=[promotor], cuerpo="Hola")
    assert not Conversacion.objects.exists()


def test_a_blocked_member_cannot_write_and_unblocking_lets_them(conversacion, miembro, promotor):
    services.bloquear(quien=promotor, a_quien=miembro)
    with pytest.raises(services.Bloqueado):
        services.escribir(conversacion=conversacion, autor=miembro, cuerpo="¿Sigue ahí?")
    # The one who blocked may still write.
    services.escribir(conversacion=conversacion, autor=promotor, cuerpo="Por favor no insista")
    services.desbloquear(quien=promotor, a_quien=miembro)
    services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Disculpe")


def test_a_non_participant_cannot_write(conversacion, intruso):
    with pytest.raises(PermissionDenied):
        services.escribir(conversacion=conversacion, autor=intruso, cuerpo="Hola")


def test_new_accounts_write_fewer_messages_per_hour(conversacion, promotor, miembro, settings):
    settings.CONVERSACIONES_MENSAJES_POR_HORA_CUENTA_NUEVA = 2
    miembro.date_joined = promotor.date_joined = timezone.now()
    miembro.save()
    # The fixture's first message already counts: one more is allowed, the next is not.
    services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Dos")
    with pytest.raises(services.RitmoExcedido):
        services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Tres")
    antiguo(miembro)
    services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Ya no es nueva")


def test_new_accounts_may_put_only_a_few_links(conversacion, miembro):
    miembro.date_joined = timezone.now()
    miembro.save()
    enlaces = " ".join(f"https://ejemplo{n}.org" for n in range(3))
    with pytest.raises(ValidationError) as error:
        services.escribir(conversacion=conversacion, autor=miembro, cuerpo=enlaces)
    assert "cuerpo" in error.value.error_dict


def test_markdown_is_sanitised_when_written(conversacion, miembro):
    mensaje = services.escribir(
        conversacion=conversacion, autor=miembro, cuerpo="<script>alert(1)</script> **hola** [x](javascript:alert(1))"
    )
    assert "<script>" not in mensaje.cuerpo_html
    assert "&lt;script&gt;" in mensaje.cuerpo_html
    assert "<strong>hola</strong>" in mensaje.cuerpo_html
    assert 'href="javascript' not in mensaje.cuerpo_html


def test_unread_count_follows_messages_read_marks_and_mute(conversacion, miembro, promotor):
    assert services.no_leidos(promotor) == 1
    assert services.no_leidos(miembro) == 0  # one's own message is read
    services.marcar_leido(conversacion=conversacion, usuario=promotor, mensaje_id=conversacion.ultimo_mensaje)
    assert services.no_leidos(promotor) == 0
    services.escribir(conversacion=conversacion, autor=miembro, cuerpo="¿Y a Corea?")
    assert services.no_leidos(promotor) == 1
    services.silenciar(conversacion=conversacion, usuario=promotor)
    assert services.no_leidos(promotor) == 0


def test_a_read_mark_never_moves_backwards(conversacion, miembro, promotor):
    services.marcar_leido(conversacion=conversacion, usuario=promotor, mensaje_id=conversacion.ultimo_mensaje)
    services.marcar_leido(conversacion=conversacion, usuario=promotor, mensaje_id=0)
    assert Participante.objects.get(miembro=promotor).ultimo_leido == conversacion.ultimo_mensaje


def test_leaving_takes_the_conversation_from_the_inbox_and_others_keep_it(conversacion, miembro, promotor):
    services.salir(conversacion=conversacion, usuario=promotor)
    assert not Conversacion.objects.de(promotor).exists()
    assert Conversacion.objects.de(miembro).exists()
    with pytest.raises(PermissionDenied):
        services.escribir(conversacion=conversacion, autor=promotor, cuerpo="Vuelvo")


def test_editors_of_an_institution_are_its_active_administrators(promotor, miembro):
    from miembros.models import MiembroInstitucion
    from tests.red.conftest import crear_institucion, vincular

    institucion = crear_institucion(nombre="ProEcuador")
    vincular(institucion, promotor, rol=MiembroInstitucion.Rol.ADMINISTRADOR)
    vincular(institucion, miembro, rol=MiembroInstitucion.Rol.PROMOTOR)
    assert list(services.editores(institucion)) == [promotor]


def test_erasure_leaves_deleted_messages_and_the_others_keep_the_conversation(conversacion, miembro, promotor):
    services.escribir(conversacion=conversacion, autor=promotor, cuerpo="Sí, exportamos")
    services.borrar_datos_de_miembro(miembro, conservar_mensajes=True)
    miembro.delete()
    mensajes = list(conversacion.mensajes.order_by("pk"))
    assert mensajes[0].eliminado and mensajes[0].cuerpo == "" and mensajes[0].autor is None
    assert mensajes[1].cuerpo == "Sí, exportamos"
    assert list(Conversacion.objects.de(promotor)) == [conversacion]


def test_the_export_holds_the_members_own_messages_and_nobody_elses(conversacion, miembro, promotor):
    services.escribir(conversacion=conversacion, autor=promotor, cuerpo="Texto del otro")
    datos = services.datos_de_miembro(miembro)
    textos = [m["texto"] for m in datos["mensajes_conversaciones"]]
    assert textos == ["Hola, ¿exportan a Japón?"]
    assert datos["conversaciones"][0]["conversacion_id"] == conversacion.pk
    assert "Texto del otro" not in str(datos)


def test_the_live_token_is_revoked_by_a_password_change(miembro):
    token = services.token_vivo(miembro)
    assert services.leer_token_vivo(token) == miembro
    assert services.leer_token_vivo(token + "x") is None
    miembro.set_password("otra-clave-distinta-2026")
    miembro.save()
    assert services.leer_token_vivo(token) is None
