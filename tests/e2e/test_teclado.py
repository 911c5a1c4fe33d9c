"""Keyboard-only use: the consortium registration form (map position typed into the coordinates)
and the map page's list alternative. No mouse: Tab, typing, Space and Enter."""

import pytest

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _entrar(pagina, live_server, usuario) -> None:
    from django.test import Client

    cliente = Client()
    cliente.force_login(usuario)
    valor = cliente.cookies["sessionid"].value
    pagina.context.add_cookies([{"name": "sessionid", "value": valor, "url": live_server.url}])


def _tabular_hasta(pagina, selector: str, maximo: int = 250) -> int:
    """Press Tab until ``selector`` has the focus; return how many presses it took."""
    for pulsaciones in range(1, maximo + 1):
        pagina.keyboard.press("Tab")
        if pagina.evaluate("s => document.activeElement.matches(s)", selector):
            return pulsaciones
    raise AssertionError(f"{selector} never got the focus after {maximo} presses of Tab")


def test_promoter_fills_the_registration_form_with_the_keyboard_only(live_server, pagina, promotor, settings):
    settings.MAP_TILES_URL = ""  # offline: no tile requests
    sembrar_sectores()
    _entrar(pagina, live_server, promotor)
    pagina.goto(f"{live_server.url}/consorcios/registrar/")

    # The skip link comes first and takes the focus into the content.
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent.trim()") == "Saltar al contenido"
    pagina.keyboard.press("Enter")

    _tabular_hasta(pagina, "#id_nombre")
    pagina.keyboard.type("Consorcio Rosas del Cotopaxi")
    _tabular_hasta(pagina, "#id_tipo")
    pagina.keyboard.type("Consorcio de exp")  # type-ahead on a closed <select>
    _tabular_hasta(pagina, "#id_subtipo")
    pagina.keyboard.type("De prom")
    flores = f"input[name=sectores][value='{_pk_sector('flores')}']"
    _tabular_hasta(pagina, flores)
    pagina.keyboard.press("Space")
    _tabular_hasta(pagina, "#id_productos")
    pagina.keyboard.type("Rosas de exportación")
    _tabular_hasta(pagina, "#id_descripcion")
    pagina.keyboard.type("Fincas de rosas que exportan juntas.")
    _tabular_hasta(pagina, "#id_pais")
    pagina.keyboard.type("Ecuador")
    _tabular_hasta(pagina, "#id_ciudad")
    pagina.keyboard.type("Latacunga")
    _tabular_hasta(pagina, "#id_latitud")
    pagina.keyboard.type("-0.9352")
    _tabular_hasta(pagina, "#id_longitud")
    pagina.keyboard.type("-78.6155")
    # Typing the coordinates places the marker on the map picker.
    pagina.wait_for_selector("#selector-mapa .leaflet-marker-icon")

    assert pagina.input_value("#id_tipo") == "exportacion"
    assert pagina.input_value("#id_subtipo") == "promocional"
    assert pagina.input_value("#id_pais") == "EC"
    assert pagina.is_checked(flores)

    # The map, its marker and every later field can be passed with Tab; Enter submits.
    _tabular_hasta(pagina, "form.formulario-consorcio button[type=submit]")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(lambda url: "/consorcios/mios/" in url)  # the skip link's #contenido may stay
    assert "Pendiente de revisión" in pagina.get_by_role("row", name="Consorcio Rosas del Cotopaxi").inner_text()
    consorcio = Consorcio.objects.get()
    assert consorcio.nombre == "Consorcio Rosas del Cotopaxi"
    assert consorcio.estado == Consorcio.Estado.PENDIENTE
    assert (float(consorcio.latitud), float(consorcio.longitud)) == (-0.9352, -78.6155)
    assert list(consorcio.sectores.values_list("slug", flat=True)) == ["flores"]
    assert pagina.errores_consola == []


def _pk_sector(slug: str) -> int:
    from consorcios.models import Sector

    return Sector.objects.get(slug=slug).pk


def test_map_page_list_alternative_is_reached_and_followed_by_keyboard(live_server, pagina, promotor, settings):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    crear_consorcio(promotor, estado=Consorcio.Estado.PUBLICADO, slug="nativa")
    pagina.goto(f"{live_server.url}/consorcios/mapa/")
    pagina.wait_for_selector("#mapa-consorcios[data-marcadores='1']")

    # Past the skip link into the content, the list alternative comes before the map itself.
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Enter")
    pulsaciones = _tabular_hasta(pagina, "a[href='/consorcios/']:not(nav a)")
    assert pulsaciones == 1, "the list alternative should be the first stop in the content"
    assert pagina.evaluate("document.activeElement.textContent.trim()") == "Ver la misma información como lista"
    assert pagina.evaluate("!document.getElementById('mapa-consorcios').contains(document.activeElement)")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(f"{live_server.url}/consorcios/")
    assert pagina.locator("h1").count() == 1
    assert pagina.get_by_role("link", name="Consorcio Nativa Ecuador").is_visible()
    assert pagina.errores_consola == []
