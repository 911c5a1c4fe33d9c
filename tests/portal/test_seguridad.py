"""Security headers and cookies under the production settings (a separate process reads them)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

# The module's tests use the test database (through the production process): the mark makes pytest-django
# set it up even when this module runs alone (it only sets up the databases that collected tests ask for).
pytestmark = pytest.mark.django_db

# A page of every app, in the three languages; the anonymous browse pages must set no cookie.
NAVEGACION = [
    "/",
    "/acerca/",
    "/en/privacidad/",
    "/consorcios/",
    "/pt/consorcios/mapa/",
    "/biblioteca/",
    "/en/biblioteca/noticias/",
    "/pt/foros/",
    "/boletin/",
]
FORMULARIOS = ["/cuentas/login/", "/boletin/suscribirse/"]
PAGINAS = NAVEGACION + FORMULARIOS
# Members-only pages answer anonymous visitors with a redirect to the login page (miembros).
REDIRECCIONES = ["/miembros/perfil/", "/consorcios/registrar/"]

SCRIPT = """
import json, sys, django
django.setup()
from django.test import Client
c = Client(HTTP_HOST="consorcios.example.org")
salida = {}
for ruta in json.loads(sys.argv[1]):
    r = c.get(ruta, secure=True)
    salida[ruta] = {
        "status": r.status_code,
        "headers": dict(r.headers),
        "cookies": {k: {"secure": v["secure"], "httponly": v["httponly"], "samesite": v["samesite"]}
                    for k, v in r.cookies.items()},
    }
salida["http"] = {"status": c.get("/", secure=False).status_code}
print(json.dumps(salida))
"""


@pytest.fixture(scope="module")
def produccion(django_db_setup, django_db_blocker):
    from django.db import connection

    # The production process reads the (migrated, empty) test database, never the development one.
    assert connection.settings_dict["NAME"].startswith("test_")
    entorno = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    entorno |= {
        "REDCONSORCIOS_DB": connection.settings_dict["NAME"],
        "DJANGO_SETTINGS_MODULE": "redconsorcios.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 20 + "-prod-" + "Zx9" * 15,
        "DJANGO_ALLOWED_HOSTS": "consorcios.example.org",
        "DJANGO_MANIFEST_STATIC": "0",
        "CACHE_PAGINAS_SEGUNDOS": "0",
    }
    resultado = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(PAGINAS + REDIRECCIONES)],
        cwd=settings.BASE_DIR,
        env=entorno,
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stderr
    return json.loads(resultado.stdout.strip().splitlines()[-1])


def _cabeceras_de_seguridad(cabeceras: dict) -> None:
    csp = cabeceras["Content-Security-Policy"]
    directivas = dict(d.strip().split(" ", 1) for d in csp.split(";") if " " in d.strip())
    assert "'unsafe-inline'" not in directivas["script-src"]
    assert "'unsafe-eval'" not in directivas["script-src"]
    assert directivas["object-src"] == "'none'"
    assert directivas["base-uri"] == "'self'"
    assert directivas["frame-ancestors"] == "'none'"
    assert int(cabeceras["Strict-Transport-Security"].split("max-age=")[1].split(";")[0]) >= 31_536_000
    assert cabeceras["X-Content-Type-Options"] == "nosniff"
    assert cabeceras["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert cabeceras["Cross-Origin-Opener-Policy"] == "same-origin"
    assert cabeceras["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("ruta", PAGINAS)
def test_every_html_response_carries_the_security_headers(produccion, ruta):
    respuesta = produccion[ruta]
    assert respuesta["status"] == 200
    assert respuesta["headers"]["Content-Type"].startswith("text/html")
    _cabeceras_de_seguridad(respuesta["headers"])


@pytest.mark.parametrize("ruta", REDIRECCIONES)
def test_redirects_to_the_login_page_carry_the_security_headers_too(produccion, ruta):
    respuesta = produccion[ruta]
    assert respuesta["status"] == 302
    assert "/cuentas/login/" in respuesta["headers"]["Location"]
    _cabeceras_de_seguridad(respuesta["headers"])
    assert respuesta["cookies"] == {}


@pytest.mark.parametrize("ruta", NAVEGACION)
def test_anonymous_browse_pages_set_no_cookie(produccion, ruta):
    assert produccion[ruta]["cookies"] == {}


@pytest.mark.parametrize("ruta", FORMULARIOS)
def test_form_pages_set_secure_samesite_cookies(produccion, ruta):
    csrf = produccion[ruta]["cookies"]["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https(produccion):
    assert produccion["http"]["status"] == 301


def test_session_cookie_is_secure_httponly_and_samesite_in_production():
    resultado = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
            "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE)",
        ],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "redconsorcios.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k" * 20 + "-prod-" + "Zx9" * 15,
            "DJANGO_ALLOWED_HOSTS": "consorcios.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert resultado.stdout.split() == ["True", "True", "Lax", "True"], resultado.stderr
