"""A new post e-mails each subscriber once, after commit, never the author; the unsubscribe
link in every e-mail works without logging in."""

import re
import uuid

import pytest
from django.core import mail
from django.db import transaction

from foros import services
from foros.models import Suscripcion

pytestmark = pytest.mark.django_db


def _responder(tema, autor, texto="Una respuesta."):
    return services.responder(tema=tema, autor=autor, fuente=texto, token=uuid.uuid4())


def _enlace_baja(correo) -> str:
    return re.search(r"https?://\S+/foros/baja/\S+/", correo.body).group(0)


def test_reply_emails_each_subscriber_once_and_never_the_author(
    django_capture_on_commit_callbacks, tema, promotor, miembro, otro_miembro, staff
):
    # The promoter follows the topic (author) and the forum; the staff member follows the forum only.
    services.suscribir(usuario=promotor, foro=tema.foro)
    services.suscribir(usuario=staff, foro=tema.foro)
    services.suscribir(usuario=otro_miembro, tema=tema)
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro)
    destinatarios = sorted(correo.to[0] for correo in mail.outbox)
    assert destinatarios == sorted([promotor.email, staff.email, otro_miembro.email])
    assert miembro.email not in destinatarios
    assert all("Una respuesta." in correo.body for correo in mail.outbox)


def test_author_is_subscribed_automatically_and_not_notified_of_own_post(
    django_capture_on_commit_callbacks, tema, miembro
):
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro)
    assert Suscripcion.objects.filter(usuario=miembro, tema=tema).exists()
    # The topic's author (promotor) is the only one notified.
    assert [c.to for c in mail.outbox] == [[tema.autor.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, tema.autor, "Respuesta del autor del tema.")
    assert [c.to for c in mail.outbox] == [[miembro.email]]


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, tema, miembro):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _responder(tema, miembro)
        raise RuntimeError("algo falló después de publicar")
    assert callbacks == []
    assert mail.outbox == []
    assert tema.mensajes.count() == 1


def test_members_who_turned_forum_emails_off_get_none(django_capture_on_commit_callbacks, tema, miembro):
    tema.autor.perfil.avisos_foros = False
    tema.autor.perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro)
    assert mail.outbox == []


def test_email_has_list_unsubscribe_headers_and_a_link_to_the_post(django_capture_on_commit_callbacks, tema, miembro):
    with django_capture_on_commit_callbacks(execute=True):
        mensaje = _responder(tema, miembro)
    correo = mail.outbox[0]
    assert correo.subject == f"Nueva respuesta en «{tema.titulo}»"
    assert f"/foros/mensaje/{mensaje.pk}/" in correo.body
    assert correo.extra_headers["List-Unsubscribe"] == f"<{_enlace_baja(correo)}>"
    assert correo.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "@" not in correo.body.split("--")[0].replace(tema.autor.email, "")  # no addresses in the text


def test_unsubscribe_link_works_without_logging_in(client, django_capture_on_commit_callbacks, tema, miembro):
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro)
    ruta = _enlace_baja(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    # The GET only asks (a GET never writes)…
    pagina = client.get(f"/{ruta}")
    assert pagina.status_code == 200
    assert Suscripcion.objects.filter(usuario=tema.autor, tema=tema).exists()
    # …one click on its button (or the mail client's one-click POST) unsubscribes, with no session or CSRF token.
    client.handler.enforce_csrf_checks = True
    respuesta = client.post(f"/{ruta}")
    assert respuesta.status_code == 200
    assert "ya no recibirá avisos" in respuesta.content.decode()
    assert not Suscripcion.objects.filter(usuario=tema.autor, tema=tema).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro, "Otra respuesta.")
    assert mail.outbox == []


def test_forged_unsubscribe_token_is_refused(client, tema):
    token = services.token_baja(usuario_id=tema.autor_id, tema_id=tema.pk)
    assert client.post(f"/foros/baja/{token[:-2]}xx/").status_code == 404
    assert Suscripcion.objects.filter(usuario=tema.autor, tema=tema).exists()


def test_forum_subscribers_hear_of_new_topics(django_capture_on_commit_callbacks, foro, promotor, miembro):
    services.suscribir(usuario=miembro, foro=foro)
    with django_capture_on_commit_callbacks(execute=True):
        services.abrir_tema(foro=foro, autor=promotor, titulo="Marcas colectivas", fuente="¿Experiencias?")
    assert [c.to for c in mail.outbox] == [[miembro.email]]
    assert "Nuevo tema" in mail.outbox[0].subject


def test_subscribe_and_unsubscribe_buttons(cliente_miembro, miembro, tema):
    cliente_miembro.post(f"/foros/tema/{tema.pk}/suscripcion/", {"accion": "alta"})
    assert Suscripcion.objects.filter(usuario=miembro, tema=tema).exists()
    assert "Dejar de seguir este tema" in cliente_miembro.get(tema.get_absolute_url()).content.decode()
    cliente_miembro.post(f"/foros/tema/{tema.pk}/suscripcion/", {"accion": "baja"})
    assert not Suscripcion.objects.filter(usuario=miembro, tema=tema).exists()
    cliente_miembro.post(f"/foros/{tema.foro.slug}/suscripcion/", {"accion": "alta"})
    assert Suscripcion.objects.filter(usuario=miembro, foro=tema.foro).exists()
    cliente_miembro.post(f"/foros/{tema.foro.slug}/suscripcion/", {"accion": "baja"})
    assert not Suscripcion.objects.filter(usuario=miembro).exists()


def test_portuguese_speaking_subscribers_are_written_in_portuguese(django_capture_on_commit_callbacks, tema, miembro):
    tema.autor.perfil.idioma = "pt"
    tema.autor.perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        _responder(tema, miembro)
    assert mail.outbox[0].subject.startswith("Nova resposta")
