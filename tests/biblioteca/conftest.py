"""Builders of the library tests: documents, and real files of each accepted format."""

from __future__ import annotations

import io
import itertools
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biblioteca.models import Documento
from biblioteca.pdf_simple import pdf_de_texto

_contador = itertools.count(1)


def nuevo_documento(**campos) -> Documento:
    n = next(_contador)
    valores = {
        "titulo": f"Documento {n}",
        "slug": f"documento-{n}",
        "tipo": Documento.Tipo.ESTUDIO,
        "resumen": "Resumen de prueba.",
        "anio": 2012,
        "enlace": "https://www.unido.org",
        "estado": Documento.Estado.PUBLICADO,
        **campos,
    }
    return Documento.objects.create(**valores)


@pytest.fixture
def crear_documento(db):
    return nuevo_documento


def pdf(texto: str = "Consorcios de exportación en Quito") -> bytes:
    return pdf_de_texto([texto])


def _zip(partes: dict[str, bytes]) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as paquete:
        for nombre, contenido in partes.items():
            paquete.writestr(nombre, contenido)
    return salida.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx(texto: str = "Asociatividad y cooperativismo") -> bytes:
    documento = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"<w:p><w:r><w:t>{texto}</w:t></w:r></w:p><w:p><w:r><w:t>Segundo párrafo</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": documento.encode()})


def xlsx() -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})


def pptx() -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<presentation/>"})


def odt(texto: str = "Denominación de origen Montecristi") -> bytes:
    contenido = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:h>Título</text:h><text:p>{texto}</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": contenido.encode()})


def subido(nombre: str, contenido: bytes, tipo: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, contenido, content_type=tipo)


@pytest.fixture(autouse=True)
def _media_temporal(settings, tmp_path):
    """Uploaded files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
