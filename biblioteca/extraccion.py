"""Plain text out of PDF, DOCX and ODT files, for the search vector.

Runs in a background task (biblioteca.tasks), never in a request: a large PDF can
take seconds. Only the standard library and pypdf are used. Reading is bounded
so a hostile file (a zip bomb, a PDF with thousands of pages) cannot exhaust memory.
"""

from __future__ import annotations

import zipfile
from typing import IO
from xml.etree import ElementTree

from pypdf import PdfReader

from .models import MAX_TEXTO_EXTRAIDO
from .validators import DOCX, ODT, PDF

MAX_XML_BYTES = 20 * 1024 * 1024  # uncompressed size of the one XML part we read
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _pdf(archivo: IO[bytes]) -> str:
    partes: list[str] = []
    total = 0
    for pagina in PdfReader(archivo, strict=False).pages:
        texto = pagina.extract_text() or ""
        partes.append(texto)
        total += len(texto)
        if total >= MAX_TEXTO_EXTRAIDO:
            break
    return "\n".join(partes)


def _xml_de_zip(archivo: IO[bytes], parte: str) -> ElementTree.Element:
    with zipfile.ZipFile(archivo) as paquete:
        if paquete.getinfo(parte).file_size > MAX_XML_BYTES:
            raise ValueError("parte XML demasiado grande")
        return ElementTree.fromstring(paquete.read(parte))  # noqa: S314 (stdlib parser refuses external entities)


def _docx(archivo: IO[bytes]) -> str:
    raiz = _xml_de_zip(archivo, "word/document.xml")
    parrafos = []
    for parrafo in raiz.iter(f"{W}p"):
        parrafos.append("".join(t.text or "" for t in parrafo.iter(f"{W}t")))
    return "\n".join(parrafos)


def _odt(archivo: IO[bytes]) -> str:
    raiz = _xml_de_zip(archivo, "content.xml")
    parrafos = []
    for elemento in raiz.iter():
        if elemento.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
            parrafos.append("".join(elemento.itertext()))
    return "\n".join(parrafos)


EXTRACTORES = {PDF.mime: _pdf, DOCX.mime: _docx, ODT.mime: _odt}


def extraer_texto(archivo: IO[bytes], tipo_mime: str) -> str:
    """The document's text, whitespace-normalised and capped; "" for formats without text."""
    extractor = EXTRACTORES.get(tipo_mime)
    if extractor is None:
        return ""
    texto = extractor(archivo)
    texto = " ".join(texto.replace("\x00", " ").split())
    return texto[:MAX_TEXTO_EXTRAIDO]
