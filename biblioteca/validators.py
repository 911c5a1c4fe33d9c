"""Upload checks of the library: a document is what its bytes say, never its name.

Each accepted format is recognised by its magic bytes AND by a successful parse
(pypdf for PDF; the zip container and its required parts for OOXML and ODF), so a
renamed HTML page, a truncated file or a zip with the wrong insides is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from comun.validators import validar_tamano


@dataclass(frozen=True)
class Formato:
    extension: str
    mime: str


PDF = Formato("pdf", "application/pdf")
DOCX = Formato("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Formato("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = Formato("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
ODT = Formato("odt", "application/vnd.oasis.opendocument.text")

# The part that makes an Office Open XML package a document, a workbook or a deck.
PARTES_OOXML = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}


def _no_admitido() -> ValidationError:
    return ValidationError(
        _("El archivo no es un documento válido: se aceptan PDF, DOCX, ODT, XLSX y PPTX."), code="formato"
    )


def _validar_pdf(archivo: UploadedFile) -> Formato:
    try:
        lector = PdfReader(archivo, strict=False)
        if len(lector.pages) < 1:
            raise _no_admitido()
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError):
        raise ValidationError(
            _("El archivo dice ser un PDF pero está dañado o incompleto."), code="pdf_danado"
        ) from None
    return PDF


def _validar_zip(archivo: UploadedFile) -> Formato:
    try:
        with zipfile.ZipFile(archivo) as paquete:
            nombres = set(paquete.namelist())
            if "mimetype" in nombres and paquete.read("mimetype").strip() == ODT.mime.encode():
                if "content.xml" in nombres:
                    return ODT
            elif "[Content_Types].xml" in nombres:
                for parte, formato in PARTES_OOXML.items():
                    if parte in nombres:
                        return formato
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
        pass
    raise _no_admitido()


def validar_documento(archivo: UploadedFile) -> Formato:
    """Return the format of an uploaded document, or raise ValidationError with a short message."""
    validar_tamano(archivo)
    archivo.seek(0)
    cabecera = archivo.read(8)
    archivo.seek(0)
    try:
        if cabecera.startswith(b"%PDF-"):
            return _validar_pdf(archivo)
        if cabecera.startswith(b"PK\x03\x04"):
            return _validar_zip(archivo)
    finally:
        archivo.seek(0)
    raise _no_admitido()
