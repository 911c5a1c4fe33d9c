"""A promoter registers a consortium by clicking the map; staff approve it in the admin; it is public."""

import pytest
from django.core import mail

from consorcios.models import Consorcio, Sector
from tests.conftest import PASSWORD
from tests.consorcios.conftest import sembrar_sectores

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _ingresar(pagina, url_base: str, correo: str) -> None:
    pagina.goto(url_base + "/cuentas/login/")
    pagina.fill("input[name=login]", correo)
    pagina.fill("input[name=password]", PASSWORD)
    pagina.locator("main form button[type=submit], main form input[type=submit]").last.click()
    pagina.wait_for_load_state()


def test_promoter_registers_by_clicking_the_map_and_staff_approve_in_the_admin(
    live_server, navegador, pagina, promotor, staff, settings
):
    settings.MAP_TILES_URL = ""  # offline: no tile requests
    sembrar_sectores()  # other transactional tests flush what the data migration inserted
    assert Sector.objects.filter(slug="flores").exists()
    _ingresar(pagina, live_server.url, promotor.email)

    pagina.goto(live_server.url + "/consorcios/registrar/")
    pagina.fill("#id_nombre", "Consorcio Flores del Cotopaxi")
    pagina.select_option("#id_tipo", "exportacion")
    pagina.select_option("#id_subtipo", "promocional")
    pagina.get_by_label("Flores").check()
    pagina.fill("#id_productos", "Rosas y Gypsophila")
    pagina.fill("#id_descripcion", "Fincas de flores que exportan juntas.")
    pagina.select_option("#id_pais", "EC")
    pagina.fill("#id_ciudad", "Latacunga")

    mapa = pagina.locator("#selector-mapa")
    mapa.scroll_into_view_if_needed()
    assert pagina.locator("#selector-mapa.mapa--listo").count() == 1
    mapa.click(position={"x": 300, "y": 180})
    latitud = pagina.input_value("#id_latitud")
    longitud = pagina.input_value("#id_longitud")
    assert latitud and longitud
    assert -90 <= float(latitud) <= 90 and -180 <= float(longitud) <= 180
    assert pagina.locator("#selector-mapa .leaflet-marker-icon").count() == 1

    pagina.get_by_role("button", name="Enviar para revisión").click()
    pagina.wait_for_url("**/consorcios/mios/")
    fila = pagina.get_by_role("row", name="Consorcio Flores del Cotopaxi")
    assert "Pendiente de revisión" in fila.inner_text()
    consorcio = Consorcio.objects.get()
    assert consorcio.estado == Consorcio.Estado.PENDIENTE
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert pagina.errores_consola == []

    # Staff approve it with the admin action, in their own browser session.
    contexto_staff = navegador.new_context()
    admin = contexto_staff.new_page()
    _ingresar(admin, live_server.url, staff.email)
    admin.goto(live_server.url + "/admin/consorcios/consorcio/")
    admin.locator(f"input[name=_selected_action][value='{consorcio.pk}']").check()
    admin.select_option("select[name=action]", "aprobar_seleccionados")
    admin.locator("button[name=index]").click()
    admin.wait_for_load_state()
    assert "Consorcio Flores del Cotopaxi" in admin.locator("#content").inner_text()  # the confirmation page
    admin.locator("input[type=submit][value='Sí, aprobar y publicar']").click()
    admin.wait_for_load_state()
    assert "Se publicó 1 consorcio" in admin.content()
    contexto_staff.close()

    consorcio.refresh_from_db()
    assert consorcio.estado == Consorcio.Estado.PUBLICADO
    assert [m.to for m in mail.outbox] == [[staff.email], [promotor.email]]

    # Public, with its marker where the promoter clicked.
    visitante = navegador.new_context().new_page()
    visitante.goto(f"{live_server.url}/consorcios/{consorcio.slug}/")
    assert visitante.locator("h1").inner_text() == "Consorcio Flores del Cotopaxi"
    mapa_detalle = visitante.locator("#mapa-detalle")
    assert float(mapa_detalle.get_attribute("data-latitud")) == pytest.approx(float(latitud), abs=1e-6)
    assert float(mapa_detalle.get_attribute("data-longitud")) == pytest.approx(float(longitud), abs=1e-6)
    visitante.wait_for_selector("#mapa-detalle .leaflet-marker-icon")

    # The map page shows it too, from the GeoJSON endpoint.
    visitante.goto(live_server.url + "/consorcios/mapa/")
    visitante.wait_for_selector("#mapa-consorcios[data-marcadores='1']")
    assert visitante.locator("#mapa-consorcios .leaflet-marker-icon").count() == 1
    visitante.context.close()
