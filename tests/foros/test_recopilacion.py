"""Members who chose a daily digest get one e-mail a day instead of one per post."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from foros import services
from miembros.models import Perfil

from .conftest import antiguo

pytestmark = pytest.mark.django_db


def _prefiere_resumen(usuario) -> None:
    usuario.perfil.frecuencia_foros = Perfil.Frecuencia.DIARIA
    usuario.perfil.save()


def _responder(tema, autor, texto="Una respuesta."):
    return services.responder(tema=tema, autor=autor, fuente=texto, token=uuid.uuid4())


def test_digest_members_get_no_immediate_mail_but_one_digest(
    django_capture_on_commit_callbacks, tema, promotor, miembro, otro_miembro
):
    antiguo(miembro)
    _prefiere_resumen(promotor)  # the topic's author, subscribed automatically
    services.suscribir(usuario=otro_miembro, tema=tema)  # stays immediate
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro, "Primera respuesta.")
        _responder(tema, miembro, "Segunda respuesta.")
    assert {m.to[0] for m in mail.outbox} == {otro_miembro.email}

    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        call_command("enviar_recopilacion_foros", stdout=StringIO())
    [resumen] = mail.outbox
    assert resumen.to == [promotor.email]
    assert tema.titulo in resumen.body
    assert "2 mensajes nuevos" in resumen.body
    assert "/foros/mensaje/" in resumen.body


def test_digest_is_not_sent_twice_and_skips_own_and_hidden_posts(
    django_capture_on_commit_callbacks, tema, promotor, miembro, staff
):
    antiguo(miembro)
    antiguo(promotor)
    _prefiere_resumen(miembro)
    services.suscribir(usuario=miembro, tema=tema)
    assert services.enviar_recopilaciones() == 1  # the opening post
    _responder(tema, miembro, "Mi propio mensaje.")
    oculto = _responder(tema, promotor, "Un mensaje que se ocultará.")
    services.ocultar(mensaje=oculto, por=staff, motivo="Fuera de tema")
    assert services.enviar_recopilaciones() == 0  # nothing but own and hidden posts since

    _responder(tema, promotor, "Una respuesta visible.")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recopilaciones() == 1
    assert services.enviar_recopilaciones() == 0  # already covered
    assert "1 mensaje nuevo" in mail.outbox[-1].body


def test_members_with_forum_mail_off_get_no_digest_either(tema, promotor, miembro):
    antiguo(miembro)
    _prefiere_resumen(promotor)
    promotor.perfil.avisos_foros = False
    promotor.perfil.save()
    _responder(tema, miembro)
    assert services.enviar_recopilaciones(ahora=timezone.now() + timedelta(minutes=1)) == 0
