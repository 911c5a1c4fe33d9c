"""What happened on the portal since a date, for pre-filling an issue of the boletín.

The boletín may read every content app (nothing reads the boletín). Each source
returns (title, portal path, summary) tuples, newest first, a few per section.
"""

from __future__ import annotations

from datetime import datetime

from .models import Elemento

POR_SECCION = 8


def actividad_desde(desde: datetime) -> list[tuple[str, list[tuple[str, str, str]]]]:
    secciones = []
    for seccion, fuente in FUENTES:
        items = fuente(desde)
        if items:
            secciones.append((seccion, items))
    return secciones


FUENTES: list = []


def fuente(seccion: Elemento.Seccion):
    """Register a source for a section."""

    def registrar(funcion):
        FUENTES.append((seccion, funcion))
        return funcion

    return registrar
