import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_opens_home_and_switches_language(live_server, pagina):
    pagina.goto(live_server.url + "/")
    assert pagina.locator("html").get_attribute("lang") == "es"
    assert pagina.locator("h1").count() == 1

    pagina.get_by_role("link", name="Português").click()
    pagina.wait_for_url(f"{live_server.url}/pt/")
    assert pagina.locator("html").get_attribute("lang") == "pt"

    pagina.get_by_role("link", name="English").click()
    pagina.wait_for_url(f"{live_server.url}/en/")
    assert pagina.get_by_role("link", name="About the Network").first.is_visible()
    assert pagina.errores_consola == []


def test_phone_visitor_reaches_the_content_by_the_skip_link(live_server, pagina_movil):
    pagina_movil.goto(live_server.url + "/")
    pagina_movil.keyboard.press("Tab")
    saltar = pagina_movil.get_by_role("link", name="Saltar al contenido")
    assert saltar.evaluate("e => e === document.activeElement")
    ancho = pagina_movil.evaluate("document.documentElement.scrollWidth")
    assert ancho <= 360  # nothing overflows sideways on a 360 px phone
