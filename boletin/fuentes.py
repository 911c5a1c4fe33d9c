"""What happened on the portal since a date, for pre-filling an issue of the boletín.

The boletín may read every content app (nothing reads the boletín). Each source
returns (title, portal path, summary) tuples, newest first, a few per section.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.timezone import localtime

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


# --- The sources: what each content app contributes to an issue ---------------------------------
# Paths are taken in the default language (unprefixed URLs); each subscriber's e-mail is in their own
# language, and every page offers the language switcher.


def _ruta(objeto) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return objeto.get_absolute_url()


@fuente(Elemento.Seccion.CONSORCIOS)
def consorcios_nuevos(desde: datetime) -> list[tuple[str, str, str]]:
    from consorcios.models import Consorcio

    nuevos = Consorcio.objects.publicados().filter(publicado_en__gte=desde).order_by("-publicado_en")[:POR_SECCION]
    return [(c.nombre, _ruta(c), f"{c.get_tipo_display()} · {c.pais.name} · {c.productos}") for c in nuevos]


@fuente(Elemento.Seccion.DOCUMENTOS)
def documentos_nuevos(desde: datetime) -> list[tuple[str, str, str]]:
    from biblioteca.models import Documento

    nuevos = Documento.objects.publicados().filter(publicado_en__gte=desde).order_by("-publicado_en")[:POR_SECCION]
    return [(d.titulo, _ruta(d), Truncator(d.resumen).words(30)) for d in nuevos]


@fuente(Elemento.Seccion.NOTICIAS)
def noticias_nuevas(desde: datetime) -> list[tuple[str, str, str]]:
    from biblioteca.models import Noticia

    nuevas = Noticia.objects.publicados().filter(publicada_en__gte=desde).order_by("-publicada_en")[:POR_SECCION]
    return [(n.titulo, _ruta(n), n.resumen) for n in nuevas]


@fuente(Elemento.Seccion.EVENTOS)
def proximos_eventos(desde: datetime) -> list[tuple[str, str, str]]:
    from biblioteca.models import Evento

    eventos = Evento.objects.proximos().order_by("inicio")[:POR_SECCION]
    return [
        (
            e.titulo,
            _ruta(e),
            " · ".join(p for p in [formats.date_format(localtime(e.inicio), "DATE_FORMAT"), e.lugar] if p),
        )
        for e in eventos
    ]


@fuente(Elemento.Seccion.FOROS)
def temas_destacados(desde: datetime) -> list[tuple[str, str, str]]:
    from foros.models import Tema

    temas = (
        Tema.objects.filter(destacado=True, ultima_actividad__gte=desde)
        .select_related("foro")
        .order_by("-ultima_actividad")[:POR_SECCION]
    )
    return [(t.titulo, _ruta(t), t.foro.nombre) for t in temas]
