"""Browser journeys of the network (issue 24): a member applies for their institution, staff approve
it in the admin, its administrator invites a promoter who accepts and publishes a profile choosing its
fields, which a visitor then sees, and only those; a visitor finds the institution on the list and on
the registry map, and opens one of its consortia."""

import re
from decimal import Decimal

import pytest
from django.core import mail

from consorcios.models import Consorcio
from miembros.models import Institucion, MiembroInstitucion
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores
from tests.e2e.ayudas import ingresar as _ingresar
from tests.e2e.ayudas import nueva_pagina as _pagina

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MOVIL = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
ESCRITORIO = {"viewport": {"width": 1280, "height": 900}}


def test_an_institution_applies_staff_approve_and_its_administrator_invites_a_promoter(
    live_server, navegador, promotor, miembro, staff, settings
):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    crear_consorcio(nombre="Consorcio de Cerámica de Chulucanas", estado=Consorcio.Estado.PUBLICADO, pais="PE")
    url = live_server.url

    # The member applies on a phone, from the "Red" entry of the header.
    movil = _pagina(navegador, **MOVIL)
    try:
        _ingresar(movil, url, promotor.email)
        movil.locator(".cabecera__boton-menu").click()
        movil.get_by_role("link", name="Red", exact=True).click()
        movil.wait_for_url(f"{url}/red/instituciones/")
        movil.get_by_role("link", name="Únete a la Red").first.click()
        movil.wait_for_url(f"{url}/red/unete/")
        movil.get_by_role("link", name="Solicitar el ingreso").click()
        movil.wait_for_url(f"{url}/red/unirse/")
        movil.fill("input[name=nombre]", "Comisión de Promoción del Perú para la Exportación y el Turismo")
        movil.fill("input[name=sigla]", "PROMPERÚ")
        movil.select_option("select[name=tipo]", "agencia")
        movil.select_option("select[name=pais]", "PE")
        movil.fill("input[name=ciudad]", "Lima")
        movil.fill("textarea[name=motivo_solicitud]", "Apoyamos los consorcios de Chulucanas.")
        movil.select_option("select[name=consorcios]", label="Consorcio de Cerámica de Chulucanas")
        movil.locator("main form button[type=submit]").click()
        movil.wait_for_url(f"{url}/red/instituciones/*/")
        assert "Solicitud pendiente" in movil.locator("main").inner_text()
        assert movil.evaluate("document.documentElement.scrollWidth") <= 360
        assert movil.errores_consola == []
    finally:
        movil.context.close()
    institucion = Institucion.objects.get(sigla="PROMPERÚ")
    assert institucion.estado == Institucion.Estado.SOLICITADA
    mail.outbox.clear()

    # Staff approve it in the admin, after the confirmation page.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, staff.email)
        escritorio.goto(f"{url}/admin/miembros/institucion/?estado__exact=solicitada")
        escritorio.locator(f"input[name=_selected_action][value='{institucion.pk}']").check()
        escritorio.select_option("select[name=action]", "aprobar_seleccionadas")
        escritorio.locator("button[name=index]").click()
        escritorio.wait_for_load_state()
        escritorio.locator("input[type=submit][value='Sí, aprobar']").click()
        escritorio.wait_for_load_state()
        assert "Se aprobó 1 institución." in escritorio.locator(".messagelist").inner_text()
    finally:
        escritorio.context.close()
    assert [m.to for m in mail.outbox] == [[promotor.email]]
    mail.outbox.clear()

    # Its administrator invites a colleague, who accepts from the e-mail's link.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, promotor.email)
        escritorio.goto(f"{url}/red/instituciones/{institucion.slug}/")
        escritorio.get_by_role("link", name="Editar la institución y sus promotores").click()
        escritorio.fill("input[name=correo]", miembro.email)
        escritorio.get_by_role("button", name="Enviar la invitación").click()
        escritorio.wait_for_load_state()
        assert "recibirá una invitación" in escritorio.content()
    finally:
        escritorio.context.close()
    (invitacion,) = mail.outbox
    enlace = re.search(r"https?://\S+(/red/invitacion/\S+/)", invitacion.body).group(1)
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, miembro.email)
        escritorio.goto(url + enlace)
        escritorio.get_by_role("button", name="Aceptar la invitación").click()
        escritorio.wait_for_url(f"{url}/red/instituciones/{institucion.slug}/")
        assert "Usted es parte de esta institución (Promotor/a)." in escritorio.locator("main").inner_text()
        assert escritorio.errores_consola == []
    finally:
        escritorio.context.close()
    assert institucion.vinculos.get(usuario=miembro).estado == MiembroInstitucion.Estado.ACTIVO

    # The new promoter publishes a profile with three of its fields; their country stays private.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, miembro.email)
        escritorio.fill("input[name=nombre]", "Rosa Huamán")
        escritorio.select_option("select[name=institucion]", str(institucion.pk))
        escritorio.select_option("select[name=pais]", "PE")
        escritorio.fill("input[name=especialidad]", "Cerámica de Chulucanas y turismo")
        escritorio.check("input[name=idiomas][value=qu]")
        for campo in ["nombre", "institucion", "especialidad"]:
            escritorio.check(f"input[name=publicar][value={campo}]")
        escritorio.get_by_role("button", name="Guardar perfil").click()
        escritorio.wait_for_url(f"{url}/miembros/perfil/")
        escritorio.get_by_role("link", name="Ver mi perfil público").click()
        escritorio.wait_for_url(f"{url}/red/promotores/*/")
        perfil_url = escritorio.url
    finally:
        escritorio.context.close()

    # A visitor finds the promoter in the list and sees exactly the chosen fields.
    visitante = _pagina(navegador, **MOVIL)
    try:
        visitante.goto(f"{url}/red/promotores/")
        visitante.get_by_role("link", name="Rosa Huamán").click()
        visitante.wait_for_url(perfil_url)
        principal = visitante.locator("main").inner_text()
        assert "Rosa Huamán" in principal and "Cerámica de Chulucanas y turismo" in principal
        assert "PROMPERÚ" in principal
        assert "País" not in principal and "Quechua" not in principal and miembro.email not in principal
        assert visitante.evaluate("document.documentElement.scrollWidth") <= 360
        assert visitante.errores_consola == []
    finally:
        visitante.context.close()


