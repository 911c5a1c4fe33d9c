"""Uploaded images are served by the portal itself when uploads live on local disk (no web
server or object storage in front): public images only, never documents or half-finished uploads."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b5d7a").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_consortium_logo_is_served_with_a_long_cache(client):
    nombre = default_storage.save("consorcios/logos/2026/12/abc.png", ContentFile(_png()))
    respuesta = client.get(f"/media/{nombre}")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "image/png"
    assert "immutable" in respuesta["Cache-Control"]
    assert b"".join(respuesta.streaming_content) == _png()


@pytest.mark.parametrize(
    "ruta",
    [
        "biblioteca/documentos/2026/12/informe.pdf",
        "temporales/abc.png",
        "consorcios/logos/../../biblioteca/documentos/2026/12/informe.pdf",
        "consorcios/logos/no-existe.png",
    ],
)
def test_documents_temporary_uploads_and_tricks_are_not_served(client, ruta):
    default_storage.save("biblioteca/documentos/2026/12/informe.pdf", ContentFile(b"%PDF-1.4 privado"))
    default_storage.save("temporales/abc.png", ContentFile(_png()))
    assert client.get(f"/media/{ruta}").status_code == 404
