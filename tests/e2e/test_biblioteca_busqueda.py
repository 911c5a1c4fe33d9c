"""A member uploads a PDF, staff publish it in the admin, a visitor finds it by a word inside it."""

import pytest

from biblioteca.models import Documento
from biblioteca.pdf_simple import pdf_de_texto

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _entrar(pagina, client, usuario, live_server) -> None:
    client.force_login(usuario)
    cookie = client.cookies["sessionid"]
    pagina.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_uploaded_pdf_is_found_by_a_word_inside_it_typed_without_accents(
    live_server, navegador, pagina, miembro, staff, settings, tmp_path
):
    from django.test import Client

    settings.MEDIA_ROOT = tmp_path
    archivo = tmp_path / "informe-montecristi.pdf"
    archivo.write_bytes(
        pdf_de_texto(["Las artesanías de Montecristi se exportan a Europa gracias al consorcio de tejedoras."])
    )

    # The member uploads the PDF.
    _entrar(pagina, Client(), miembro, live_server)
    pagina.goto(f"{live_server.url}/biblioteca/subir/")
    pagina.locator("#id_titulo").fill("Sombreros de paja toquilla")
    pagina.locator("#id_tipo").select_option("caso")
    pagina.locator("#id_resumen").fill("Un caso de estudio de Ecuador.")
    pagina.locator("#id_anio").fill("2012")
    pagina.locator("#id_archivo").set_input_files(str(archivo))
    pagina.get_by_role("button", name="Enviar para revisión").click()
    pagina.wait_for_url("**/biblioteca/documentos/sombreros-de-paja-toquilla/")
    assert "pendiente de revisión" in pagina.locator(".mensajes").inner_text()
    documento = Documento.objects.get()
    assert documento.estado == Documento.Estado.PENDIENTE
    assert "artesanías" in documento.texto_extraido  # extracted by the task after commit

    # Staff publish it from the admin.
    admin = navegador.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _entrar(admin, Client(), staff, live_server)
    admin.goto(f"{live_server.url}/admin/biblioteca/documento/")
    admin.locator(f'input[name="_selected_action"][value="{documento.pk}"]').check()
    admin.locator('select[name="action"]').select_option("publicar")
    admin.locator('button[name="index"]').click()
    admin.wait_for_load_state()
    admin.locator("input[type=submit][value='Sí, publicar']").click()  # the confirmation page
    admin.wait_for_load_state()
    assert "Se publicó 1 documento." in admin.locator(".messagelist").inner_text()
    admin.context.close()

    # A visitor finds it by a word from inside the PDF, typed without the accent.
    visitante = navegador.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errores = []
    visitante.on("console", lambda m: errores.append(m.text) if m.type == "error" else None)
    visitante.goto(f"{live_server.url}/biblioteca/")
    visitante.get_by_role("searchbox", name="Buscar").fill("artesanias")
    visitante.get_by_role("searchbox", name="Buscar").press("Enter")
    visitante.wait_for_url("**/biblioteca/?q=artesanias*")
    resultado = visitante.locator(".documento-resumen").first
    assert resultado.locator("h3").inner_text() == "Sombreros de paja toquilla"
    assert resultado.locator("mark").first.inner_text() == "artesanías"
    resultado.get_by_role("link", name="Sombreros de paja toquilla").click()
    assert visitante.locator("h1").inner_text() == "Sombreros de paja toquilla"
    assert "PDF" in visitante.locator(".acceso").inner_text()
    assert errores == []  # nothing blocked by the CSP, no script errors
    visitante.context.close()


@pytest.mark.parametrize("idioma", ["", "/en"])
def test_library_pages_have_no_serious_accessibility_violations(live_server, pagina, miembro, idioma):
    from datetime import timedelta

    from axe_playwright_python.sync_playwright import Axe
    from django.utils import timezone

    from biblioteca.models import Evento

    Documento.objects.create(
        titulo="Código Orgánico de la Producción",
        slug="codigo",
        tipo=Documento.Tipo.LEGISLACION,
        resumen="Incentivos a la asociatividad.",
        paises=["EC"],
        anio=2010,
        enlace="https://example.org",
        estado=Documento.Estado.PUBLICADO,
    )
    inicio = timezone.now() + timedelta(days=20)
    Evento.objects.create(
        titulo="Seminario bianual",
        slug="seminario",
        descripcion="d",
        inicio=inicio,
        fin=inicio,
        estado=Evento.Estado.PUBLICADO,
    )
    problemas = {}
    for ruta in [
        "/biblioteca/",
        "/biblioteca/?q=produccion",
        "/biblioteca/legislacion/",
        "/biblioteca/subir/",
        "/biblioteca/documentos/codigo/",
        "/biblioteca/eventos/",
        "/biblioteca/eventos/seminario/",
        "/biblioteca/noticias/",
    ]:
        pagina.goto(f"{live_server.url}{idioma}{ruta}")
        violaciones = Axe().run(pagina).response["violations"]
        if graves := [v["id"] for v in violaciones if v["impact"] in {"serious", "critical"}]:
            problemas[ruta] = graves
    assert problemas == {}
    assert pagina.errores_consola == []
