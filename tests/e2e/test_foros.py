"""Forums in a real browser: a member opens a topic, another replies, the first is notified
by e-mail and sees the topic as unread until reading it (the read mark is posted by leido.js)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import translation

from foros.models import Foro, Mensaje, Tema

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _entrar(navegador, client, usuario, live_server):
    """A browser context logged in as ``usuario`` (session cookie from the test client)."""
    client.force_login(usuario)
    contexto = navegador.new_context(viewport={"width": 1280, "height": 900})
    contexto.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    pagina = contexto.new_page()
    pagina.errores_consola = []
    pagina.on("console", lambda m: pagina.errores_consola.append(m.text) if m.type == "error" else None)
    return contexto, pagina


@pytest.fixture(autouse=True)
def _en_castellano():
    """URLs reversed here are Spanish, whatever language an earlier test left active."""
    with translation.override("es"):
        yield


def _graves(pagina) -> list[str]:
    violaciones = Axe().run(pagina).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violaciones if v["impact"] in {"serious", "critical"}]


def test_member_is_notified_of_a_reply_and_sees_the_topic_unread(live_server, navegador, promotor, miembro):
    from django.test import Client

    foro = Foro.objects.create(nombre="Consorcios de origen", slug="consorcios-de-origen")
    contexto_a, autora = _entrar(navegador, Client(), promotor, live_server)
    contexto_b, vecino = _entrar(navegador, Client(), miembro, live_server)
    try:
        # A opens a topic from the forum page.
        autora.goto(f"{live_server.url}/foros/{foro.slug}/")
        autora.get_by_role("link", name="Abrir un tema").click()
        autora.get_by_label("Título").fill("Sombreros de Montecristi frente a las imitaciones")
        autora.get_by_label("Mensaje").fill("¿Marca colectiva o **denominación de origen**?")
        autora.get_by_role("button", name="Vista previa").click()
        assert autora.locator(".foros-vista-previa strong").inner_text() == "denominación de origen"
        assert Tema.objects.count() == 0
        autora.get_by_role("button", name="Publicar tema").click()
        autora.wait_for_url("**/foros/consorcios-de-origen/sombreros-de-montecristi-frente-a-las-imitaciones-*/")
        assert autora.locator("h1").inner_text() == "Sombreros de Montecristi frente a las imitaciones"
        tema = Tema.objects.get()

        # B replies, quoting A.
        vecino.goto(f"{live_server.url}{tema.get_absolute_url()}")
        vecino.get_by_role("link", name="Citar").click()
        assert "escribió:" in vecino.get_by_label("Mensaje").input_value()
        vecino.get_by_label("Mensaje").fill("La marca colectiva une a los productores.")
        vecino.get_by_role("button", name="Publicar respuesta").click()
        respuesta = Mensaje.objects.latest("pk")
        vecino.wait_for_url(f"**#m{respuesta.pk}")
        assert vecino.locator(f"#m{respuesta.pk}").is_visible()

        # A is notified once, B (the author of the reply) is not.
        assert [correo.to for correo in mail.outbox] == [[promotor.email]]
        assert "/foros/baja/" in mail.outbox[0].body

        # A sees the topic as unread, reads it (leido.js posts the mark), and it is read.
        autora.goto(f"{live_server.url}/foros/{foro.slug}/")
        assert autora.locator(".foros-tema--no-leido").count() == 1
        assert _graves(autora) == []
        with autora.expect_response(lambda r: r.url.endswith(f"/foros/tema/{tema.pk}/leido/")) as marca:
            autora.get_by_role("link", name="Sombreros de Montecristi frente a las imitaciones").click()
        assert marca.value.status == 204
        assert autora.locator(f"#m{respuesta.pk}").get_by_text("Nuevo").is_visible()
        assert _graves(autora) == []
        autora.goto(f"{live_server.url}/foros/{foro.slug}/")
        assert autora.locator(".foros-tema--no-leido").count() == 0
        assert autora.errores_consola == [] and vecino.errores_consola == []
    finally:
        contexto_a.close()
        contexto_b.close()


def test_forum_index_and_search_have_no_serious_accessibility_violations(live_server, pagina, promotor):
    from foros import services

    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales", descripcion="Leyes.")
    services.abrir_tema(foro=foro, autor=promotor, titulo="Ley de consorcios en Uruguay", fuente="¿Hace falta?")
    for ruta in ["/foros/", "/foros/marcos-legales/", "/foros/buscar/?q=ley"]:
        pagina.goto(f"{live_server.url}{ruta}")
        assert pagina.locator("h1").count() == 1
        assert _graves(pagina) == [], ruta
    assert pagina.errores_consola == []


def test_topic_page_fits_a_phone_for_staff(live_server, navegador, staff, miembro):
    from django.test import Client

    from foros import services

    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    tema = services.abrir_tema(
        foro=foro, autor=miembro, titulo="Forma jurídica de los consorcios", fuente="Un enlace largo: " + "x" * 200
    )
    cliente = Client()
    cliente.force_login(staff)
    contexto = navegador.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    contexto.add_cookies([{"name": "sessionid", "value": cliente.cookies["sessionid"].value, "url": live_server.url}])
    try:
        movil = contexto.new_page()
        movil.goto(f"{live_server.url}{tema.get_absolute_url()}")
        assert movil.locator("h1").inner_text() == "Forma jurídica de los consorcios"
        assert movil.evaluate("document.documentElement.scrollWidth") <= 360
        assert _graves(movil) == []
    finally:
        contexto.close()
