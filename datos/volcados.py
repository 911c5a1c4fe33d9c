"""The full dumps of the open data: the registry, the library's metadata, news and events, each as
CSV and JSON, rebuilt each night (``tasks.reconstruir_volcados``).

Only what the public pages show: published rows and public fields, never an e-mail address, a
phone number or anything a member did not publish. Each file is written whole under a temporary
name, then moved over the old one in one step, so a download never gets half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from biblioteca.models import Documento, Evento, Noticia
from consorcios import campos
from consorcios.models import Consorcio, claves_de_sectores

from .models import CARPETA, Volcado

FILAS_POR_LECTURA = 2000


def _url(nombre_url: str, slug: str) -> str:
    return settings.SITE_URL + reverse(nombre_url, kwargs={"slug": slug})


def _sin_formula(valor):
    """As the registry's CSV export: a cell starting like a formula is not run by spreadsheets."""
    if isinstance(valor, str) and valor.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + valor
    return valor


def _valor(consorcio, campo: str):
    """A public field as the registry's CSV writes it, but a list stays a list (the JSON dump keeps it;
    the CSV joins it with ";", as the export)."""
    if campo == "sectores":
        return list(consorcio.sectores_claves)
    if campo == "instituciones_promotoras":
        return list(consorcio.instituciones_nombres)
    if campo in campos.LISTAS:
        return [getattr(valor, "code", valor) for valor in getattr(consorcio, campo)]
    return campos.celda(consorcio, campo)


def filas_registro() -> tuple[list[str], Iterator[dict]]:
    """The published consortia, with the columns of the registry's CSV export (consorcios/campos.py)."""
    instituciones = ArraySubquery(
        Consorcio.instituciones_promotoras.through.objects.filter(consorcio_id=OuterRef("pk"))
        .order_by("institucion__nombre")
        .values("institucion__nombre")
    )
    consorcios = (
        Consorcio.objects.publicados()
        .annotate(sectores_claves=claves_de_sectores(), instituciones_nombres=instituciones)
        .defer("descripcion_html", "correo_contacto", "telefono_contacto")
        .order_by("pk")
    )
    columnas = ["id", "url", *campos.PUBLICOS]

    def filas():
        for c in consorcios.iterator(chunk_size=FILAS_POR_LECTURA):
            fila = {"id": c.pk, "url": _url("consorcios:detalle", c.slug)}
            for campo in campos.PUBLICOS:
                fila[campo] = _valor(c, campo)
            yield fila

    return columnas, filas()


def filas_biblioteca() -> tuple[list[str], Iterator[dict]]:
    """The published documents' metadata, as their pages show it (not their extracted text)."""
    temas = ArraySubquery(
        Documento.temas.through.objects.filter(documento_id=OuterRef("pk"))
        .order_by("tema__nombre")
        .values("tema__nombre")
    )
    documentos = Documento.objects.publicados().annotate(temas_nombres=temas).defer("texto_extraido").order_by("pk")
    columnas = [
        "id", "url", "titulo", "tipo", "autores", "institucion", "anio", "fecha", "idioma", "paises",
        "temas", "resumen", "licencia", "enlace", "archivo", "formato", "tamano",
    ]  # fmt: skip

    def filas():
        for d in documentos.iterator(chunk_size=FILAS_POR_LECTURA):
            yield {
                "id": d.pk,
                "url": _url("biblioteca:documento", d.slug),
                "titulo": d.titulo,
                "tipo": d.tipo,
                "autores": d.lista_autores,
                "institucion": d.institucion.nombre if d.institucion else "",
                "anio": d.anio,
                "fecha": d.fecha.isoformat() if d.fecha else "",
                "idioma": d.idioma,
                "paises": [p.code for p in d.paises],
                "temas": d.temas_nombres,
                "resumen": d.resumen,
                "licencia": d.licencia,
                "enlace": d.enlace,
                "archivo": _url("biblioteca:descargar", d.slug) if d.archivo else "",
                "formato": d.tipo_mime if d.archivo else "",
                "tamano": d.tamano if d.archivo else "",
            }

    return columnas, filas()


def filas_noticias() -> tuple[list[str], Iterator[dict]]:
    noticias = Noticia.objects.publicados().only("slug", "titulo", "resumen", "publicada_en").order_by("pk")
    columnas = ["id", "url", "titulo", "resumen", "publicada_en"]
    filas = (
        {
            "id": n.pk,
            "url": _url("biblioteca:noticia", n.slug),
            "titulo": n.titulo,
            "resumen": n.resumen,
            "publicada_en": n.publicada_en.isoformat(),
        }
        for n in noticias.iterator(chunk_size=FILAS_POR_LECTURA)
    )
    return columnas, filas


