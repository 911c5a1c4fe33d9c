"""Where the activity of "Mi red", the private feed and the digest comes from.

Each **source** is a function of the member's follows (``Objetivos``: the sets of followed
consortia, institutions, countries, sectors, forums and opportunity kinds) that returns the most
recent public items about them as ``Elemento`` tuples, newest first, at most ``limite``, and only
those dated from ``desde`` on (the digest) and not in the future. A source makes **one query at
most**, whatever the number of follows and rows, and none when the member follows nothing it reads:
so "Mi red" costs the same with two follows as with two hundred.

An item reached through two follows (a document about a followed consortium, in a followed country)
comes from the same source with the same ``clave`` and the same ``fecha``: ``actividad`` keeps it once.
The keys also let the digest remember what it already sent (``ElementoEnviado``).

This app may read every content app; nothing imports it (README "Architecture").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import NamedTuple

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class Elemento(NamedTuple):
    """One item of activity. ``clave`` names the object ("documento:12"), the same through every follow;
    ``tipo`` is a key of ``TIPOS``; ``url`` a path in the active language; ``resumen`` plain text."""

    fecha: datetime
    clave: str
    tipo: str
    titulo: str
    url: str
    resumen: str


@dataclass(frozen=True)
class Objetivos:
    """What a member follows, by kind (ids, country codes, sector ids, opportunity kinds), and who the
    member is (for sources of their own activity: conversations, matches)."""

    miembro_id: int | None = None
    consorcios: frozenset[int] = frozenset()
    instituciones: frozenset[int] = frozenset()
    paises: frozenset[str] = frozenset()
    sectores: frozenset[int] = frozenset()
    foros: frozenset[int] = frozenset()
    tipos_oportunidad: frozenset[str] = frozenset()

    @classmethod
    def de(cls, seguimientos: Iterable, *, miembro_id: int | None = None) -> Objetivos:
        """From a member's ``Seguimiento`` rows (their ids only: no query beyond reading the rows)."""
        conjuntos: dict[str, set] = {campo: set() for campo in cls.__dataclass_fields__ if campo != "miembro_id"}
        for s in seguimientos:
            miembro_id = miembro_id or s.miembro_id
            if s.consorcio_id:
                conjuntos["consorcios"].add(s.consorcio_id)
            elif s.institucion_id:
                conjuntos["instituciones"].add(s.institucion_id)
            elif s.pais:
                conjuntos["paises"].add(s.pais.code)
            elif s.sector_id:
                conjuntos["sectores"].add(s.sector_id)
            elif s.foro_id:
                conjuntos["foros"].add(s.foro_id)
            elif s.tipo_oportunidad:
                conjuntos["tipos_oportunidad"].add(s.tipo_oportunidad)
        return cls(miembro_id=miembro_id, **{campo: frozenset(valores) for campo, valores in conjuntos.items()})


Fuente = Callable[[Objetivos, "datetime | None", int], list[Elemento]]
# Each source, and whether it is private: what only the member may see (their conversations) shows on
# "Mi red", behind their login, never in the feed (a URL that may leak) or the digest.
FUENTES: list[tuple[Fuente, bool]] = []
# The kind of each item as members read it ("Mi red", the feed, the digest).
TIPOS: dict[str, str] = {}


def fuente(*, privada: bool = False, **tipos: str) -> Callable[[Fuente], Fuente]:
    """Register a source and the kinds of item it yields, with their labels."""

    def registrar(funcion: Fuente) -> Fuente:
        FUENTES.append((funcion, privada))
        TIPOS.update(tipos)
        return funcion

    return registrar


def actividad(
    objetivos: Objetivos, *, desde: datetime | None = None, limite: int = 30, privadas: bool = False
) -> list[Elemento]:
    """The ``limite`` newest items about ``objetivos`` from every source (the private ones only when
    ``privadas``), each once, newest first.

    Each source gives its own ``limite`` newest, so the merge holds the overall ``limite`` newest."""
    vistos: set[str] = set()
    elementos = []
    for funcion, privada in FUENTES:
        if privada and not privadas:
            continue
        for elemento in funcion(objetivos, desde, limite):
            if elemento.clave not in vistos:
                vistos.add(elemento.clave)
                elementos.append(elemento)
    elementos.sort(key=lambda e: (e.fecha, e.clave), reverse=True)
    return elementos[:limite]