def test_a_visitor_finds_the_institution_on_the_list_and_the_map_and_opens_its_consortium(
    live_server, navegador, settings
):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    promperu = Institucion.objects.create(
        nombre="Comisión de Promoción del Perú para la Exportación y el Turismo",
        sigla="PROMPERÚ",
        tipo=Institucion.Tipo.AGENCIA,
        pais="PE",
        ciudad="Lima",
        latitud=Decimal("-12.097"),
        longitud=Decimal("-77.036"),
    )
    Institucion.objects.create(nombre="Cámara de Comercio de Quito", tipo=Institucion.Tipo.CAMARA, pais="EC")
    ceramica = crear_consorcio(
        nombre="Consorcio de Cerámica de Chulucanas", estado=Consorcio.Estado.PUBLICADO, pais="PE", slug="ceramica"
    )
    ceramica.instituciones_promotoras.add(promperu)
    url = live_server.url

    movil = _pagina(navegador, **MOVIL)
    try:
        movil.goto(f"{url}/red/instituciones/")
        movil.locator(".filtros-plegables summary").click()  # the filters fold on phones
        movil.select_option("select[name=pais]", "PE")
        movil.get_by_role("button", name="Filtrar").click()
        movil.wait_for_url("**/red/instituciones/?*pais=PE*")
        assert movil.locator("li.tarjeta").count() == 1
        movil.get_by_role("link", name="Comisión de Promoción del Perú para la Exportación y el Turismo").click()
        movil.wait_for_url(f"{url}/red/instituciones/{promperu.slug}/")
        assert movil.locator("h1").count() == 1
        assert movil.evaluate("document.documentElement.scrollWidth") <= 360
        movil.get_by_role("link", name="Consorcio de Cerámica de Chulucanas").click()
        movil.wait_for_url(f"{url}/consorcios/ceramica/")
    finally:
        movil.context.close()

    # On the registry map, the institutions are a second layer the visitor can turn off.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        escritorio.goto(f"{url}/consorcios/mapa/")
        escritorio.wait_for_selector("#mapa-consorcios[data-instituciones='1']")
        assert escritorio.locator("path.marcador-institucion").count() == 1
        capa = escritorio.get_by_role("checkbox", name="Instituciones de la Red")
        assert capa.is_checked()
        # The view frames the consortia (Quito); Lima is further south: zoom out to see it.
        for _vez in range(3):
            escritorio.locator(".leaflet-control-zoom-out").click()
            escritorio.wait_for_timeout(300)
        escritorio.locator("path.marcador-institucion").click()
        escritorio.get_by_role(
            "link", name="Comisión de Promoción del Perú para la Exportación y el Turismo (PROMPERÚ)"
        ).click()
        escritorio.wait_for_url(f"{url}/red/instituciones/{promperu.slug}/")
        escritorio.go_back()
        escritorio.wait_for_selector("#mapa-consorcios[data-instituciones='1']")
        escritorio.get_by_role("checkbox", name="Instituciones de la Red").uncheck()
        assert escritorio.locator("path.marcador-institucion").count() == 0
        assert escritorio.errores_consola == []
    finally:
        escritorio.context.close()


@pytest.mark.parametrize("idioma", ["", "/pt", "/en"])
def test_the_network_pages_have_no_serious_accessibility_violations(live_server, pagina, idioma, settings):
    from io import StringIO

    from django.core.management import call_command

    from tests.e2e.test_accesibilidad import _violaciones_graves

    settings.MAP_TILES_URL = ""
    call_command("cargar_demo", stdout=StringIO())
    mipro = Institucion.objects.get(sigla="MIPRO")
    rutas = ["/red/instituciones/", "/red/instituciones/?tipo=agencia&pais=PE", mipro.get_absolute_url()]
    problemas = {}
    for ruta in rutas:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        if graves := _violaciones_graves(pagina):
            problemas[ruta] = graves
    # A member's pages: joining, and editing the institution she administers.
    pagina.goto(f"{live_server.url}/cuentas/login/")
    pagina.fill("main input[name=login]", "promotora@redconsorcios.org")
    pagina.fill("main input[name=password]", "demo-miembro-2012")
    pagina.locator("main form button[type=submit]").click()
    pagina.wait_for_url(f"{live_server.url}/miembros/perfil/")
    for ruta in ["/red/unirse/", f"/red/instituciones/{mipro.slug}/editar/"]:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        assert pagina.locator("h1").count() == 1
        if graves := _violaciones_graves(pagina):
            problemas[ruta] = graves
    assert problemas == {}
