"""Browser journey of cooperation opportunities (issue 25): a consortium's responsable publishes an
opportunity from its page, staff approve it in the admin, another member opens it on a phone and
clicks "Me interesa", which opens a conversation with the editors where the member writes; the
responsable then sees one interested member and the conversation in their inbox."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consorcios.models import Consorcio
from oportunidades.models import Interes, Oportunidad
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores
from tests.e2e.ayudas import ingresar as _ingresar
from tests.e2e.ayudas import nueva_pagina as _pagina

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MOVIL = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
ESCRITORIO = {"viewport": {"width": 1280, "height": 900}}
TITULO = "Buscamos importador de miel orgánica en Japón"


def test_an_editor_publishes_staff_approve_and_another_member_is_interested(
    live_server, navegador, promotor, miembro, staff, settings
):
    settings.MAP_TILES_URL = ""
    sembrar_sectores()
    consorcio = crear_consorcio(
        promotor, nombre="Consorcio Royal Honey", slug="royal-honey", estado=Consorcio.Estado.PUBLICADO
    )
    url = live_server.url

    # The responsable publishes from the consortium's page.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, promotor.email)
        escritorio.goto(f"{url}/consorcios/{consorcio.slug}/")
        escritorio.get_by_role("link", name="Publicar una oportunidad").click()
        escritorio.wait_for_url(f"{url}/oportunidades/publicar/consorcio/{consorcio.slug}/")
        # A first try without a title: the message beside the field, the rest kept.
        escritorio.select_option("select[name=tipo]", "busca_socio")
        escritorio.fill("textarea[name=descripcion]", "Cinco productores con **1100 colmenas** en Pichincha.")
        escritorio.get_by_label("Apicultura").check()
        escritorio.select_option("select[name=mercados]", ["JP"])
        escritorio.locator("main form button[type=submit]").click()
        escritorio.wait_for_load_state()
        assert escritorio.locator("#id_titulo_error").is_visible()
        assert "1100 colmenas" in escritorio.input_value("textarea[name=descripcion]")
        escritorio.fill("input[name=titulo]", TITULO)
        escritorio.fill("input[name=fecha_limite]", (timezone.localdate() + timedelta(days=60)).isoformat())
        escritorio.locator("main form button[type=submit]").click()
        escritorio.wait_for_url(f"{url}/oportunidades/mias/")
        assert "Pendiente de revisión" in escritorio.locator("main").inner_text()
        assert escritorio.errores_consola == []
    finally:
        escritorio.context.close()
    oportunidad = Oportunidad.objects.get()
    assert oportunidad.estado == Oportunidad.Estado.PENDIENTE and oportunidad.consorcio == consorcio
    assert [m.to for m in mail.outbox] == [[staff.email]]
    mail.outbox.clear()

    # Staff approve it in the admin, after the confirmation page.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, staff.email)
        escritorio.goto(f"{url}/admin/oportunidades/oportunidad/?estado__exact=pendiente")
        escritorio.locator(f"input[name=_selected_action][value='{oportunidad.pk}']").check()
        escritorio.select_option("select[name=action]", "aprobar_seleccionadas")
        escritorio.locator("button[name=index]").click()
        escritorio.wait_for_load_state()
        escritorio.locator("input[type=submit][value='Sí, aprobar y publicar']").click()
        escritorio.wait_for_load_state()
        assert "Se publicó 1 oportunidad." in escritorio.locator(".messagelist").inner_text()
    finally:
        escritorio.context.close()
    assert [m.to for m in mail.outbox] == [[promotor.email]]

    # Another member finds it on a phone and says "Me interesa".
    movil = _pagina(navegador, **MOVIL)
    try:
        _ingresar(movil, url, miembro.email)
        movil.locator(".cabecera__boton-menu").click()
        movil.get_by_role("link", name="Oportunidades", exact=True).click()
        movil.wait_for_url(f"{url}/oportunidades/")
        movil.get_by_role("link", name=TITULO).click()
        movil.wait_for_url(f"{url}{oportunidad.get_absolute_url()}")
        movil.get_by_role("button", name="Me interesa").click()
        # The conversation with its editors opens, the opportunity quoted; the member may go on writing.
        movil.wait_for_url(re.compile(r".*/conversaciones/\d+/$"))
        assert "Anotamos su interés" in movil.content()  # the message after the redirect
        principal = movil.locator("main").inner_text()
        assert TITULO in principal and "Me interesa esta oportunidad." in principal
        movil.fill("textarea[name=cuerpo]", "Tenemos 1100 colmenas en Loja. ¿Podemos hablar?")
        movil.get_by_role("button", name="Enviar").click()
        movil.get_by_text("Tenemos 1100 colmenas en Loja.").wait_for()
        assert movil.evaluate("document.documentElement.scrollWidth") <= 360
        assert movil.errores_consola == []
    finally:
        movil.context.close()
    assert Interes.objects.filter(oportunidad=oportunidad, miembro=miembro).exists()

    # The responsable sees one interested member, and the conversation in their inbox.
    escritorio = _pagina(navegador, **ESCRITORIO)
    try:
        _ingresar(escritorio, url, promotor.email)
        escritorio.goto(f"{url}{oportunidad.get_absolute_url()}")
        assert "1 miembro expresó interés." in escritorio.locator("main").inner_text()
        escritorio.goto(f"{url}/conversaciones/")
        escritorio.get_by_role("link", name=re.compile(TITULO)).first.click()
        assert "Tenemos 1100 colmenas en Loja." in escritorio.locator("main").inner_text()
    finally:
        escritorio.context.close()
