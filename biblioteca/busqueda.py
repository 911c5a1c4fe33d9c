"""Library search: PostgreSQL full text with the es_unaccent configuration, plus facets.

One query for the page of results, and one for the total and every facet (type,
country, language, year) over the same filtered set, read once: the count of queries
does not depend on the number of documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Concat, Left
from django_countries import countries

from .models import CONFIG_BUSQUEDA, CONFIG_RAICES, Documento, ListaDePaises

# Snippet markers: control characters that never occur in stored text, turned into
# <mark> only after the snippet has been HTML-escaped (see templatetags/biblioteca.py).
INICIO_MARCA = "\x02"
FIN_MARCA = "\x03"
# The snippet is taken from the abstract and the start of the extracted text: enough
# for context, bounded so ts_headline stays cheap on long documents. Its cost grows
# with the text it reads: 20 results over 20,000 characters took ~80 ms for a frequent
# word, over 4,000 ~20 ms.
CARACTERES_FRAGMENTO = 4_000


@dataclass
class Faceta:
    valor: str
    etiqueta: str
    cantidad: int


@dataclass
class Facetas:
    total: int = 0
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


@contextmanager
def por_el_indice(q: str) -> Iterator[None]:
    """Run the search's queries inside it so a frequent word goes through the GIN index.

    A word in most documents makes a sequential scan look cheapest to the planner,
    which then evaluates @@ row by row and so detoasts every big vector (the extracted
    text's). Through the GIN bitmap a word query needs no recheck (no weights, no
    phrase): the matching rows are known without reading a single vector. SET LOCAL
    dies with the transaction, so nothing else is affected (inside an outer transaction
    it lasts until that one ends, as a savepoint would not undo it either: hence no
    savepoint). One extra query, a constant. Evaluate the page of results inside the block.

    Not for phrases: "a b" needs the positions, so every GIN match is rechecked on the
    vector anyway, and the bitmap path then measured slower than the sequential scan.
    """
    if not q.strip() or '"' in q:
        yield
        return
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def filtrar(valores: dict) -> QuerySet[Documento]:
    """Published documents matching the query and filters, ranked or newest first."""
    documentos = Documento.objects.publicados().para_lista()
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
        # Ranked on the small inline vector (title, abstract, authors): the full one is
        # TOASTed, and reading it for every match of a frequent word cost more than the
        # rest of the page. A match only in the body ranks 0 and sorts by year.
        rango=SearchRank(F("vector_rango"), busqueda),
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
    """The total and the counts per type, country, language and year of the matching documents.

    One query and one pass over the matching rows: a frequent word matches most of the
    library, and reading those rows (and their search vectors) once instead of five times
    is what keeps the page fast. The paginator takes its count from ``total``.
    """
    sql, params = documentos.order_by().values("tipo", "idioma", "anio", "paises").query.sql_with_params()
    filas: dict[str, list[tuple[str, int]]] = {"total": [], "tipo": [], "idioma": [], "anio": [], "pais": []}
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m AS MATERIALIZED ({sql}) "  # noqa: S608 (Django-compiled SQL, parameters apart)
            "SELECT 'total', '', count(*) FROM m "
            "UNION ALL SELECT 'tipo', tipo, count(*) FROM m GROUP BY tipo "
            "UNION ALL SELECT 'idioma', idioma, count(*) FROM m GROUP BY idioma "
            "UNION ALL SELECT 'anio', anio::text, count(*) FROM m GROUP BY anio "
            "UNION ALL SELECT 'pais', pais, count(*) FROM "
            "(SELECT unnest(string_to_array(paises, ',')) AS pais FROM m) AS p WHERE pais <> '' GROUP BY pais",
            params,
        )
        for faceta, valor, cantidad in cursor.fetchall():
            filas[faceta].append((valor, cantidad))
    etiquetas_tipo = dict(Documento.Tipo.choices)
    etiquetas_idioma = dict(Documento.Idioma.choices)
    por_cantidad = lambda fila: (-fila[1], fila[0])  # noqa: E731
    return Facetas(
        total=filas["total"][0][1],
        tipo=[Faceta(v, str(etiquetas_tipo.get(v, v)), n) for v, n in sorted(filas["tipo"], key=por_cantidad)],
        idioma=[Faceta(v, str(etiquetas_idioma.get(v, v)), n) for v, n in sorted(filas["idioma"], key=por_cantidad)],
        anio=[Faceta(v, v, n) for v, n in sorted(filas["anio"], key=lambda fila: -int(fila[0]))[:30]],
        pais=[Faceta(v, str(countries.name(v) or v), n) for v, n in sorted(filas["pais"], key=por_cantidad)[:40]],
    )
