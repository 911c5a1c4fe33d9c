"""Who may do what: anonymous visitors read, members post and edit their own posts for a while,
locked topics refuse replies, staff-only forums refuse members' topics."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from foros.models import Mensaje, Tema

pytestmark = pytest.mark.django_db


def _token() -> str:
    return str(uuid.uuid4())


def test_anonymous_reads_index_forum_and_topic(client, tema):
    for url in ["/foros/", f"/foros/{tema.foro.slug}/", tema.get_absolute_url()]:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        assert "csrfmiddlewaretoken" not in respuesta.content.decode(), url
    assert "marco jurídico" in client.get(tema.get_absolute_url()).content.decode()


def test_anonymous_cannot_post_and_is_sent_to_log_in(client, tema):
    for url in [f"/foros/tema/{tema.pk}/responder/", f"/foros/{tema.foro.slug}/nuevo/"]:
        respuesta = client.post(url, {"titulo": "Un tema anónimo", "fuente": "hola", "token": _token()})
        assert respuesta.status_code == 302
        assert "/cuentas/login/" in respuesta["Location"]
    assert Mensaje.objects.count() == 1


def test_member_opens_a_topic_and_is_redirected_to_it(cliente_miembro, foro):
    respuesta = cliente_miembro.post(
        f"/foros/{foro.slug}/nuevo/",
        {"titulo": "Consorcios de exportación en Uruguay", "fuente": "¿Cómo empezar?", "token": _token()},
    )
    tema = Tema.objects.get()
    assert respuesta.status_code == 302
    assert respuesta["Location"] == tema.get_absolute_url()
    assert tema.slug == "consorcios-de-exportacion-en-uruguay"
    assert tema.respuestas == 0


def test_member_replies_and_lands_on_the_post_anchor(cliente_miembro, tema):
    respuesta = cliente_miembro.post(
        f"/foros/tema/{tema.pk}/responder/", {"fuente": "Estoy de acuerdo.", "token": _token()}
    )
    mensaje = Mensaje.objects.latest("pk")
    assert respuesta["Location"] == f"{tema.get_absolute_url()}#m{mensaje.pk}"
    pagina = cliente_miembro.get(tema.get_absolute_url()).content.decode()
    assert f'id="m{mensaje.pk}"' in pagina


def test_staff_only_forum_refuses_members_topics(cliente_miembro, foro_anuncios):
    assert cliente_miembro.get(f"/foros/{foro_anuncios.slug}/nuevo/").status_code == 403
    respuesta = cliente_miembro.post(
        f"/foros/{foro_anuncios.slug}/nuevo/", {"titulo": "Un anuncio mío", "fuente": "hola", "token": _token()}
    )
    assert respuesta.status_code == 403
    assert not Tema.objects.exists()


def test_staff_opens_topics_in_staff_only_forum_and_members_reply(client, staff, miembro, foro_anuncios):
    client.force_login(staff)
    client.post(
        f"/foros/{foro_anuncios.slug}/nuevo/", {"titulo": "Bienvenidos a la Red", "fuente": "Hola.", "token": _token()}
    )
    tema = Tema.objects.get()
    client.force_login(miembro)
    respuesta = client.post(f"/foros/tema/{tema.pk}/responder/", {"fuente": "¡Gracias!", "token": _token()})
    assert respuesta.status_code == 302
    assert Mensaje.objects.filter(tema=tema).count() == 2


def test_locked_topic_refuses_replies_from_members_but_not_staff(client, miembro, staff, tema):
    tema.cerrado = True
    tema.save()
    client.force_login(miembro)
    assert client.post(f"/foros/tema/{tema.pk}/responder/", {"fuente": "¿Y yo?", "token": _token()}).status_code == 403
    pagina = client.get(tema.get_absolute_url()).content.decode()
    assert "no admite respuestas" in pagina
    assert f"/foros/tema/{tema.pk}/responder/" not in pagina
    client.force_login(staff)
    assert (
        client.post(f"/foros/tema/{tema.pk}/responder/", {"fuente": "Cerrado.", "token": _token()}).status_code == 302
    )
    assert Mensaje.objects.filter(tema=tema).count() == 2


def test_author_edits_own_post_within_the_window_and_it_is_marked_edited(client, promotor, tema):
    mensaje = tema.mensajes.get()
    client.force_login(promotor)
    respuesta = client.post(f"/foros/mensaje/{mensaje.pk}/editar/", {"fuente": "Texto *corregido*."})
    assert respuesta.status_code == 302
    mensaje.refresh_from_db()
    assert mensaje.html == "<p>Texto <em>corregido</em>.</p>"
    assert mensaje.editado_en is not None
    assert "(editado)" in client.get(tema.get_absolute_url()).content.decode()


def test_member_cannot_edit_someone_elses_post(cliente_miembro, tema):
    mensaje = tema.mensajes.get()
    assert cliente_miembro.get(f"/foros/mensaje/{mensaje.pk}/editar/").status_code == 403
    assert cliente_miembro.post(f"/foros/mensaje/{mensaje.pk}/editar/", {"fuente": "mío"}).status_code == 403
    mensaje.refresh_from_db()
    assert "marco jurídico" in mensaje.fuente


def test_author_cannot_edit_after_the_window(client, promotor, tema, settings):
    settings.FOROS_VENTANA_EDICION_MINUTOS = 30
    mensaje = tema.mensajes.get()
    Mensaje.objects.filter(pk=mensaje.pk).update(creado=timezone.now() - timedelta(minutes=31))
    client.force_login(promotor)
    assert client.post(f"/foros/mensaje/{mensaje.pk}/editar/", {"fuente": "tarde"}).status_code == 403
    assert "Editar</a>" not in client.get(tema.get_absolute_url()).content.decode()


def test_anonymous_and_members_cannot_moderate(client, miembro, tema):
    mensaje = tema.mensajes.get()
    acciones = [
        f"/foros/tema/{tema.pk}/moderar/fijar/",
        f"/foros/tema/{tema.pk}/moderar/cerrar/",
        f"/foros/tema/{tema.pk}/moderar/destacar/",
        f"/foros/mensaje/{mensaje.pk}/ocultar/",
    ]
    for url in acciones:
        assert client.post(url, {"motivo": "x"}).status_code == 302  # to the login page
    client.force_login(miembro)
    for url in acciones:
        assert client.post(url, {"motivo": "x"}).status_code == 403
    assert client.get("/foros/moderacion/").status_code == 403
    tema.refresh_from_db()
    assert not (tema.fijado or tema.cerrado or tema.destacado)


def test_moved_topic_redirects_its_old_address(client, tema, foro_anuncios):
    viejo = tema.get_absolute_url()
    Tema.objects.filter(pk=tema.pk).update(foro=foro_anuncios)
    tema.refresh_from_db()
    respuesta = client.get(viejo)
    assert respuesta.status_code == 301
    assert respuesta["Location"] == tema.get_absolute_url()


def test_unknown_topic_and_forum_are_404(client, foro):
    assert client.get("/foros/no-existe/").status_code == 404
    assert client.get(f"/foros/{foro.slug}/nada-999/").status_code == 404
