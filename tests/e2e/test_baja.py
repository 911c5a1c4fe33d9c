"""A member's data in their hands, in a real browser: they download a copy of their data, delete their
account, and after the grace period the forum shows their post signed "Miembro retirado" and their old
password no longer opens anything (README "Personal data")."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from foros import services as foros
from foros.models import Foro
from miembros.models import Perfil
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOMBRE = "Zoraida Quispe Huamán"


@pytest.fixture(autouse=True)
def _en_castellano():
    with translation.override("es"):
        yield


def _entrar(pagina, url: str, correo: str, clave: str) -> None:
    pagina.goto(f"{url}/cuentas/login/")
    pagina.fill("main input[name=login]", correo)
    pagina.fill("main input[name=password]", clave)
    pagina.locator("main form button[type=submit]").click()
    pagina.wait_for_load_state()


def test_member_downloads_their_data_deletes_the_account_and_leaves_as_miembro_retirado(
    live_server, navegador, promotor, settings, tmp_path, time_machine
):
    settings.MEDIA_ROOT = tmp_path
    Perfil.objects.filter(usuario=promotor).update(nombre=NOMBRE)
    foro = Foro.objects.create(nombre="Consorcios de origen", slug="consorcios-de-origen")
    tema = foros.abrir_tema(
        foro=foro, autor=promotor, titulo="Miel de Chulucanas", fuente="¿Quién certifica la miel de Piura?"
    )
    mail.outbox.clear()

    contexto = navegador.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, accept_downloads=True)
    movil = contexto.new_page()
    try:
        _entrar(movil, live_server.url, promotor.email, PASSWORD)
        movil.wait_for_url(f"{live_server.url}/miembros/perfil/")

        # A copy of their data: requested on the profile, e-mailed as a link, downloaded as a ZIP.
        with movil.expect_navigation():
            movil.get_by_role("button", name="Descargar mis datos").click()
        assert "Estamos preparando la copia" in movil.locator("body").inner_text()
        enlace = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
        ruta = "/" + enlace.split("://", 1)[1].split("/", 1)[1]
        with movil.expect_download() as descarga:
            movil.evaluate("ruta => { window.location.href = ruta; }", f"{live_server.url}{ruta}")
        with open(descarga.value.path(), "rb") as archivo:
            paquete = zipfile.ZipFile(io.BytesIO(archivo.read()))
        assert json.loads(paquete.read("perfil.json"))[0]["nombre"] == NOMBRE
        assert [m["texto"] for m in json.loads(paquete.read("mensajes_foros.json"))] == [
            "¿Quién certifica la miel de Piura?"
        ]

        # Deleting the account: the password proves it is them; the account is deactivated at once.
        movil.goto(f"{live_server.url}/miembros/perfil/")
        movil.get_by_role("link", name="Eliminar mi cuenta…").click()
        movil.wait_for_url(f"{live_server.url}/miembros/baja/")
        movil.get_by_label("Tu contraseña").fill(PASSWORD)
        movil.get_by_role("button", name="Eliminar mi cuenta").click()
        movil.wait_for_url(f"{live_server.url}/miembros/baja/hecha/")
        assert movil.locator("h1").inner_text() == "Cuenta desactivada"
        assert "se borrará el" in movil.locator("body").inner_text()
        assert "se borrará el" in mail.outbox[-1].subject

        # After the grace period the daily job erases it.
        time_machine.move_to(timezone.now() + timedelta(days=15))
        call_command("retencion", verbosity=0)

        movil.goto(f"{live_server.url}{tema.get_absolute_url()}")
        autor = movil.locator(".foros-mensaje").first
        assert "Miembro retirado" in autor.inner_text()
        assert NOMBRE not in movil.content()

        # The old password opens nothing any more.
        _entrar(movil, live_server.url, promotor.email, PASSWORD)
        assert movil.url.startswith(f"{live_server.url}/cuentas/login/")
        assert movil.locator(".errores-formulario, .errorlist, [role=alert]").first.is_visible()
    finally:
        contexto.close()
