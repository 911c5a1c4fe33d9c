"""The network's part of a consortium's profile: its "actividad", one list merging what the registry,
the library and the forums know of it (the registry may not import those apps; red may)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biblioteca.models import Documento, Evento, Noticia
from foros.models import Tema

register = template.Library()


@dataclass(frozen=True)
class Suceso:
    """One line of the list: when, what kind, its title and where it leads (no link: a milestone)."""

    fecha: datetime.date
    clase: str  # hito, noticia, evento, documento, tema: the CSS modifier and the anchor of its full list
    tipo: str
    titulo: str
    url: str = ""
    solo_anio: bool = False  # a document known only by its year shows the year alone


def _dia(momento: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(momento, datetime.datetime):
        return timezone.localdate(momento) if timezone.is_aware(momento) else momento.date()
    return momento


@register.inclusion_tag("red/includes/actividad_consorcio.html")
def actividad_del_consorcio(consorcio, hitos=None, limite: int = 10) -> dict:
    """The newest ``limite`` milestones, news, events, documents and forum topics about a consortium.

    Each source is read newest first and cut at ``limite``, so the merge needs at most ``limite``
    of each: four queries (five without ``hitos``, the milestones the page has already read).
    """
    if hitos is None:
        hitos = consorcio.actividades.all()[:limite]
    sucesos = [Suceso(h.fecha, "hito", h.get_tipo_display(), h.titulo) for h in list(hitos)[:limite]]
    noticias = Noticia.objects.publicados().filter(consorcios=consorcio).only("titulo", "slug", "publicada_en")
    sucesos += [
        Suceso(_dia(n.publicada_en), "noticia", _("Noticia"), n.titulo, n.get_absolute_url())
        for n in noticias.order_by("-publicada_en", "-pk")[:limite]
    ]
    eventos = Evento.objects.publicados().filter(consorcios=consorcio).only("titulo", "slug", "inicio")
    sucesos += [
        Suceso(_dia(e.inicio), "evento", _("Evento"), e.titulo, e.get_absolute_url())
        for e in eventos.order_by("-inicio", "-pk")[:limite]
    ]
    # A document by its own publication date (or year), as the library orders them.
    documentos = (
        Documento.objects.publicados()
        .filter(consorcios=consorcio)
        .only("titulo", "slug", "tipo", "anio", "fecha", "institucion")
        .recientes()[:limite]
    )
    sucesos += [
        Suceso(
            d.fecha or datetime.date(d.anio, 1, 1),
            "documento",
            d.get_tipo_display(),
            d.titulo,
            d.get_absolute_url(),
            solo_anio=d.fecha is None,
        )
        for d in documentos
    ]
    temas = (
        Tema.objects.filter(consorcio=consorcio).select_related("foro").only("titulo", "slug", "creado", "foro__slug")
    )
    sucesos += [
        Suceso(_dia(t.creado), "tema", _("Tema en los foros"), t.titulo, t.get_absolute_url())
        for t in temas.order_by("-creado", "-pk")[:limite]
    ]
    sucesos.sort(key=lambda s: s.fecha, reverse=True)
    clases = {s.clase for s in sucesos}
    # Links to each kind's full list below on the page, in the page's order.
    enlaces = [(ancla, nombre) for clase, ancla, nombre in LISTAS if clase in clases]
    return {"sucesos": sucesos[:limite], "enlaces": enlaces}


# (kind, anchor of its full list on the consortium's page, its name)
LISTAS = [
    ("hito", "t-actividades", _("hitos")),
    ("noticia", "t-noticias-consorcio", _("noticias")),
    ("evento", "t-eventos-consorcio", _("eventos")),
    ("documento", "t-documentos", _("documentos")),
    ("tema", "t-temas", _("temas de los foros")),
]
