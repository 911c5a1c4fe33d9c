"""Posts' Markdown as members see it: bare addresses become links, previews are rate-limited,
search snippets stay plain text (issues 22 and 23)."""

import uuid

import pytest
import time_machine
from django.utils import timezone

from foros import services
from foros.models import Mensaje

from .conftest import antiguo

pytestmark = pytest.mark.django_db


def _responder(client, tema, texto, **extra):
    return client.post(f"/foros/tema/{tema.pk}/responder/", {"fuente": texto, "token": str(uuid.uuid4()), **extra})


def test_bare_addresses_in_a_post_become_links_search_engines_do_not_follow(client, miembro, tema):
    antiguo(miembro)
    client.force_login(miembro)
    _responder(client, tema, "El reglamento está en https://www.sela.org/consorcios/ y en www.unido.org.")
    pagina = client.get(tema.get_absolute_url()).content.decode()
    for enlace in (
        '<a href="https://www.sela.org/consorcios/" rel="nofollow ugc noopener">https://www.sela.org/consorcios/</a>',
        '<a href="http://www.unido.org" rel="nofollow ugc noopener">www.unido.org</a>',
    ):
        assert enlace in Mensaje.objects.get(autor=miembro).html
        assert enlace in pagina


def test_search_snippets_of_a_post_with_links_show_plain_text(client, foro, promotor):
    fuente = "Vea **el marco** en https://www.sela.org/leyes/ y [la guía](https://www.unido.org/guia) de consorcios."
    services.abrir_tema(foro=foro, autor=promotor, titulo="Leyes y guías", fuente=fuente)
    html = client.get("/foros/buscar/", {"q": "marco"}).content.decode()
    assert "Vea el <mark>marco</mark> en https://www.sela.org/leyes/ y la guía de consorcios." in html
    assert "**" not in html and "](https" not in html and "&lt;a" not in html


def test_previews_are_rate_limited_and_the_member_keeps_what_they_typed(client, miembro, tema, settings):
    settings.FOROS_VISTAS_PREVIAS_POR_HORA = 3
    antiguo(miembro)
    client.force_login(miembro)
    with time_machine.travel(timezone.now(), tick=False) as viaje:
        for _ in range(3):
            respuesta = _responder(client, tema, "Borrador *uno*.", vista_previa="1")
            assert "<em>uno</em>" in respuesta.content.decode()
        respuesta = _responder(client, tema, "Borrador *cuatro*.", vista_previa="1")
        html = respuesta.content.decode()
        assert respuesta.status_code == 200
        assert "Ha pedido muchas vistas previas en poco tiempo" in html
        assert "<em>cuatro</em>" not in html  # no Markdown was rendered
        assert "Borrador *cuatro*." in html  # what the member typed is kept
        assert not Mensaje.objects.filter(autor=miembro).exists()
        # Publishing is counted apart: the member may still post.
        assert _responder(client, tema, "Publicado.").status_code == 302
        viaje.shift(3601)
        assert "<em>cinco</em>" in _responder(client, tema, "Borrador *cinco*.", vista_previa="1").content.decode()


def test_staff_previews_are_not_limited(client, staff, tema, settings):
    settings.FOROS_VISTAS_PREVIAS_POR_HORA = 1
    client.force_login(staff)
    for _ in range(3):
        assert "<em>uno</em>" in _responder(client, tema, "Borrador *uno*.", vista_previa="1").content.decode()


def test_a_post_longer_than_the_limit_is_refused_beside_the_message(client, miembro, tema):
    antiguo(miembro)
    client.force_login(miembro)
    respuesta = _responder(client, tema, "a" * 20_001)
    assert respuesta.status_code == 200
    mensaje_de_error = "Asegúrese de que este valor tenga menos de 20000 caracteres (tiene 20001)."
    assert respuesta.context["form"].errors["fuente"] == [mensaje_de_error]
    assert mensaje_de_error in respuesta.content.decode()
    assert not Mensaje.objects.filter(autor=miembro).exists()
