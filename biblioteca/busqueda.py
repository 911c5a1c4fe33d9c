"""Library search: PostgreSQL full text, as the design says, and nothing else.

A document's stored vector (``Documento.vector``: title A; abstract, authors and the labels of
its type, language and countries B; extracted text C) is matched through its GIN index by
``websearch_to_tsquery`` (words, "phrases", -exclusions, or), ranked by ``ts_rank`` and
shown with ``ts_headline`` snippets. A page of results is two queries whatever the number of
documents: the facets with the total (``facetas``, one pass over the matching rows with
GROUPING SETS), and the page itself, numbered by that total.

A word in most documents makes both read every matching row's vector; so the facets and the
order of the first results are derived values kept until the library changes (``guardado``),
and a page among the first ones then reads only its own rows, by primary key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Left
from django.utils.http import urlencode
from django.utils.translation import get_language
from django_countries import countries

from comun.cache import guardado
from comun.paginacion import PaginadorContado

from .models import CONFIG_BUSQUEDA, CONFIG_RAICES, Documento, ListaDePaises

# Snippet markers: control characters that never occur in stored text, turned into
# <mark> only after the snippet has been HTML-escaped (see templatetags/biblioteca.py).
INICIO_MARCA = "\x02"
FIN_MARCA = "\x03"
# The snippet is taken from the abstract and the start of the extracted text: enough for
# context, and bounded, because ts_headline's cost grows with the text it reads.
CARACTERES_FRAGMENTO = 4_000
POR_PAGINA = 20
# The first results whose order is kept per search (ten pages): later pages are rarely asked for.
PRIMEROS = 10 * POR_PAGINA


@dataclass
class Faceta:
    valor: str
    etiqueta: str
    cantidad: int


@dataclass
class Facetas:
    """The total of a search's results and their counts by type, country, language and year."""

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