def _entre(campo: str, desde: datetime | None) -> Q:
    """Dated up to now (a scheduled publication is not activity yet), and from ``desde`` if given."""
    condicion = Q(**{f"{campo}__lte": timezone.now()})
    return condicion & Q(**{f"{campo}__gte": desde}) if desde else condicion


# --- The sources ------------------------------------------------------------------------------
# The integrator adds here the sources of the apps merged after this one, on the same contract:
# opportunities (oportunidades: the published ones of a followed kind, consortium, institution,
# country or sector, using ``objetivos.tipos_oportunidad``), the member's conversations
# (conversaciones: new messages, for "Mi red" only) and matches (afinidades: new complementary
# consortia of the consortia the member edits). Each registers its item kinds with ``@fuente``;
# those that read the member's own activity use ``objetivos.miembro_id`` and ``@fuente(privada=True)``.


@fuente(consorcio=_("Nuevo consorcio en la Red"))
def consorcios_publicados(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """Consortia published in a followed country or sector, or promoted by a followed institution."""
    from consorcios.models import Consorcio

    if not (objetivos.paises or objetivos.sectores or objetivos.instituciones):
        return []
    # Through the many-to-many tables as subqueries (their sector_id and institucion_id indexes),
    # so a consortium in two followed sectors is one row.
    sectores = Consorcio.sectores.through.objects.filter(sector_id__in=objetivos.sectores).values("consorcio_id")
    instituciones = Consorcio.instituciones_promotoras.through.objects.filter(
        institucion_id__in=objetivos.instituciones
    ).values("consorcio_id")
    consorcios = (
        Consorcio.objects.publicados()
        .filter(_entre("publicado_en", desde))
        .filter(Q(pais__in=objetivos.paises) | Q(pk__in=sectores) | Q(pk__in=instituciones))
        .only("nombre", "slug", "tipo", "pais", "productos", "publicado_en")
        .order_by("-publicado_en", "-pk")[:limite]
    )
    return [
        Elemento(
            c.publicado_en,
            f"consorcio:{c.pk}",
            "consorcio",
            c.nombre,
            c.get_absolute_url(),
            f"{c.get_tipo_display()} · {c.pais.name} · {c.productos}",
        )
        for c in consorcios
    ]


@fuente(actividad=_("Actividad de un consorcio"))
def actividades(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """The timeline of followed consortia (fairs, missions, first exports…), up to today."""
    from consorcios.models import Actividad, Consorcio

    if not objetivos.consorcios:
        return []
    hoy = timezone.localdate()
    filas = Actividad.objects.filter(
        consorcio_id__in=objetivos.consorcios, consorcio__estado=Consorcio.Estado.PUBLICADO, fecha__lte=hoy
    )
    if desde:
        filas = filas.filter(fecha__gte=timezone.localtime(desde).date())
    filas = filas.select_related("consorcio").only(
        "fecha", "titulo", "descripcion", "tipo", "consorcio__nombre", "consorcio__slug"
    )
    # Served by actividad_consorcio_fecha_idx (consorcio_id, fecha DESC).
    filas = filas.order_by("-fecha", "-pk")[:limite]
    medianoche = time.min
    return [
        Elemento(
            timezone.make_aware(datetime.combine(a.fecha, medianoche)),
            f"actividad:{a.pk}",
            "actividad",
            f"{a.consorcio.nombre}: {a.titulo}",
            f"{a.consorcio.get_absolute_url()}#t-actividades",
            " · ".join(p for p in [str(a.get_tipo_display()), Truncator(a.descripcion).words(30)] if p),
        )
        for a in filas
    ]


@fuente(documento=_("Documento en la biblioteca"))
def documentos(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """Library documents about a followed consortium, or about a consortium of a followed sector,
    published by a followed institution, or about a followed country."""
    from biblioteca.models import Documento, ListaDePaises

    if not (objetivos.consorcios or objetivos.instituciones or objetivos.paises or objetivos.sectores):
        return []
    enlaces = Documento.consorcios.through.objects
    condicion = Q(institucion_id__in=objetivos.instituciones)
    if objetivos.consorcios:
        condicion |= Q(pk__in=enlaces.filter(consorcio_id__in=objetivos.consorcios).values("documento_id"))
    if objetivos.sectores:
        condicion |= Q(pk__in=enlaces.filter(consorcio__sectores__in=objetivos.sectores).values("documento_id"))
    documentos = Documento.objects.publicados().para_lista().filter(_entre("publicado_en", desde))
    if objetivos.paises:
        # string_to_array(paises, ',') && ARRAY[…]: documento_paises_gin.
        documentos = documentos.annotate(lista_paises=ListaDePaises("paises"))
        condicion |= Q(lista_paises__overlap=sorted(objetivos.paises))
    documentos = documentos.filter(condicion).order_by("-publicado_en", "-pk")[:limite]
    return [
        Elemento(
            d.publicado_en,
            f"documento:{d.pk}",
            "documento",
            d.titulo,
            d.get_absolute_url(),
            " · ".join(p for p in [str(d.get_tipo_display()), Truncator(d.resumen).words(30)] if p),
        )
        for d in documentos
    ]


@fuente(evento=_("Evento"))
def eventos(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """Events announced in a followed country (dated when they were announced). Whole rows: staff's
    texts have a column per language (modeltranslation), and ``only()`` would defer the others."""
    from biblioteca.models import Evento

    if not objetivos.paises:
        return []
    eventos = (
        Evento.objects.publicados()
        .filter(_entre("creado", desde), pais__in=objetivos.paises)
        .order_by("-creado", "-pk")[:limite]
    )
    return [
        Elemento(
            e.creado,
            f"evento:{e.pk}",
            "evento",
            e.titulo,
            e.get_absolute_url(),
            " · ".join(p for p in [formats.date_format(timezone.localtime(e.inicio), "DATE_FORMAT"), e.lugar] if p),
        )
        for e in eventos
    ]


@fuente(noticia=_("Noticia"))
def noticias(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """News about the events of a followed country (news carry no country of their own)."""
    from biblioteca.models import Evento, Noticia

    if not objetivos.paises:
        return []
    de_los_eventos = Noticia.eventos.through.objects.filter(
        evento__in=Evento.objects.publicados().filter(pais__in=objetivos.paises)
    ).values("noticia_id")
    noticias = (
        Noticia.objects.publicados()
        .filter(_entre("publicada_en", desde), pk__in=de_los_eventos)
        .order_by("-publicada_en", "-pk")[:limite]
    )
    return [
        Elemento(n.publicada_en, f"noticia:{n.pk}", "noticia", n.titulo, n.get_absolute_url(), n.resumen)
        for n in noticias
    ]


@fuente(tema=_("Tema en los foros"))
def temas(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """Topics opened in a followed forum, about a followed consortium or institution, or addressed to a followed
    country or sector. (Replies reach those subscribed to a topic through the forums' own notices.)"""
    from foros.models import Tema

    if not (
        objetivos.foros or objetivos.consorcios or objetivos.instituciones or objetivos.paises or objetivos.sectores
    ):
        return []
    temas = (
        Tema.objects.filter(_entre("creado", desde))
        .filter(
            Q(foro_id__in=objetivos.foros)
            | Q(consorcio_id__in=objetivos.consorcios)
            | Q(institucion_id__in=objetivos.instituciones)
            | Q(pais__in=objetivos.paises)
            | Q(sector_id__in=objetivos.sectores)
        )
        .select_related("foro")
        .order_by("-creado", "-pk")[:limite]
    )
    return [Elemento(t.creado, f"tema:{t.pk}", "tema", t.titulo, t.get_absolute_url(), t.foro.nombre) for t in temas]


@fuente(oportunidad=_("Oportunidad de cooperación"))
def oportunidades(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """Open opportunities of a followed kind, by a followed consortium or institution, or in a followed
    country or sector."""
    from oportunidades.models import ListaDePaises, Oportunidad

    if not (
        objetivos.tipos_oportunidad
        or objetivos.consorcios
        or objetivos.instituciones
        or objetivos.paises
        or objetivos.sectores
    ):
        return []
    sectores = Oportunidad.sectores.through.objects.filter(sector_id__in=objetivos.sectores).values("oportunidad_id")
    filas = (
        Oportunidad.objects.publicadas()
        .filter(_entre("publicada_en", desde))
        .alias(lista_paises=ListaDePaises("paises"))
        .filter(
            Q(tipo__in=objetivos.tipos_oportunidad)
            | Q(consorcio_id__in=objetivos.consorcios)
            | Q(institucion_id__in=objetivos.instituciones)
            | Q(lista_paises__overlap=list(objetivos.paises))
            | Q(pk__in=sectores)
        )
        .select_related("consorcio", "institucion")
        .only("titulo", "slug", "tipo", "publicada_en", "fecha_limite", "consorcio__nombre", "institucion__nombre")
        .order_by("-publicada_en", "-pk")[:limite]
    )
    return [
        Elemento(
            o.publicada_en,
            f"oportunidad:{o.pk}",
            "oportunidad",
            o.titulo,
            o.get_absolute_url(),
            f"{o.get_tipo_display()} · {o.publicador.nombre} · "
            + str(_("hasta el %(fecha)s") % {"fecha": formats.date_format(o.fecha_limite)}),
        )
        for o in filas
    ]


@fuente(privada=True, afinidad=_("Consorcio afín a uno de los tuyos"))
def afinidades(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """New matches of the published consortia the member edits (afinidades), for "Mi red" only:
    which consortium complements which is shown to its editors, not in a feed."""
    from afinidades.models import Afinidad
    from consorcios.models import Consorcio

    if not objetivos.miembro_id:
        return []
    filas = (
        Afinidad.objects.filter(
            origen__responsables=objetivos.miembro_id,
            origen__estado=Consorcio.Estado.PUBLICADO,
            destino__estado=Consorcio.Estado.PUBLICADO,
        )
        .filter(_entre("creada", desde))
        .select_related("origen", "destino")
        .only("creada", "origen__nombre", "destino__nombre", "destino__slug", "destino__productos", "destino__pais")
        .order_by("-creada", "-pk")[:limite]
    )
    return [
        Elemento(
            a.creada,
            f"afinidad:{a.pk}",
            "afinidad",
            str(_("%(otro)s, afín a %(suyo)s") % {"otro": a.destino.nombre, "suyo": a.origen.nombre}),
            a.destino.get_absolute_url(),
            f"{a.destino.pais.name} · {a.destino.productos}",
        )
        for a in filas
    ]


@fuente(privada=True, conversacion=_("Conversación con mensajes sin leer"))
def conversaciones(objetivos: Objetivos, desde: datetime | None, limite: int) -> list[Elemento]:
    """The member's conversations with messages they have not read, for "Mi red" only (never a feed)."""
    from django.db.models import F

    from conversaciones.models import Participante

    if not objetivos.miembro_id:
        return []
    filas = (
        Participante.objects.activos()
        .filter(miembro_id=objetivos.miembro_id, conversacion__ultimo_mensaje__gt=F("ultimo_leido"))
        .filter(_entre("conversacion__actualizada", desde))
        .select_related("conversacion")
        .only("conversacion__asunto", "conversacion__actualizada", "conversacion__ultimo_mensaje")
        .order_by("-conversacion__actualizada", "-conversacion_id")[:limite]
    )
    return [
        Elemento(
            p.conversacion.actualizada,
            # A new message makes it a new item: the key names the last message too.
            f"conversacion:{p.conversacion_id}:{p.conversacion.ultimo_mensaje}",
            "conversacion",
            p.conversacion.asunto or str(_("Conversación")),
            p.conversacion.get_absolute_url(),
            "",
        )
        for p in filas
    ]
