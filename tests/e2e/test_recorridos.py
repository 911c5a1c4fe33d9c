"""Persona journeys not covered elsewhere, on a phone (360×740) and on a desktop, in pt, es and en:
a promoter signs up and confirms the e-mail; staff approve a pending law from the admin on a phone;
a researcher finds it by searching without accents and downloads it."""

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD
from tests.e2e.ayudas import nueva_pagina as _pagina

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MOVIL = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
ESCRITORIO = {"viewport": {"width": 1280, "height": 900}}


def _cabe_en_el_telefono(pagina) -> bool:
    return pagina.evaluate("document.documentElement.scrollWidth") <= 360


def test_promoter_signs_up_in_portuguese_on_a_phone_confirms_the_email_and_logs_in(live_server, navegador):
    correo = "promotora.pisco@example.org"
    movil = _pagina(navegador, **MOVIL)
    try:
        # Sign up through the real form.
        movil.goto(f"{live_server.url}/pt/")
        movil.locator(".cabecera__boton-menu").click()  # the header folds on phones
        movil.get_by_role("link", name="Criar uma conta").first.click()
        movil.wait_for_url(f"{live_server.url}/pt/cuentas/signup/")
        assert _cabe_en_el_telefono(movil)
        movil.fill("main input[name=email]", correo)
        movil.fill("main input[name=nombre]", "Rosa Quispe")
        movil.fill("main input[name=password1]", PASSWORD)
        movil.fill("main input[name=password2]", PASSWORD)
        movil.locator("main form button[type=submit]").click()
        movil.wait_for_url(f"{live_server.url}/pt/cuentas/confirm-email/")
        assert movil.locator("h1").count() == 1

        # The confirmation e-mail, in Portuguese, carries a link to the /pt/ confirmation page.
        assert [m.to for m in mail.outbox] == [[correo]]
        enlace = re.search(r"https?://\S+/pt/cuentas/confirm-email/\S+/", mail.outbox[0].body).group(0)
        movil.context.close()

        # Opened later from the mail app: a fresh browser, not logged in. GET shows a button; POST confirms.
        movil = _pagina(navegador, **MOVIL)
        movil.goto(enlace)
        assert movil.locator("html").get_attribute("lang") == "pt"
        movil.locator("main form button[type=submit]").click()
        movil.wait_for_url(f"{live_server.url}/pt/cuentas/login/*")

        # Logs in and reaches «Meus consórcios» from the profile.
        movil.fill("main input[name=login]", correo)
        movil.fill("main input[name=password]", PASSWORD)
        movil.locator("main form button[type=submit]").click()
        movil.wait_for_url(f"{live_server.url}/pt/miembros/perfil/")
        movil.get_by_role("link", name="Meus consórcios").click()
        movil.wait_for_url(f"{live_server.url}/pt/consorcios/mios/")
        assert movil.locator("h1").inner_text() == "Meus consórcios"
        assert "Você ainda não registrou nenhum consórcio." in movil.locator("main").inner_text()
        assert movil.locator("main a[href='/pt/consorcios/registrar/']").is_visible()
        assert _cabe_en_el_telefono(movil)
        assert movil.errores_consola == []
    finally:
        movil.context.close()


def test_staff_approve_a_law_on_a_phone_and_a_researcher_finds_it_without_accents_in_english(
    live_server, navegador, miembro, staff, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from biblioteca import services
    from biblioteca.models import Documento
    from biblioteca.pdf_simple import pdf_de_texto
    from biblioteca.validators import PDF

    settings.MEDIA_ROOT = tmp_path
    pdf = pdf_de_texto(["Art. 1. Se fomenta la asociatividad de las micro, pequeñas y medianas empresas."])
    documento = services.subir_documento(
        documento=Documento(
            titulo="Código Orgánico de la Producción, Comercio e Inversiones",
            tipo=Documento.Tipo.LEGISLACION,
            resumen="Ley ecuatoriana de fomento productivo: incentivos a los consorcios de exportación.",
            paises=["EC"],
            anio=2010,
            archivo=ContentFile(pdf, name="copci.pdf"),
        ),
        formato=PDF,
        subido_por=miembro,
    )
    assert documento.estado == Documento.Estado.PENDIENTE
    mail.outbox.clear()

    # Staff, on a phone, log in through the form and publish it from the admin.
    movil = _pagina(navegador, **MOVIL)
    try:
        movil.goto(f"{live_server.url}/cuentas/login/")
        movil.fill("main input[name=login]", staff.email)
        movil.fill("main input[name=password]", PASSWORD)
        movil.locator("main form button[type=submit]").click()
        movil.wait_for_url(f"{live_server.url}/miembros/perfil/")
        movil.locator(".cabecera__boton-menu").click()  # the header folds on phones
        movil.locator(".menu-cuenta summary").click()  # the account menu
        movil.get_by_role("link", name="Administración").click()
        movil.get_by_role("link", name="Documentos", exact=True).first.click()
        movil.locator("#searchbar").fill("Producción")
        movil.locator("#searchbar").press("Enter")
        movil.wait_for_url("**/admin/biblioteca/documento/?q=*")
        movil.locator(f"input[name=_selected_action][value='{documento.pk}']").check()
        movil.select_option("select[name=action]", "publicar")
        movil.locator("button[name=index]").click()
        movil.wait_for_load_state()
        movil.locator("input[type=submit][value='Sí, publicar']").click()  # the confirmation page
        movil.wait_for_load_state()
        assert "Se publicó 1 documento." in movil.locator(".messagelist").inner_text()
    finally:
        movil.context.close()
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.PUBLICADO
    assert [m.to for m in mail.outbox] == [[miembro.email]]  # the uploader is told

    # A researcher, in English on a desktop, types the law's name without accents and downloads it.
    escritorio = _pagina(navegador, accept_downloads=True, **ESCRITORIO)
    try:
        escritorio.goto(f"{live_server.url}/en/biblioteca/")
        buscador = escritorio.get_by_role("searchbox", name="Search")
        buscador.fill("codigo organico produccion")
        buscador.press("Enter")
        escritorio.wait_for_url("**/en/biblioteca/?q=codigo+organico+produccion*")
        resultado = escritorio.locator(".documento-resumen").first
        assert resultado.locator("h3").inner_text() == documento.titulo
        resultado.get_by_role("link", name=documento.titulo).click()
        escritorio.wait_for_url(f"{live_server.url}/en/biblioteca/documentos/{documento.slug}/")
        assert escritorio.locator("h1").inner_text() == documento.titulo
        with escritorio.expect_download() as descarga:
            escritorio.get_by_role("link", name="Download").click()
        assert descarga.value.suggested_filename == "copci.pdf"
        with open(descarga.value.path(), "rb") as archivo:
            assert archivo.read() == pdf
        assert escritorio.errores_consola == []
    finally:
        escritorio.context.close()
