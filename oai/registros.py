"""The records OAI-PMH serves: every library document ever published, in (datestamp, pk) order.

A record is a published document (its metadata), a document unpublished since (its row, marked
deleted) or a tombstone of one deleted outright (DocumentoBorrado). The datestamp is the
document's ``actualizado`` (any save, a relation's change included: Documento.actualizar_etiquetas)
or the tombstone's ``borrado``. Pages are keyed on (datestamp, pk), never on offsets, so a record
added or changed during a harvest cannot shift the pages a harvester has still to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import CharField, Func, Min, Q, QuerySet
from django.urls import reverse

from biblioteca.models import Documento, ListaDePaises, sectores_de_cada_uno

from .models import DocumentoBorrado

# Ever published: published now, or once (publicado_en stays when a document is rejected later).
ALGUNA_VEZ_PUBLICADO = Q(estado=Documento.Estado.PUBLICADO) | Q(publicado_en__isnull=False)
PREFIJO_TIPO = "tipo:"
PREFIJO_PAIS = "pais:"


def repositorio() -> str:
    """The repository's name in OAI identifiers: the portal's host name."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def identificador(pk: int) -> str:
    return f"oai:{repositorio()}:biblioteca/{pk}"


def pk_de(identificador_oai: str) -> int | None:
    prefijo = f"oai:{repositorio()}:biblioteca/"
    resto = identificador_oai.removeprefix(prefijo)
    if resto == identificador_oai or not resto.isdigit():
        return None
    return int(resto)


def url_absoluta(documento: Documento) -> str:
    return settings.SITE_URL + documento.get_absolute_url()


def url_base() -> str:
    return settings.SITE_URL + reverse("oai")


@dataclass(frozen=True)
class Registro:
    pk: int
    fecha: datetime
    tipo: str
    paises: list[str]
    documento: Documento | None  # None for a deleted record

    @property
    def borrado(self) -> bool:
        return self.documento is None

    @property
    def identificador(self) -> str:
        return identificador(self.pk)

    @property
    def conjuntos(self) -> list[str]:
        return [PREFIJO_TIPO + self.tipo] + [PREFIJO_PAIS + codigo for codigo in self.paises]


@dataclass(frozen=True)
class Filtro:
    """A list request's selection: [desde, hasta) on the datestamp, and a set."""

    hasta: datetime
    desde: datetime | None = None
    conjunto: str | None = None


def _codigos(paises) -> list[str]:
    if isinstance(paises, str):
        return [codigo for codigo in paises.split(",") if codigo]
    return [str(getattr(pais, "code", pais)) for pais in paises]


def _en_el_filtro(registros: QuerySet, fecha: str, filtro: Filtro) -> QuerySet:
    """Published and deleted records alike: the harvest's dates on ``fecha``, then its set."""
    registros = registros.filter(**{f"{fecha}__lt": filtro.hasta})
    if filtro.desde:
        registros = registros.filter(**{f"{fecha}__gte": filtro.desde})
    if filtro.conjunto and filtro.conjunto.startswith(PREFIJO_TIPO):
        registros = registros.filter(tipo=filtro.conjunto.removeprefix(PREFIJO_TIPO))
    elif filtro.conjunto and filtro.conjunto.startswith(PREFIJO_PAIS):
        registros = registros.alias(lista_paises=ListaDePaises("paises")).filter(
            lista_paises__contains=[filtro.conjunto.removeprefix(PREFIJO_PAIS)]
        )
    elif filtro.conjunto:
        registros = registros.none()
    return registros


def _documentos(filtro: Filtro) -> QuerySet[Documento]:
    return _en_el_filtro(Documento.objects.filter(ALGUNA_VEZ_PUBLICADO), "actualizado", filtro)


def _borrados(filtro: Filtro) -> QuerySet[DocumentoBorrado]:
    return _en_el_filtro(DocumentoBorrado.objects.all(), "borrado", filtro)


def _con_metadatos(documentos: QuerySet[Documento]) -> QuerySet[Documento]:
    """What oai_dc prints, in a constant number of queries: the institution (publisher) joined,
    the topics prefetched (one query), the sectors of its consortia as a subquery."""
    return (
        documentos.select_related("institucion")
        .prefetch_related("temas")
        .annotate(claves_sectores=sectores_de_cada_uno())
        .defer("texto_extraido", "etiquetas", "vector")
    )


def _registro_de(documento: Documento) -> Registro:
    publicado = documento.estado == Documento.Estado.PUBLICADO
    return Registro(
        pk=documento.pk,
        fecha=documento.actualizado,
        tipo=documento.tipo,
        paises=_codigos(documento.paises),
        documento=documento if publicado else None,
    )


def _registro_borrado(borrado: DocumentoBorrado) -> Registro:
    return Registro(
        pk=borrado.documento_id,
        fecha=borrado.borrado,
        tipo=borrado.tipo,
        paises=_codigos(borrado.paises),
        documento=None,
    )


def contar(filtro: Filtro) -> int:
    """Two queries."""
    return _documentos(filtro).count() + _borrados(filtro).count()


def pagina(filtro: Filtro, despues: tuple[datetime, int] | None, tamano: int) -> tuple[list[Registro], bool]:
    """The next ``tamano`` records after the key ``despues``, and whether more follow.

    Three queries whatever the page size: the documents (the topics' prefetch is the second)
    and the tombstones, each the page's worth at most, merged here by (datestamp, pk)."""
    documentos, borrados = _documentos(filtro), _borrados(filtro)
    if despues:
        fecha, pk = despues
        documentos = documentos.filter(Q(actualizado__gt=fecha) | Q(actualizado=fecha, pk__gt=pk))
        borrados = borrados.filter(Q(borrado__gt=fecha) | Q(borrado=fecha, documento_id__gt=pk))
    registros = [_registro_de(d) for d in _con_metadatos(documentos).order_by("actualizado", "pk")[: tamano + 1]]
    registros += [_registro_borrado(b) for b in borrados.order_by("borrado", "documento_id")[: tamano + 1]]
    registros.sort(key=lambda registro: (registro.fecha, registro.pk))
    return registros[:tamano], len(registros) > tamano


def uno(pk: int) -> Registro | None:
    if documento := _con_metadatos(Documento.objects.filter(ALGUNA_VEZ_PUBLICADO, pk=pk)).first():
        return _registro_de(documento)
    if borrado := DocumentoBorrado.objects.filter(documento_id=pk).first():
        return _registro_borrado(borrado)
    return None


def existe(pk: int) -> bool:
    return (
        Documento.objects.filter(ALGUNA_VEZ_PUBLICADO, pk=pk).exists()
        or DocumentoBorrado.objects.filter(documento_id=pk).exists()
    )


def primera_fecha() -> datetime | None:
    fechas = [
        Documento.objects.filter(ALGUNA_VEZ_PUBLICADO).aggregate(m=Min("actualizado"))["m"],
        DocumentoBorrado.objects.aggregate(m=Min("borrado"))["m"],
    ]
    return min((f for f in fechas if f), default=None)


def paises_con_documentos() -> list[str]:
    """The ISO codes of the countries of the documents ever published (one query)."""
    codigos = (
        Documento.objects.filter(ALGUNA_VEZ_PUBLICADO)
        .annotate(codigo=Func(ListaDePaises("paises"), function="unnest", output_field=CharField()))
        .order_by("codigo")
        .values_list("codigo", flat=True)
        .distinct()
    )
    return [codigo for codigo in codigos if codigo]
