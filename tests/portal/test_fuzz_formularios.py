"""Every public form and search, fed hundreds of generated submissions: no answer is a server error.

The fields come from the form as the page renders it (every input, select and textarea of each
POST or GET form), so a new field is fuzzed without touching this file. Values mix long and empty
text, NUL and other control characters, every Unicode plane, numbers past any column's range,
odd dates, Markdown bombs and random bytes for files."""

from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from foros import services as foros
from foros.models import Foro

pytestmark = pytest.mark.django_db
EJEMPLOS = int(os.environ.get("FUZZ_EJEMPLOS", 500))

RAROS = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "2147483648",
    "-9223372036854775809",
    "99999999999999999999999",
    "9999-99-99",
    "0000-00-00",
    "2026-02-30",
    "http://",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "\x00",
    "a\x00b",
    "\r\n",
    "[" * 5000,
    "*" * 5000,
    "`" * 3000,
    "> " * 2000,
    "%s%n",
    "../../etc/passwd",
]
TEXTO = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
ENTERO = st.integers(min_value=-(2**70), max_value=2**70).map(str)
VALOR = st.one_of(TEXTO, ENTERO, st.sampled_from(RAROS))
ARCHIVO = st.builds(
    lambda contenido, nombre: SimpleUploadedFile(nombre, contenido),
    st.binary(max_size=3000),
    st.sampled_from(["a.pdf", "logo.png", "x.docx", "sin-extension", "a.exe"]),
)


class _Campos(HTMLParser):
    """The forms of a page: [(method, action, {field name: is a file})]."""

    def __init__(self):
        super().__init__()
        self.formularios: list[tuple[str, str, dict[str, bool]]] = []

    def handle_starttag(self, etiqueta, atributos):
        atributos = dict(atributos)
        nombre = atributos.get("name")
        if etiqueta == "form":
            self.formularios.append(((atributos.get("method") or "get").lower(), atributos.get("action") or "", {}))
        elif (
            etiqueta in {"input", "select", "textarea"}
            and self.formularios
            and nombre not in {None, "csrfmiddlewaretoken"}
        ):
            self.formularios[-1][2][nombre] = atributos.get("type") == "file"


def _formulario(cliente: Client, ruta: str, metodo: str) -> tuple[str, dict[str, bool]]:
    """The largest form of ``metodo`` on the page: its action and its fields."""
    respuesta = cliente.get(ruta)
    assert respuesta.status_code == 200, ruta
    lector = _Campos()
    lector.feed(respuesta.content.decode())
    candidatos = [(a or ruta, c) for m, a, c in lector.formularios if m == metodo and c]
    assert candidatos, f"sin formulario {metodo} en {ruta}"
    return max(candidatos, key=lambda f: len(f[1]))


def _envios(campos: dict[str, bool]):
    valores = {
        nombre: (ARCHIVO if es_archivo else st.one_of(VALOR, st.lists(VALOR, max_size=3)))
        for nombre, es_archivo in campos.items()
    }
    return st.fixed_dictionaries({}, optional=valores)


def _fuzz(cliente: Client, ruta: str, metodo: str = "post", ejemplos: int = EJEMPLOS, formulario=None) -> None:
    accion, campos = formulario or _formulario(cliente, ruta, metodo)

    # No shrinking: a failing submission is reported as generated (shrinking pages costs minutes).
    @settings(
        max_examples=ejemplos,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(datos=_envios(campos))
    def enviar(datos):
        for valor in datos.values():
            if hasattr(valor, "seek"):
                valor.seek(0)
        respuesta = getattr(cliente, metodo)(accion, datos)
        assert respuesta.status_code < 500, (accion, datos)

    enviar()


@pytest.fixture(autouse=True)
def _rapido(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tema(promotor):
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales", descripcion="Leyes.")
    return foros.abrir_tema(foro=foro, autor=promotor, titulo="¿Hace falta una ley?", fuente="Primer mensaje.")


@pytest.mark.parametrize(
    "ruta",
    ["/boletin/suscribirse/", "/cuentas/signup/", "/cuentas/login/", "/cuentas/password/reset/"],
)
def test_visitors_forms_never_answer_with_a_server_error(client, ruta):
    _fuzz(client, ruta)


@pytest.mark.parametrize(
    "ruta",
    ["/consorcios/", "/consorcios/mapa/", "/biblioteca/", "/foros/buscar/", "/consorcios/estadisticas/", "/buscar/"],
)
def test_searches_and_filters_never_answer_with_a_server_error(client, ruta):
    _fuzz(client, ruta, "get")


@pytest.mark.parametrize("pagina", ["registrar", "subir", "nuevo_tema", "responder", "reportar", "perfil"])
def test_members_forms_never_answer_with_a_server_error(cliente_miembro, tema, pagina, monkeypatch):
    from tests.consorcios.conftest import sembrar_sectores

    sembrar_sectores()
    mensaje = tema.mensajes.first()
    ruta = {
        "registrar": "/consorcios/registrar/",
        "subir": "/biblioteca/subir/",
        "nuevo_tema": f"/foros/{tema.foro.slug}/nuevo/",
        "responder": f"/foros/tema/{tema.pk}/responder/",
        "reportar": f"/foros/mensaje/{mensaje.pk}/reportar/",
        "perfil": "/miembros/perfil/",
    }[pagina]
    if pagina != "registrar":
        _fuzz(cliente_miembro, ruta)
        return
    # The registration page takes a few hundred milliseconds to draw (six sections, long selects):
    # a tenth of the examples go through the whole page, the rest through the same view, forms
    # and services with the drawing left out, as a crash in validation or saving is what they seek.
    formulario = _formulario(cliente_miembro, ruta, "post")
    _fuzz(cliente_miembro, ruta, ejemplos=EJEMPLOS // 10, formulario=formulario)
    monkeypatch.setattr(
        "consorcios.views.render", lambda request, plantilla, contexto=None, status=None: HttpResponse(status=status)
    )
    _fuzz(cliente_miembro, ruta, formulario=formulario)
