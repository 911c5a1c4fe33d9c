"""Library search: PostgreSQL full text with the es_unaccent configuration, plus facets.

A search reads its matching rows once (``calcular``): one query yields the total, every
facet (type, country, language, year) and the ids of its first ``VENTANA`` results in
both orders (relevance, date). That summary has no text, so it is kept for every language:
per content version in each worker (``redconsorcios.cache.memorizar``), and per version of
the library in the cache the workers share (``resumir``). A page of results
within it is then one query by primary key for 20 rows, whatever the number of matches
(none when the page's results are kept fragments: ``Diferidas``).
A page beyond it runs the ranked query with an offset. The count of queries does not
depend on the number of documents.

A word in a large share of the library makes that one pass read tens of thousands of
rows (a third of a second at 100,000 documents), after every change of the content. So
the summaries of those searches, and of the library without a search, are computed
ahead in the background after each change of the documents (``precalcular``) and read
in one query (``ResumenPrecalculado``); which words they are, PostgreSQL's statistics of
the search vector say (``palabras_frecuentes``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchQueryField, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Func, OuterRef, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Concat, JSONObject, Left
from django.utils.functional import SimpleLazyObject
from django_countries import countries

from redconsorcios.cache import Diferidas, compartido, memorizar

from .models import CONFIG_BUSQUEDA, CONFIG_RAICES, Documento, ListaDePaises, ResumenPrecalculado, VersionBiblioteca

# Snippet markers: control characters that never occur in stored text, turned into
# <mark> only after the snippet has been HTML-escaped (see templatetags/biblioteca.py).
INICIO_MARCA = "\x02"
FIN_MARCA = "\x03"
# The snippet is taken from the abstract and the start of the extracted text: enough
# for context, bounded so ts_headline stays cheap on long documents. Its cost grows
# with the text it reads: 20 results over 20,000 characters took ~80 ms for a frequent
# word, over 4,000 ~20 ms.
CARACTERES_FRAGMENTO = 4_000
# Results per page, and how many of the first results' ids a search's summary keeps (ten
# pages): the pages people actually read are then fetched by primary key.
POR_PAGINA = 20
VENTANA = 200
# The filters beside the words: a search with any of them is always computed live.
FILTROS = ("tipo", "idioma", "anio", "pais")


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


# Memory for the sorts and groupings of one search's queries (SET LOCAL): a summary keeps its
# matching rows, about 56 bytes each (5.5 MB for 100,000 documents), and reads them three
# times; with PostgreSQL's default of 4 MB they spill to a temporary file read back from disk.
MEMORIA_BUSQUEDA = "16MB"


@contextmanager
def ajustada(q: str) -> Iterator[None]:
    """Run a search's heavy queries inside it: memory for their sorts, and words through the GIN index.

    A word in most documents makes a sequential scan look cheapest to the planner,
    which then evaluates @@ row by row and so detoasts every big vector (the extracted
    text's). Through the GIN bitmap a query of words and two-word phrases (``SinFrases``)
    needs no recheck: the matching rows are known without reading a single vector. A
    longer phrase is checked on the vectors of the rows its pairs leave, a few.

    ``set_config(…, true)`` is SET LOCAL: it dies with the transaction, so nothing else is
    affected (inside an outer transaction it lasts until that one ends, as a savepoint
    would not undo it either: hence no savepoint). One extra query, a constant.
    """
    ajustes = {"work_mem": MEMORIA_BUSQUEDA}
    if q.strip():
        ajustes["enable_seqscan"] = "off"
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(ajustes)),
            [valor for par in ajustes.items() for valor in par],
        )
        yield


class SinFrases(Func):
    """The query with each phrase turned into its pairs of consecutive words (SQL function of
    migration 0008), which the search vector also holds: "consorcios de origen" is found as
    'consorci~2~orig' through the GIN index, where the phrase itself had every candidate's big
    vector read to check the words' positions (1.3 s at 100,000 documents).

    For matching only: ranking and snippets read the phrase from the small vector and the text.
    Two words are a pair when nothing but stop words stands between them, where PostgreSQL's
    phrase would also accept other words in the stop words' places.
    """

    function = "biblioteca_sin_frases"
    output_field = SearchQueryField()


class Coincide(Func):
    """``vector @@ query`` as a condition."""

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
    return documentos.filter(Coincide(F("vector"), SinFrases(busqueda))), busqueda


def _rango(busqueda: SearchQuery) -> SearchRank:
    # Ranked on the small inline vector (title, abstract, authors): the full one is
    # TOASTed, and reading it for every match of a frequent word cost more than the
    # rest of the page. A match only in the body ranks 0 and sorts by year.
    return SearchRank(F("vector_rango"), busqueda)


def _con_fragmento(documentos: QuerySet[Documento], busqueda: SearchQuery) -> QuerySet[Documento]:
    """A highlighted snippet: from the abstract when the title, abstract or authors match, else from the text too.

    Its cost grows with the text it reads (about 1 ms a document for the abstract plus 4,000
    characters, a fifth of that for the abstract alone), and the best results of a search
    are those that match in the abstract (they rank first).
    """

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

    con_texto = Concat("resumen", Value(" … "), Left("texto_extraido", CARACTERES_FRAGMENTO), output_field=TextField())
    return documentos.annotate(
        fragmento=Case(
            When(vector_rango=busqueda, then=fragmento(F("resumen"))),
            default=fragmento(con_texto),
            output_field=TextField(),
        )
    )


def filtrar(valores: dict) -> QuerySet[Documento]:
    """Published documents matching the query and filters, ranked or newest first."""
    documentos, busqueda = _coincidencias(valores)
    if busqueda is None:
        return documentos.recientes()
    documentos = _con_fragmento(documentos.annotate(rango=_rango(busqueda)), busqueda)
    if valores.get("orden") == "fecha":
        return documentos.recientes()
    return documentos.order_by("-rango", "-anio", "-pk")


@dataclass
class Resumen:
    """What one pass over a search's matching rows yields. No text: the same for every language."""

    total: int
    cuentas: dict[str, list[tuple[str, int]]]
    relevancia: list[int]  # the ids of the first VENTANA results, best first
    fecha: list[int]  # the same, newest first (Documento.recientes)


def _ids(texto: str | None) -> list[int]:
    return [int(pk) for pk in texto.split(",")] if texto else []


def _clave(q: str):
    """The words of a search as PostgreSQL reads them: the text of their tsquery, "" for none."""
    return Cast(consulta(q), TextField()) if q else Value("")


def _huella(valores: dict) -> str:
    """What tells a search's summary apart: its words and filters (not its order or page)."""
    filtros = sorted((clave, str(valor)) for clave, valor in valores.items() if clave not in ("orden", "pagina"))
    return hashlib.sha256(repr(filtros).encode()).hexdigest()


def _version_y_precalculado(q: str | None) -> tuple[int | None, Resumen | None]:
    """The library's version and, for words without filters (``q`` not None), the summary computed
    ahead for them under that version if there is one: one query. (None, None) without a version row
    (a table flushed by hand: the next write makes it)."""
    version = VersionBiblioteca.objects.filter(pk=VersionBiblioteca.UNICA)
    columnas = ["valor"]
    if q is not None:
        precalculado = ResumenPrecalculado.objects.filter(consulta=_clave(q), version=OuterRef("valor")).values(
            json=JSONObject(total="total", cuentas="cuentas", relevancia="relevancia", fecha="fecha")
        )
        columnas.append(Subquery(precalculado[:1]))
    fila = version.values_list(*columnas).first()
    if fila is None:
        return None, None
    if q is None or fila[1] is None:
        return fila[0], None
    datos = fila[1]
    return fila[0], Resumen(
        total=datos["total"],
        cuentas={
            faceta: [(valor, cantidad) for valor, cantidad in filas] for faceta, filas in datos["cuentas"].items()
        },
        relevancia=datos["relevancia"],
        fecha=datos["fecha"],
    )


def resumir(valores: dict, huella: str | None = None) -> Resumen:
    """A search's summary, kept per version of the library: computed ahead when it is one of the slow
    ones (words only), else read from the shared cache, else computed now and kept there.

    Keyed by the library's own version (bumped by PostgreSQL on any write to the documents), not
    by the portal's content version that every save and accepted POST bumps: a forum post makes
    each worker ask for its summaries again (``pagina``), and this answers them with one query
    and a cache read instead of a new pass over the matching rows (300 ms for a phrase in most of
    100,000 documents). The cache is shared by the workers (``compartido``), so each search is
    computed once per version, not once per worker. ``huella``: the search's ``_huella``, when the
    caller has it already.
    """
    solo_palabras = not any(valores.get(filtro) for filtro in FILTROS)
    version, resumen = _version_y_precalculado(valores.get("q", "").strip() if solo_palabras else None)
    if resumen is not None:
        return resumen
    if version is None:
        return calcular(valores)
    return compartido(f"biblioteca:resumen:{version}:{huella or _huella(valores)}", lambda: calcular(valores))


def calcular(valores: dict) -> Resumen:
    """The total, the facets' counts and the first results' ids of a search, in one query.

    One pass over the matching rows: a frequent word matches most of the library, and
    reading those rows (and their ranking vectors) once instead of twice (facets, then
    the ranked page) is what keeps a new search fast. The ids come out of two top-N
    sorts over the rows already read; the orders are those of ``filtrar``.
    """
    documentos, busqueda = _coincidencias(valores)
    rango = _rango(busqueda) if busqueda is not None else Value(0.0)
    columnas = documentos.order_by().values("id", "tipo", "idioma", "anio", "paises", "fecha", "publicado_en")
    sql, params = columnas.annotate(rango=rango).query.sql_with_params()
    filas: dict[str, list[tuple[str, int]]] = {"tipo": [], "idioma": [], "anio": [], "pais": []}
    paises: Counter[str] = Counter()
    ids: dict[str, str | None] = {}
    total = 0
    fecha = "ORDER BY anio DESC, fecha DESC, publicado_en DESC, id DESC"
    with ajustada(valores.get("q", "")), connection.cursor() as cursor:
        # GROUPING() tells the grouping sets apart: a bit per column left out of the row's set.
        # Countries are grouped by their stored list ("EC,PE"), a few hundred distinct values,
        # and split here: cheaper than unnesting the list of every matching row in SQL.
        cursor.execute(
            f"WITH m AS MATERIALIZED ({sql}) "  # noqa: S608 (Django-compiled SQL, parameters apart)
            "SELECT CASE GROUPING(tipo, idioma, anio, paises) WHEN 7 THEN 'tipo' WHEN 11 THEN 'idioma' "
            "WHEN 13 THEN 'anio' WHEN 14 THEN 'pais' ELSE 'total' END, "
            "COALESCE(tipo, idioma, anio::text, paises, ''), count(*) "
            "FROM m GROUP BY GROUPING SETS ((tipo), (idioma), (anio), (paises), ()) "
            "UNION ALL SELECT 'relevancia', array_to_string(ARRAY("
            "SELECT id FROM m ORDER BY rango DESC, anio DESC, id DESC LIMIT %s), ','), 0 "
            f"UNION ALL SELECT 'fecha', array_to_string(ARRAY(SELECT id FROM m {fecha} LIMIT %s), ','), 0",
            (*params, VENTANA, VENTANA),
        )
        for faceta, valor, cantidad in cursor.fetchall():
            if faceta == "total":
                total = cantidad
            elif faceta == "pais":
                paises.update(dict.fromkeys((codigo for codigo in valor.split(",") if codigo), cantidad))
            elif faceta in filas:
                filas[faceta].append((valor, cantidad))
            else:
                ids[faceta] = valor
    filas["pais"] = list(paises.items())
    fecha_ids = _ids(ids["fecha"])
    return Resumen(
        total=total,
        cuentas=filas,
        # Without words, relevance is the newest first (filtrar).
        relevancia=_ids(ids["relevancia"]) if busqueda is not None else fecha_ids,
        fecha=fecha_ids,
    )


def palabras_frecuentes(minimo: int) -> list[str]:
    """The words (stems) found in at least ``minimo`` documents, most frequent first.

    From PostgreSQL's own statistics of the search vector: ANALYZE keeps its most common
    lexemes with the share of rows holding each (10,000 of them, the column's statistics
    target set by migration 0008: down to about 1 % of the documents at 20,000; all of them
    when the library is small). Nothing before the first ANALYZE (autovacuum runs it as the
    table grows). Words only: the vector's pairs of words ("consorci~2~orig") are left out.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.lexema FROM pg_stats s JOIN pg_class c ON c.oid = 'biblioteca_documento'::regclass, "
            "unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexema, frecuencia) "
            "WHERE s.schemaname = current_schema() AND s.tablename = 'biblioteca_documento' "
            "AND s.attname = 'vector' AND e.lexema IS NOT NULL AND strpos(e.lexema, '~') = 0 "
            "AND e.frecuencia * c.reltuples >= %s "
            "ORDER BY e.frecuencia DESC, e.lexema",
            [minimo],
        )
        return [lexema for (lexema,) in cursor.fetchall()]


def precalcular(consultas: Iterable[str] | None = None) -> int:
    """Compute ahead the summaries of the slow searches for the library as it is now; how many it computed.

    By default the library without words and every frequent word (``palabras_frecuentes``),
    and the summaries of words no longer frequent are dropped. A summary already of the
    current version is skipped, so a second run (two saves, two tasks) costs one query a
    search. Stops when the documents change meanwhile: that write has queued the next run.
    """
    completa = consultas is None
    if completa:
        consultas = ["", *palabras_frecuentes(settings.BIBLIOTECA_PRECALCULAR_DESDE)]
    claves: set[str] = set()
    calculados = 0
    inicio = None
    for q in consultas:
        # Version and key read together, and before the summary: a write committed while it
        # is computed moves the version, so the summary (maybe of the old data) is never read.
        fila = VersionBiblioteca.objects.filter(pk=VersionBiblioteca.UNICA).values_list("valor", _clave(q)).first()
        if fila is None:  # no version row (a table flushed by hand): the next write makes it
            return calculados
        version, clave = fila
        inicio = version if inicio is None else inicio
        if version != inicio:
            return calculados
        claves.add(clave)
        if ResumenPrecalculado.objects.filter(consulta=clave, version=version).exists():
            continue
        resumen = calcular({"q": q})
        ResumenPrecalculado.objects.update_or_create(
            consulta=clave,
            defaults={
                "version": version,
                "total": resumen.total,
                "cuentas": resumen.cuentas,
                "relevancia": resumen.relevancia,
                "fecha": resumen.fecha,
            },
        )
        calculados += 1
    if completa:
        ResumenPrecalculado.objects.exclude(consulta__in=claves).delete()
    return calculados


def facetas(resumen: Resumen) -> Facetas:
    """The summary's counts with their labels in the current language, most frequent first."""
    cuentas = resumen.cuentas
    etiquetas_tipo = dict(Documento.Tipo.choices)
    etiquetas_idioma = dict(Documento.Idioma.choices)
    por_cantidad = lambda fila: (-fila[1], fila[0])  # noqa: E731
    return Facetas(
        total=resumen.total,
        tipo=[Faceta(v, str(etiquetas_tipo.get(v, v)), n) for v, n in sorted(cuentas["tipo"], key=por_cantidad)],
        idioma=[Faceta(v, str(etiquetas_idioma.get(v, v)), n) for v, n in sorted(cuentas["idioma"], key=por_cantidad)],
        anio=[Faceta(v, v, n) for v, n in sorted(cuentas["anio"], key=lambda fila: -int(fila[0]))[:30]],
        pais=[Faceta(v, str(countries.name(v) or v), n) for v, n in sorted(cuentas["pais"], key=por_cantidad)[:40]],
    )


def pagina(valores: dict, numero) -> tuple[Page, Facetas]:
    """The page ``numero`` of a search's results (an invalid number gives the first or last) and its
    facets (labelled when first read).

    The summary is kept per search and content version in each worker (every page, order and
    language of a search share it), and per version of the library in the shared cache
    (``resumir``); a page within its ``VENTANA`` is then fetched by
    primary key, one query, without ranking anything, and only if one of its results is not
    kept (``Diferidas``).
    """
    huella = _huella(valores)
    resumen = memorizar("biblioteca:resumen:" + huella, lambda: resumir(valores, huella))
    # Numbered over the summary's total: the ranked query is built only for a page that needs it.
    pagina = Paginator(range(resumen.total), POR_PAGINA).get_page(numero)
    ids = resumen.fecha if valores.get("orden") == "fecha" else resumen.relevancia
    q = valores.get("q", "").strip()
    if not resumen.total:
        pagina.object_list = []
    elif pagina.end_index() <= len(ids):
        del_resumen = ids[pagina.start_index() - 1 : pagina.end_index()]

        def publicados() -> QuerySet[Documento]:
            documentos = Documento.objects.publicados().para_lista()
            return _con_fragmento(documentos, consulta(q)) if q else documentos

        pagina.object_list = Diferidas(publicados, del_resumen)
    else:
        with ajustada(q):
            pagina.object_list = list(filtrar(valores)[pagina.start_index() - 1 : pagina.end_index()])
    # The facets' labels are only needed when their kept fragment is rendered again (buscar.html).
    return pagina, SimpleLazyObject(lambda: facetas(resumen))
