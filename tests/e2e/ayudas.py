"""What several browser journeys do alike: open a page in a fresh context that records console
errors, and sign in through allauth's form."""

from __future__ import annotations

from tests.conftest import PASSWORD

ESCRITORIO = {"viewport": {"width": 1280, "height": 900}}


def nueva_pagina(navegador, **opciones):
    """A page in a context of its own (a separate person), desktop-sized unless told otherwise."""
    pagina = navegador.new_context(**(opciones or ESCRITORIO)).new_page()
    pagina.errores_consola = []
    pagina.on("console", lambda m: pagina.errores_consola.append(m.text) if m.type == "error" else None)
    return pagina


def ingresar(pagina, url: str, correo: str) -> None:
    """Sign in with the personas' password; allauth then shows the member's profile."""
    pagina.goto(f"{url}/cuentas/login/")
    pagina.fill("main input[name=login]", correo)
    pagina.fill("main input[name=password]", PASSWORD)
    pagina.locator("main form button[type=submit]").click()
    pagina.wait_for_url(f"{url}/miembros/perfil/")
