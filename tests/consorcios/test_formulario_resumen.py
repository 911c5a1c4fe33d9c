"""The error summary of the shared form include, on the other long forms: sign-up and document upload."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _resumen(html: str) -> str:
    bloque = re.search(r'<div class="resumen-errores"[^>]*>(.*?)</div>', html, re.S)
    assert bloque, "sin resumen de errores"
    return bloque.group(1)


def test_failed_sign_up_shows_the_summary_above_the_heading_and_each_password_error_once_beside_it(client):
    datos = {"email": "nueva@example.org", "nombre": "Rosa Quispe", "password1": "abc", "password2": "abd"}
    html = client.post("/cuentas/signup/", datos).content.decode()
    assert re.search(r"<title>Error: ", html)
    assert html.index('class="resumen-errores"') < html.index("<h1")
    resumen = _resumen(html)
    assert 'href="#id_password1"' in resumen and "demasiado corta" in resumen
    assert 'href="#id_email"' not in resumen
    # Beside its own field, once: the summary is the only other place.
    campos = html.replace(_resumen(html), "")
    assert campos.count("demasiado corta") == 1
    assert (
        campos.index('id="id_password1"') < campos.index('id="id_password1_error"') < campos.index('id="id_password2"')
    )


@pytest.mark.parametrize(
    ("prefijo", "titulo", "problema"), [("/pt", "Erro: ", "Há um problema"), ("/en", "Error: ", "There is a problem")]
)
def test_the_summary_and_the_title_speak_the_pages_language(client, prefijo, titulo, problema):
    html = client.post(f"{prefijo}/cuentas/signup/", {"email": "x"}).content.decode()
    assert re.search(rf"<title>{titulo}", html)
    assert problema in _resumen(html)


def test_failed_log_in_links_its_message_to_the_first_field(client, miembro):
    html = client.post("/cuentas/login/", {"login": miembro.email, "password": "equivocada"}).content.decode()
    assert 'href="#id_login"' in _resumen(html)


def test_failed_upload_shows_the_summary_with_links_to_the_fields(cliente_miembro):
    html = cliente_miembro.post("/biblioteca/subir/", {"titulo": "", "tipo": "caso"}).content.decode()
    assert re.search(r"<title>Error: ", html)
    assert html.index('class="resumen-errores"') < html.index("<h1")
    resumen = _resumen(html)
    assert 'href="#id_titulo"' in resumen
    assert html.count('class="resumen-errores"') == 1