def filas_eventos() -> tuple[list[str], Iterator[dict]]:
    eventos = Evento.objects.publicados().defer("descripcion_html").order_by("pk")
    columnas = ["id", "url", "titulo", "inicio", "fin", "modalidad", "lugar", "pais", "enlace", "descripcion"]
    filas = (
        {
            "id": e.pk,
            "url": _url("biblioteca:evento", e.slug),
            "titulo": e.titulo,
            "inicio": e.inicio.isoformat(),
            "fin": e.fin.isoformat(),
            "modalidad": e.modalidad,
            "lugar": e.lugar,
            "pais": e.pais.code or "",
            "enlace": e.enlace,
            "descripcion": e.descripcion,
        }
        for e in eventos.iterator(chunk_size=FILAS_POR_LECTURA)
    )
    return columnas, filas


# Each dataset's dump: its base name and the function that reads its rows.
CONJUNTOS: dict[str, Callable[[], tuple[list[str], Iterator[dict]]]] = {
    "registro": filas_registro,
    "biblioteca": filas_biblioteca,
    "noticias": filas_noticias,
    "eventos": filas_eventos,
}


def _escribir_csv(destino: io.BufferedIOBase, columnas: list[str], filas: Iterable[dict]) -> int:
    texto = io.TextIOWrapper(destino, encoding="utf-8", newline="", write_through=True)
    texto.write("\ufeff")  # spreadsheets then read the accents right, as the registry's export
    escritor = csv.writer(texto)
    escritor.writerow(columnas)
    cuenta = 0
    for fila in filas:
        celdas = (fila[c] for c in columnas)
        escritor.writerow(_sin_formula(campos.SEPARADOR.join(v) if isinstance(v, list) else v) for v in celdas)
        cuenta += 1
    texto.detach()
    return cuenta


def _numero(valor):
    """Coordinates are Decimals in the model and numbers in JSON (as the GeoJSON export)."""
    if isinstance(valor, Decimal):
        return float(valor)
    raise TypeError(f"{type(valor).__name__} no cabe en JSON")


def _escribir_json(destino: io.BufferedIOBase, columnas: list[str], filas: Iterable[dict]) -> int:
    """A JSON array written row by row: the whole dump never sits in memory."""
    cuenta = 0
    destino.write(b"[")
    for fila in filas:
        destino.write((b",\n" if cuenta else b"\n") + json.dumps(fila, ensure_ascii=False, default=_numero).encode())
        cuenta += 1
    destino.write(b"\n]\n")
    return cuenta


def _reemplazar(nombre: str, temporal: str) -> None:
    """Put the finished file at ``datos-abiertos/<nombre>`` in one step.

    On local disk, a rename within one file system (os.replace, atomic in POSIX). Object
    storage replaces an object whole on upload (django-storages' S3 overwrites by default).
    """
    ruta = CARPETA + nombre
    try:
        final = default_storage.path(ruta)
    except NotImplementedError:
        with open(temporal, "rb") as archivo:
            default_storage.save(ruta, File(archivo))
        return
    os.makedirs(os.path.dirname(final), exist_ok=True)
    os.replace(temporal, final)


def _directorio_temporal() -> str | None:
    """Beside the final file (same file system, so the rename is atomic) but outside the public
    folder: the upload storage's ``temporales/``, which is never served."""
    try:
        directorio = default_storage.path("temporales/datos-abiertos")
    except NotImplementedError:
        return None  # object storage: any local temporary file
    os.makedirs(directorio, exist_ok=True)
    return directorio


def reconstruir_uno(conjunto: str, formato: str) -> Volcado:
    nombre = f"{conjunto}.{formato}"
    escribir = _escribir_csv if formato == "csv" else _escribir_json
    columnas, filas = CONJUNTOS[conjunto]()
    with tempfile.NamedTemporaryFile(dir=_directorio_temporal(), prefix=f"{nombre}.", delete=False) as temporal:
        try:
            filas_escritas = escribir(temporal, columnas, filas)
            temporal.flush()
            os.fsync(temporal.fileno())
            tamano = temporal.tell()
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(temporal.name)
            raise
    try:
        _reemplazar(nombre, temporal.name)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporal.name)  # already moved on local disk; uploaded and left over otherwise
    volcado, _creado = Volcado.objects.update_or_create(
        nombre=nombre, defaults={"tamano": tamano, "filas": filas_escritas, "generado": timezone.now()}
    )
    return volcado


FORMATOS = ("csv", "json")


def reconstruir() -> list[Volcado]:
    """Every dump, in Spanish (the source language) whatever language the caller runs in."""
    with translation.override(settings.LANGUAGE_CODE):
        return [reconstruir_uno(conjunto, formato) for conjunto in CONJUNTOS for formato in FORMATOS]
