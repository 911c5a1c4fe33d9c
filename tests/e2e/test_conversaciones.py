"""Browser journey of conversations (issue 25): two members in two browsers. One opens a consortium,
clicks "Contactar" and writes; the other, its responsable, sees the unread count and then the message
appear without reloading, and answers; the first sees the answer appear, and the count in the header
of another page change. The live channel runs as in production: uvicorn beside the page server."""

from __future__ import annotations

import pytest
from django.utils.csp import CSP
from playwright.sync_api import expect

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores
from tests.conversaciones.test_vivo import servidor_vivo  # noqa: F401  (the fixture: uvicorn in a thread)
from tests.e2e.ayudas import ingresar as _ingresar
from tests.e2e.ayudas import nueva_pagina as _pagina

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ESPERA = 5000  # ms: the issue asks for 2 s; the margin is for a loaded test machine


def test_two_members_talk_live_about_a_consortium(live_server, navegador, servidor_vivo, miembro, promotor, settings):  # noqa: F811
    settings.MAP_TILES_URL = ""
    settings.VIVO_URL = f"http://127.0.0.1:{servidor_vivo}/vivo/"
    settings.SECURE_CSP = {**settings.SECURE_CSP, "connect-src": [CSP.SELF, f"http://127.0.0.1:{servidor_vivo}"]}
    sembrar_sectores()
    consorcio = crear_consorcio(promotor, nombre="Consorcio Pisco del Sur", estado=Consorcio.Estado.PUBLICADO)
    promotor.perfil.nombre = "Rosa Huamán"
    promotor.perfil.save()
    miembro.perfil.nombre = "Diego Salas"
    miembro.perfil.save()
    url = live_server.url

    responsable = _pagina(navegador)
    visitante = _pagina(navegador)
    try:
        # The responsable waits on their inbox: nothing unread yet.
        _ingresar(responsable, url, promotor.email)
        responsable.goto(f"{url}/conversaciones/")
        assert responsable.locator(".enlace-conversaciones [data-no-leidos]").is_hidden()

        # The member opens the consortium, clicks "Contactar" and writes.
        _ingresar(visitante, url, miembro.email)
        visitante.goto(f"{url}{consorcio.get_absolute_url()}")
        visitante.get_by_role("link", name="Contactar").click()
        visitante.fill("textarea[name=cuerpo]", "Hola, ¿exportan pisco a Japón?")
        visitante.get_by_role("button", name="Enviar").click()
        visitante.wait_for_url(f"{url}/conversaciones/*/")
        assert "¿exportan pisco a Japón?" in visitante.locator("#mensajes").inner_text()

        # Without reloading, the responsable's header says one conversation is unread.
        responsable.locator(".enlace-conversaciones [data-no-leidos]").wait_for(state="visible", timeout=ESPERA)
        assert responsable.locator(".enlace-conversaciones [data-cuenta]").inner_text() == "1"
        # The header's link leads to the inbox, where the new conversation comes first.
        responsable.locator("a.enlace-conversaciones").click()
        responsable.locator(".bandeja__fila--no-leida").get_by_role("link").click()
        assert "Diego Salas" in responsable.locator("#mensajes").inner_text()
        assert miembro.email not in responsable.content()
        # The page posts the read mark by itself: the count goes.
        responsable.locator(".enlace-conversaciones [data-no-leidos]").wait_for(state="hidden", timeout=ESPERA)

        # The member keeps the conversation open; the answer appears there without reloading.
        responsable.fill("textarea[name=cuerpo]", "Sí, desde 2015. ¿Qué volumen buscan?")
        responsable.get_by_role("button", name="Enviar").click()
        visitante.get_by_text("¿Qué volumen buscan?").wait_for(timeout=ESPERA)
        # The reply went by fetch: the responsable's box is empty and their message is on their page once.
        responsable.get_by_text("¿Qué volumen buscan?").wait_for(timeout=ESPERA)
        expect(responsable.locator("textarea[name=cuerpo]")).to_have_value("", timeout=ESPERA)
        expect(responsable.locator("#mensajes li")).to_have_count(2)

        # On another page, the member's header count moves when a new answer arrives.
        visitante.goto(f"{url}/consorcios/")
        assert visitante.locator(".enlace-conversaciones [data-no-leidos]").is_hidden()
        responsable.fill("textarea[name=cuerpo]", "Le envío nuestra ficha técnica.")
        responsable.get_by_role("button", name="Enviar").click()
        visitante.locator(".enlace-conversaciones [data-no-leidos]").wait_for(state="visible", timeout=ESPERA)
        assert visitante.locator(".enlace-conversaciones [data-cuenta]").inner_text() == "1"
        assert responsable.errores_consola == [] and visitante.errores_consola == []
    finally:
        responsable.context.close()
        visitante.context.close()
