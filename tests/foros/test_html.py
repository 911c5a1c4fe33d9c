"""Every forum page parses as strict HTML5, with one <h1>, for visitors, members and staff."""

import re

import html5lib
import pytest
from django.utils import translation

from foros import services

pytestmark = pytest.mark.django_db


def _paginas(tema, mensaje) -> list[str]:
    return [
        "/foros/",
        f"/foros/{tema.foro.slug}/",
        tema.get_absolute_url(),
        "/foros/buscar/?q=uruguay",
    ]


def _paginas_miembro(tema, mensaje) -> list[str]:
    return [
        *_paginas(tema, mensaje),
        f"/foros/{tema.foro.slug}/nuevo/",
        f"/foros/tema/{tema.pk}/responder/?cita={mensaje.pk}",
        f"/foros/mensaje/{mensaje.pk}/reportar/",
    ]


def _comprobar(respuesta, url):
    assert respuesta.status_code == 200, url
    html = respuesta.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1, url
    try:
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    except html5lib.html5parser.ParseError as error:
        raise AssertionError(f"{url}: {error}") from None
    assert "style=" not in html and "<style" not in html, url
    # No inline scripts; a JSON-LD data block is data, never executed (the CSP allows it).
    assert not re.search(r'<script(?![^>]*\s(?:src=|type="application/ld\+json"))', html), url
    assert not re.search(r"\son[a-z]+=", html), url


def test_pages_are_valid_for_visitors_members_and_staff(client, promotor, miembro, staff, tema):
    respuesta = services.responder(tema=tema, autor=miembro, fuente="Una respuesta con [enlace](https://a.example).")
    services.ocultar(mensaje=respuesta, por=staff, motivo="Prueba")
    services.reportar(mensaje=tema.mensajes.first(), usuario=miembro, motivo="Prueba")
    mensaje = tema.mensajes.first()
    for url in _paginas(tema, mensaje):
        _comprobar(client.get(url), url)
    client.force_login(miembro)
    for url in _paginas_miembro(tema, mensaje):
        _comprobar(client.get(url), url)
    client.force_login(promotor)
    _comprobar(client.get(f"/foros/mensaje/{mensaje.pk}/editar/"), "editar")
    client.force_login(staff)
    for url in [*_paginas_miembro(tema, mensaje), "/foros/moderacion/"]:
        _comprobar(client.get(url), url)
    token = services.token_baja(usuario_id=promotor.pk, tema_id=tema.pk)
    client.logout()
    _comprobar(client.get(f"/foros/baja/{token}/"), "baja")
    _comprobar(client.post(f"/foros/baja/{token}/"), "baja hecha")


@pytest.mark.parametrize("idioma", ["pt", "en"])
def test_pages_are_translated(client, tema, idioma):
    with translation.override("es"):  # the test client leaves the last request's language active
        ruta = tema.get_absolute_url()
    textos = {"pt": "Fóruns", "en": "Forums"}
    assert f"<h1>{textos[idioma]}</h1>" in client.get(f"/{idioma}/foros/").content.decode()
    pagina = client.get(f"/{idioma}{ruta}").content.decode()
    assert {"pt": "Entre para responder", "en": "Log in to reply"}[idioma] in pagina
