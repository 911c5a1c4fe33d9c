"""A harvester the project did not write (Sickle), its HTTP requests answered by Django's test
client, so the tests keep their transaction; documents built as the library's tests build them."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from urllib.parse import urlencode, urlsplit

import pytest
import requests
from sickle import Sickle

from biblioteca.models import Documento

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}
_contador = itertools.count(1)


def nuevo_documento(**campos) -> Documento:
    n = next(_contador)
    valores = {
        "titulo": f"Documento OAI {n}",
        "slug": f"documento-oai-{n}",
        "tipo": Documento.Tipo.ESTUDIO,
        "resumen": "Resumen de prueba.",
        "anio": 2012,
        "enlace": "https://www.unido.org",
        "estado": Documento.Estado.PUBLICADO,
        **campos,
    }
    return Documento.objects.create(**valores)


@pytest.fixture(autouse=True)
def _sitio(settings, tmp_path):
    """The portal's public address (identifiers name its host); uploads to a throw-away folder."""
    settings.SITE_URL = "https://redconsorcios.org"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def crear_documento(db):
    return nuevo_documento


class Puente:
    """Stands in for the ``requests`` module inside Sickle: each call goes through the client."""

    def __init__(self, client) -> None:
        self.client = client
        self.peticiones: list[dict] = []

    def _respuesta(self, respuesta, url: str) -> requests.Response:
        salida = requests.Response()
        salida.status_code = respuesta.status_code
        salida._content = respuesta.content
        salida.headers.update(dict(respuesta.headers))
        salida.encoding = "utf-8"
        salida.url = url
        return salida

    def get(self, url, params=None, **_kwargs):
        self.peticiones.append(dict(params or {}))
        ruta = urlsplit(url).path
        return self._respuesta(self.client.get(ruta, params or {}), f"{url}?{urlencode(params or {})}")

    def post(self, url, data=None, **_kwargs):
        self.peticiones.append(dict(data or {}))
        return self._respuesta(self.client.post(urlsplit(url).path, data or {}), url)


@pytest.fixture
def puente(client, monkeypatch):
    puente = Puente(client)
    monkeypatch.setattr("sickle.app.requests", puente)
    return puente


@pytest.fixture
def cosechadora(puente, settings):
    return Sickle(settings.SITE_URL + "/oai/")


@pytest.fixture
def oai(client, db):
    """GET /oai/ with these arguments, the answer parsed."""

    def pedir(**argumentos) -> ET.Element:
        respuesta = client.get("/oai/", argumentos)
        assert respuesta.status_code == 200
        assert respuesta["Content-Type"] == "text/xml; charset=utf-8"
        return ET.fromstring(respuesta.content)  # noqa: S314  (the portal's own answer)

    return pedir


def codigo_de_error(raiz: ET.Element) -> str | None:
    error = raiz.find("oai:error", NS)
    return None if error is None else error.get("code")