class Coincide(Func):
    """``vector @@ query`` as a condition (for ``When``)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _coincidencias(valores: dict) -> tuple[QuerySet[Documento], SearchQuery | None]:
    """Published documents matching the filters and the words (unordered), and the query of the words."""
    documentos = Documento.objects.publicados().para_lista()
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
    q = valores.get("q", "").strip()
    if not q:
        return documentos, None
    busqueda = consulta(q)
    return documentos.filter(vector=busqueda), busqueda


def _con_fragmento(documentos: QuerySet[Documento], busqueda: SearchQuery) -> QuerySet[Documento]:
    """A highlighted snippet: from the abstract when it matches, else from the abstract and the text."""

    def fragmento(texto) -> SearchHeadline:
        return SearchHeadline(
            texto,
            busqueda,
            config=CONFIG_BUSQUEDA,
            start_sel=INICIO_MARCA,
            stop_sel=FIN_MARCA,
            max_words=40,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    del_resumen = SearchVector("resumen", config=CONFIG_BUSQUEDA) + SearchVector("resumen", config=CONFIG_RAICES)
    con_texto = Concat("resumen", Value(" … "), Left("texto_extraido", CARACTERES_FRAGMENTO), output_field=TextField())
    return documentos.annotate(
        fragmento=Case(
            When(Coincide(del_resumen, busqueda), then=fragmento(F("resumen"))),
            default=fragmento(con_texto),
            output_field=TextField(),
        )
    )


def filtrar(valores: dict) -> QuerySet[Documento]:
    """Published documents matching the query and filters, ranked or newest first."""
    documentos, busqueda = _coincidencias(valores)
    if busqueda is None:
        return documentos.recientes()
    documentos = _con_fragmento(documentos.annotate(rango=SearchRank(F("vector"), busqueda)), busqueda)
    if valores.get("orden") == "fecha":
        return documentos.recientes()
    return documentos.order_by("-rango", "-anio", "-pk")


def facetas(valores: dict) -> Facetas:
    """The total and every facet of a search's results, in one query (GROUPING SETS), labelled
    in the current language, most frequent first.

    Countries are grouped by their stored list ("EC,PE"), a few hundred distinct values, and
    split here: cheaper than unnesting the list of every matching row in SQL.
    """
    documentos, _busqueda = _coincidencias(valores)
    sql, params = documentos.order_by().values("tipo", "idioma", "anio", "paises").query.sql_with_params()
    cuentas: dict[str, list[tuple[str, int]]] = {"tipo": [], "idioma": [], "anio": []}
    paises: Counter[str] = Counter()
    total = 0
    with connection.cursor() as cursor:
        # Django-compiled SQL (its parameters apart) inside. GROUPING() tells the grouping sets
        # apart: a bit per column left out of the row's set.
        cursor.execute(
            "SELECT CASE GROUPING(tipo, idioma, anio, paises) WHEN 7 THEN 'tipo' WHEN 11 THEN 'idioma' "
            "WHEN 13 THEN 'anio' WHEN 14 THEN 'pais' ELSE 'total' END, "
            "COALESCE(tipo, idioma, anio::text, paises, ''), count(*) "
            "FROM (" + sql + ") AS m GROUP BY GROUPING SETS ((tipo), (idioma), (anio), (paises), ())",
            params,
        )
        for faceta, valor, cantidad in cursor.fetchall():
            if faceta == "total":
                total = cantidad
            elif faceta == "pais":
                paises.update(dict.fromkeys((codigo for codigo in valor.split(",") if codigo), cantidad))
            else:
                cuentas[faceta].append((valor, cantidad))
    etiquetas_tipo = dict(Documento.Tipo.choices)
    etiquetas_idioma = dict(Documento.Idioma.choices)
    por_cantidad = lambda fila: (-fila[1], fila[0])  # noqa: E731
    return Facetas(
        total=total,
        tipo=[Faceta(v, str(etiquetas_tipo.get(v, v)), n) for v, n in sorted(cuentas["tipo"], key=por_cantidad)],
        idioma=[Faceta(v, str(etiquetas_idioma.get(v, v)), n) for v, n in sorted(cuentas["idioma"], key=por_cantidad)],
        anio=[Faceta(v, v, n) for v, n in sorted(cuentas["anio"], key=lambda fila: -int(fila[0]))[:30]],
        pais=[Faceta(v, str(countries.name(v) or v), n) for v, n in sorted(paises.items(), key=por_cantidad)[:40]],
    )


def pagina(valores: dict, numero, *, total: int | None = None) -> Page:
    """The page ``numero`` of a search's results (an invalid number gives the first or last): one
    query for its rows, ranked, with their snippets; one more to count the matches unless
    ``total`` is given."""
    documentos = filtrar(valores)
    if total is None:
        return Paginator(documentos, POR_PAGINA).get_page(numero)
    return PaginadorContado(documentos, POR_PAGINA, contar=lambda: total).get_page(numero)


def _huella(valores: dict) -> str:
    return urlencode(sorted((clave, str(valor)) for clave, valor in valores.items() if valor not in ("", None)))


def resultados(valores: dict, numero) -> tuple[Facetas, Page]:
    """What the search page shows: the facets and the page ``numero``, kept as derived values.

    The facets (labelled in the current language) and the ids of the first ``PRIMEROS`` results in
    their order are kept until the library changes. A page among them is a queryset of its own
    rows by primary key, with their snippets, read only if the page's kept fragment is not there.
    """
    huella = _huella(valores)
    cuentas = guardado("biblioteca", f"busqueda:facetas:{get_language()}:{huella}", lambda: facetas(valores))
    documentos = filtrar(valores)
    paginador = PaginadorContado(documentos, POR_PAGINA, contar=lambda: cuentas.total)
    pagina_pedida = paginador.get_page(numero)
    if pagina_pedida.end_index() > PRIMEROS:
        return cuentas, pagina_pedida  # its rows are read by the ranked query itself
    primeros = guardado(
        "biblioteca", f"busqueda:orden:{huella}", lambda: list(documentos.values_list("pk", flat=True)[:PRIMEROS])
    )
    ids = primeros[pagina_pedida.start_index() - 1 : pagina_pedida.end_index()]
    en_su_orden = Case(*(When(pk=pk, then=Value(posicion)) for posicion, pk in enumerate(ids)))
    filas = documentos.filter(pk__in=ids).order_by(en_su_orden)
    return cuentas, Page(filas, pagina_pedida.number, paginador)
