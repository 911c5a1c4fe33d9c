"""Library search: PostgreSQL full text with the es_unaccent configuration, plus facets.

One query for the page of results, one for the total, and one per facet (type,
country, language, year) over the same filtered set: the count of queries does not
depend on the number of documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, QuerySet, TextField, Value
from django.db.models.functions import Concat, Left
from django_countries import countries

from .models import CONFIG_BUSQUEDA, CONFIG_RAICES, Documento, ListaDePaises

# Snippet markers: control characters that never occur in stored text, turned into
# <mark> only after the snippet has been HTML-escaped (see templatetags/biblioteca.py).
INICIO_MARCA = "\x02"
FIN_MARCA = "\x03"
# The snippet is taken from the abstract and the start of the extracted text: enough
# for context, bounded so ts_headline stays cheap on long documents.
CARACTERES_FRAGMENTO = 20_000


@dataclass
class Faceta:
    valor: str
    etiqueta: str
    cantidad: int


@dataclass
class Facetas:
    tipo: list[Faceta] = field(default_factory=list)
    pais: list[Faceta] = field(default_factory=list)
    idioma: list[Faceta] = field(default_factory=list)
    anio: list[Faceta] = field(default_factory=list)


_CION_SIN_TILDE = re.compile(r"(?<=\w)cion\b", re.IGNORECASE)


def consulta(q: str) -> SearchQuery:
    """websearch_to_tsquery in both configurations of the stored vector, OR-ed.

    Each branch is the whole query (phrases and exclusions included), so OR-ing them
    keeps "-tequila" meaning "without tequila". The "spanish" branch first restores
    the accent of a word-final "-cion", which people often omit, so "denominacion"
    also finds "denominaciones".
    """
    con_tilde = _CION_SIN_TILDE.sub("ción", q)
    return SearchQuery(q, search_type="websearch", config=CONFIG_BUSQUEDA) | SearchQuery(
        con_tilde, search_type="websearch", config=CONFIG_RAICES
    )


def filtrar(valores: dict) -> QuerySet[Documento]:
    """Published documents matching the query and filters, ranked or newest first."""
    documentos = Documento.objects.publicados()
    q = valores.get("q", "").strip()
    if valores.get("tipo"):
        documentos = documentos.filter(tipo=valores["tipo"])
    if valores.get("idioma"):
        documentos = documentos.filter(idioma=valores["idioma"])
    if valores.get("anio"):
        documentos = documentos.filter(anio=valores["anio"])
    if valores.get("pais"):
        documentos = documentos.alias(lista_paises=ListaDePaises("paises")).filter(
            lista_paises__contains=[valores["pais"]]
        )
    if not q:
        return documentos.recientes()
    busqueda = consulta(q)
    documentos = documentos.filter(vector=busqueda).annotate(
        rango=SearchRank(F("vector"), busqueda),
        fragmento=SearchHeadline(
            Concat("resumen", Value(" … "), Left("texto_extraido", CARACTERES_FRAGMENTO), output_field=TextField()),
            busqueda,
            config=CONFIG_BUSQUEDA,
            start_sel=INICIO_MARCA,
            stop_sel=FIN_MARCA,
            max_words=40,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )
    if valores.get("orden") == "fecha":
        return documentos.recientes()
    return documentos.order_by("-rango", "-anio", "-pk")


def facetas(documentos: QuerySet[Documento]) -> Facetas:
    """Counts per type, country, language and year of the matching documents (4 queries)."""
    base = documentos.order_by()
    etiquetas_tipo = dict(Documento.Tipo.choices)
    etiquetas_idioma = dict(Documento.Idioma.choices)
    resultado = Facetas()
    for fila in base.values("tipo").annotate(n=Count("pk")).order_by("-n", "tipo"):
        resultado.tipo.append(Faceta(fila["tipo"], str(etiquetas_tipo.get(fila["tipo"], fila["tipo"])), fila["n"]))
    for fila in base.values("idioma").annotate(n=Count("pk")).order_by("-n", "idioma"):
        resultado.idioma.append(
            Faceta(fila["idioma"], str(etiquetas_idioma.get(fila["idioma"], fila["idioma"])), fila["n"])
        )
    for fila in base.values("anio").annotate(n=Count("pk")).order_by("-anio")[:30]:
        resultado.anio.append(Faceta(str(fila["anio"]), str(fila["anio"]), fila["n"]))
    # Countries: one row per (document, country), grouped in SQL.
    sql, params = base.values("paises").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pais, count(*) FROM (SELECT unnest(string_to_array(sub.paises, ',')) AS pais "  # noqa: S608
            f"FROM ({sql}) AS sub) AS p WHERE pais <> '' GROUP BY pais ORDER BY count(*) DESC, pais LIMIT 40",
            params,
        )
        for codigo, cantidad in cursor.fetchall():
            resultado.pais.append(Faceta(codigo, str(countries.name(codigo) or codigo), cantidad))
    return resultado
