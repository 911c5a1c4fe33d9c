"""Browser journey of follows (issue 25): a member follows a consortium from its page on a phone, finds
its news in "Mi red" from the account menu, and unfollows it there; "Mi red" has no serious axe violations."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores
from tests.seguimientos.conftest import documento

SEGUIR = re.compile(r"^Seguir en Mi red\W+Consorcio Pisco del Sur$")
DEJAR = re.compile(r"^Dejar de seguir\W+Consorcio Pisco del Sur$")  # the name is for screen readers only

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _entrar(pagina, live_server, client, usuario) -> None:
    client.force_login(usuario)
    cookie = client.cookies["sessionid"]
    pagina.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_a_member_follows_a_consortium_reads_mi_red_and_unfollows(live_server, pagina_movil, client, miembro, settings):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    consorcio = crear_consorcio(nombre="Consorcio Pisco del Sur", slug="pisco-sur", estado=Consorcio.Estado.PUBLICADO)
    documento("Caso del pisco del sur", consorcios=[consorcio])
    _entrar(pagina_movil, live_server, client, miembro)
    url = live_server.url

    pagina_movil.goto(f"{url}/consorcios/pisco-sur/")
    pagina_movil.get_by_role("button", name=SEGUIR).click()
    pagina_movil.wait_for_url(f"{url}/consorcios/pisco-sur/")
    assert "Lo sigues." in pagina_movil.locator(".mensajes").inner_text()
    assert pagina_movil.get_by_role("button", name=DEJAR).count() == 1

    pagina_movil.locator(".cabecera__boton-menu").click()
    pagina_movil.locator(".menu-cuenta summary").click()
    pagina_movil.get_by_role("link", name="Mi red", exact=True).click()
    pagina_movil.wait_for_url(f"{url}/mi-red/")
    assert pagina_movil.get_by_role("link", name="Caso del pisco del sur").count() == 1
    violaciones = [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(pagina_movil).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert violaciones == []
    # Nothing overflows the phone's width.
    assert pagina_movil.evaluate("document.documentElement.scrollWidth") <= 360

    pagina_movil.get_by_role("button", name=DEJAR).click()
    pagina_movil.wait_for_url(f"{url}/mi-red/")
    assert "No sigues nada todavía." in pagina_movil.content()
    assert not miembro.seguimientos.exists()
