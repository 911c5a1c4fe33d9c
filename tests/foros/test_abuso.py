"""Anti-abuse: rate limits (tighter for new accounts), links per post, honeypot, double submit."""

import uuid

import pytest
import time_machine
from django.utils import timezone

from foros.models import Mensaje, Tema

from .conftest import antiguo

pytestmark = pytest.mark.django_db


def _responder(client, tema, texto="Una respuesta.", **extra):
    datos = {"fuente": texto, "token": str(uuid.uuid4()), **extra}
    return client.post(f"/foros/tema/{tema.pk}/responder/", datos)


def test_new_account_is_limited_per_hour_and_told_when_to_post_again(client, miembro, tema, settings):
    settings.FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA = 3
    settings.FOROS_MENSAJES_POR_HORA = 50
    client.force_login(miembro)
    with time_machine.travel(timezone.now(), tick=False) as viaje:
        for _ in range(3):
            assert _responder(client, tema).status_code == 302
        respuesta = _responder(client, tema, "Una más.")
        assert respuesta.status_code == 200
        html = respuesta.content.decode()
        assert "Podrá volver a publicar a las" in html
        assert "dentro de 60 minutos" in html
        assert "Una más." in html  # what the member typed is kept
        assert Mensaje.objects.filter(autor=miembro).count() == 3
        viaje.shift(3601)
        assert _responder(client, tema).status_code == 302


def test_older_accounts_have_the_wider_limit(client, miembro, tema, settings):
    settings.FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA = 1
    settings.FOROS_MENSAJES_POR_HORA = 4
    antiguo(miembro)
    client.force_login(miembro)
    for _ in range(4):
        assert _responder(client, tema).status_code == 302
    assert _responder(client, tema).status_code == 200
    assert Mensaje.objects.filter(autor=miembro).count() == 4


def test_staff_is_not_rate_limited(client, staff, tema, settings):
    settings.FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA = 1
    settings.FOROS_MENSAJES_POR_HORA = 1
    client.force_login(staff)
    for _ in range(3):
        assert _responder(client, tema).status_code == 302


def test_new_accounts_may_not_post_many_links(client, miembro, tema, settings):
    settings.FOROS_ENLACES_MAX_CUENTA_NUEVA = 2
    client.force_login(miembro)
    enlaces = "[a](https://a.example) [b](https://b.example) [c](https://c.example)"
    respuesta = _responder(client, tema, enlaces)
    assert respuesta.status_code == 200
    assert "como máximo 2 enlaces" in respuesta.content.decode()
    assert _responder(client, tema, "[a](https://a.example) y [b](https://b.example)").status_code == 302
    antiguo(miembro)
    assert _responder(client, tema, enlaces).status_code == 302


def test_honeypot_filled_in_creates_nothing(client, miembro, tema, foro):
    client.force_login(miembro)
    respuesta = _responder(client, tema, sitio_web="https://spam.example")
    assert respuesta.status_code == 200
    assert "No se pudo publicar el mensaje." in respuesta.content.decode()
    datos = {"titulo": "Compre ya", "fuente": "spam", "token": str(uuid.uuid4()), "sitio_web": "x"}
    assert client.post(f"/foros/{foro.slug}/nuevo/", datos).status_code == 200
    assert Mensaje.objects.count() == 1
    assert Tema.objects.count() == 1


def test_honeypot_is_hidden_by_a_css_class_not_inline_style(cliente_miembro, tema):
    html = cliente_miembro.get(tema.get_absolute_url()).content.decode()
    assert '<div class="foros-trampa" aria-hidden="true">' in html
    assert 'name="sitio_web"' in html
    assert "style=" not in html
    assert "<style" not in html


def test_double_submit_creates_one_post(client, miembro, tema):
    client.force_login(miembro)
    datos = {"fuente": "Solo una vez.", "token": str(uuid.uuid4())}
    primera = client.post(f"/foros/tema/{tema.pk}/responder/", datos)
    segunda = client.post(f"/foros/tema/{tema.pk}/responder/", datos)
    assert primera.status_code == segunda.status_code == 302
    assert primera["Location"] == segunda["Location"]
    assert Mensaje.objects.filter(fuente="Solo una vez.").count() == 1
    tema.refresh_from_db()
    assert tema.respuestas == 1


def test_double_submit_of_a_new_topic_creates_one_topic(client, miembro, foro):
    client.force_login(miembro)
    datos = {"titulo": "Indicaciones geográficas", "fuente": "¿Por dónde empezar?", "token": str(uuid.uuid4())}
    primera = client.post(f"/foros/{foro.slug}/nuevo/", datos)
    segunda = client.post(f"/foros/{foro.slug}/nuevo/", datos)
    assert primera["Location"] == segunda["Location"]
    assert Tema.objects.count() == 1


def test_preview_shows_sanitised_html_and_saves_nothing(client, miembro, tema):
    client.force_login(miembro)
    respuesta = _responder(client, tema, "**Hola** <script>alert(1)</script>", vista_previa="1")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "<strong>Hola</strong> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Todavía no se ha publicado" in html
    assert Mensaje.objects.count() == 1


def test_quote_prefills_the_reply_with_a_markdown_quote(cliente_miembro, tema):
    mensaje = tema.mensajes.get()
    respuesta = cliente_miembro.get(f"/foros/tema/{tema.pk}/responder/?cita={mensaje.pk}")
    formulario = respuesta.context["form"]
    assert (
        formulario["fuente"]
        .value()
        .startswith(f"> **Miembro de la Red n.º {tema.autor_id} escribió:**\n>\n> En Uruguay falta")
    )


def test_a_new_account_may_not_add_links_by_editing(client, miembro, tema, settings):
    settings.FOROS_ENLACES_MAX_CUENTA_NUEVA = 2
    client.force_login(miembro)
    assert _responder(client, tema, "Sin enlaces.").status_code == 302
    mensaje = Mensaje.objects.filter(autor=miembro).get()
    muchos = " ".join(f"[{i}](https://{i}.example)" for i in range(12))
    respuesta = client.post(f"/foros/mensaje/{mensaje.pk}/editar/", {"fuente": muchos})
    assert respuesta.status_code == 200
    assert "como máximo 2 enlaces" in respuesta.content.decode()
    mensaje.refresh_from_db()
    assert mensaje.fuente == "Sin enlaces."


@pytest.mark.django_db(transaction=True)
def test_replies_sent_at_once_cannot_pass_the_hourly_limit(miembro, tema, settings):
    from django.test import Client

    from tests.hilos import a_la_vez

    settings.FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA = 5
    clientes = []
    for _ in range(20):
        cliente = Client()
        cliente.force_login(miembro)
        clientes.append(cliente)
    respuestas = a_la_vez([lambda c=c: _responder(c, tema) for c in clientes])
    assert sorted(getattr(r, "status_code", r) for r in respuestas) == [200] * 15 + [302] * 5
    assert Mensaje.objects.filter(autor=miembro).count() == 5
