"""Whole-page cache for anonymous visitors.

Anonymous browse pages carry no cookie and no CSRF token, so one rendering per
URL serves every anonymous visitor. A hit answers from the cache before the
session, authentication or any view runs: no SQL at all.

Rules:
- only GET/HEAD without session, CSRF or messages cookies (a logged-in member,
  or someone who has just submitted a form, always gets a fresh page);
- only 200 responses that set no cookie and are not marked private/no-store;
- every key carries a global content version: any write to the portal's
  content models, and any accepted POST, bumps it (see ``invalidar``), so
  nobody sees stale data after saving. A cheap, safe rule for a site that is
  read far more than written. Background tasks that write with
  ``QuerySet.update()`` call ``invalidar()`` themselves.

Where things live (settings.CACHES):
- the version and the rate limits are in the ``default`` cache, shared by every
  worker: Redis when REDIS_URL is set, files under CACHE_DIR otherwise in
  production (several gunicorn workers on one machine must see one version, or
  a save would leave the other workers serving stale pages); local memory in
  development and tests (one process);
- the stored pages, the derived data of ``memorizar`` and the fragments of
  ``{% memorizado %}`` (templatetags/portal.py) are in the ``local``
  cache, the memory of each worker, under keys that carry the shared version:
  a hit costs one read of the version (once per request) plus a dictionary
  lookup, and each worker computes a value once per version;
- a stored page is also put in the ``paginas`` cache (the same Redis, or a directory
  of its own beside the ``default`` one's files), which a worker reads when its
  own memory lacks the page: a page is rendered once per version for all the
  workers (and all the servers sharing Redis), not once per worker, and a worker
  gunicorn has just started (``max_requests``) serves its first requests from there
  instead of rendering each page again.

Compression and revalidation, done once when a page is stored, not per hit:
- the gzip body is made at store time and served to clients that accept gzip
  (with ``Vary: Accept-Encoding``). Safe against BREACH-style attacks because a
  cached page is anonymous: it carries no CSRF token, no session and no other
  secret (a page that contained a CSRF token is never compressed);
- the ETag (set by ConditionalGetMiddleware inside this one) is kept, and a hit whose
  ``If-None-Match`` matches answers 304 without a body.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property

CLAVE_VERSION = "paginas:version"
SEPARADOR = re.compile(r"\s*,\s*")
ACEPTA_GZIP = re.compile(r"\bgzip\b")
MINIMO_GZIP = 200  # bytes: smaller bodies are not worth compressing
COOKIES_PERSONALES = {
    settings.SESSION_COOKIE_NAME,
    settings.CSRF_COOKIE_NAME,
    "messages",
}


# What the current request keeps (set by the middleware; None outside a request): the version,
# read from the shared cache once however many cached values the page asks for, and forgotten
# by any bump; and, with the derived-data cache off (CACHE_DATOS_SEGUNDOS=0), the values computed.
_peticion: ContextVar[dict | None] = ContextVar("peticion", default=None)


def _version_inicial() -> int:
    """A first version above any the key had before it was lost (evicted from Redis, culled from
    the files, the cache cleared): microseconds since the epoch, where each save adds one. Were it
    1 again, values kept under the old 1, 2, 3… in the workers' memory would be served as current."""
    return time.time_ns() // 1000


def _leer_version() -> int:
    valor = cache.get(CLAVE_VERSION)
    if valor is None:
        inicial = _version_inicial()
        cache.add(CLAVE_VERSION, inicial, timeout=None)
        valor = cache.get(CLAVE_VERSION, inicial)
    return valor


def version() -> int:
    peticion = _peticion.get()
    if peticion is None:
        return _leer_version()
    if "version" not in peticion:
        peticion["version"] = _leer_version()
    return peticion["version"]


def _subir_version() -> None:
    if (peticion := _peticion.get()) is not None:
        peticion.pop("version", None)
    try:
        cache.incr(CLAVE_VERSION)
    except ValueError:
        cache.set(CLAVE_VERSION, _version_inicial(), timeout=None)


def invalidar(**kwargs) -> None:
    """Signal receiver: content changed, every cached page is now stale.

    Inside a transaction the version moves twice: now, and again once the data is
    committed. A request that read the first new version while the write was still
    uncommitted may have rendered (and stored) the old data under it; the second
    bump makes that copy unreachable.
    """
    _subir_version()
    if connection.in_atomic_block:
        transaction.on_commit(_subir_version, robust=True)


def memorizar(clave: str, calcular, segundos: int | None = None):
    """A value derived from the content (counts, choice lists), kept until the content changes.

    The key carries the same global content version as the cached pages, so any save
    makes the next call compute it again. Unlike the page cache, this also serves
    logged-in members and pages that cannot be cached whole. ``segundos`` shortens the
    lifetime for values that also move with the clock; CACHE_DATOS_SEGUNDOS=0 turns
    this cache off (the benchmark's cold pass).
    """
    limite = settings.CACHE_DATOS_SEGUNDOS
    if not limite:
        # Off: computed once per request, as on the first request after a save.
        peticion = _peticion.get()
        if peticion is None:
            return calcular()
        if (propia := f"dato:{clave}") not in peticion:
            peticion[propia] = calcular()
        return peticion[propia]
    segundos = min(segundos or limite, limite)
    clave_versionada = f"dato:{version()}:{clave}"
    local = caches["local"]
    valor = local.get(clave_versionada)
    if valor is None:
        valor = calcular()
        local.set(clave_versionada, valor, segundos)
    return valor


def compartido(clave: str, calcular):
    """A value derived from data that keeps a version of its own, which ``clave`` must carry,
    in the cache the workers share: computed once for all of them, and left alone by saves
    elsewhere, which move only the content version of ``memorizar`` (the library's search
    summaries: biblioteca.busqueda.resumir). Off with CACHE_DATOS_SEGUNDOS=0, as every derived
    value is.
    """
    limite = settings.CACHE_DATOS_SEGUNDOS
    if not limite:
        return calcular()
    valor = cache.get(f"dato:{clave}")
    if valor is None:
        valor = calcular()
        cache.set(f"dato:{clave}", valor, limite)
    return valor


class PaginadorMemorizado(Paginator):
    """A paginator whose total is kept, per ``clave``, until the content changes; given
    ``orden`` (what names the queryset's ordering), the ids of its first pages too.

    Counting a filtered set costs in proportion to its size, and so does finding which rows
    come first (PostgreSQL visits every match to sort them): every page of the same filters
    shares one count, and a page among the first ``VENTANA`` of the same filters and order is
    then read by primary key, whatever the number of matches, and only if one of its rows is
    not kept in a fragment (``Diferidas``).

    ``object_list`` may be the function that builds the queryset: then even building it (a
    filter form validated, its filters applied) waits until the count, the ids or a row is not kept.
    """

    VENTANA = 10  # pages whose ids are kept

    def __init__(self, object_list, *args, clave: str, orden: str | None = None, **kwargs):
        self._construir = object_list if callable(object_list) else None
        super().__init__(None if self._construir else object_list, *args, **kwargs)
        self.clave = clave
        self.orden = orden

    def consulta(self) -> QuerySet:
        """The queryset, built the first time it is needed."""
        if self.object_list is None:
            self.object_list = self._construir()
        return self.object_list

    @cached_property
    def count(self) -> int:
        def contar() -> int:
            self.consulta()
            return Paginator.count.func(self)

        return memorizar(f"cuenta:{self.clave}", contar)

    def page(self, number):
        number = self.validate_number(number)
        pagina = self._get_page([], number, self)  # its bounds depend only on the count
        ventana = self.VENTANA * self.per_page
        if self.orden is None or not self.count or pagina.end_index() > ventana:
            self.consulta()
            return super().page(number)  # its rows are a slice of the queryset, not read yet
        primeros = memorizar(
            f"ids:{self.clave}:{self.orden}", lambda: list(self.consulta().values_list("pk", flat=True)[:ventana])
        )
        # The same queryset (filters, columns, annotations) narrowed to those ids, read only if a row is not kept.
        pagina.object_list = Diferidas(self.consulta, primeros[pagina.start_index() - 1 : pagina.end_index()])
        return pagina


class Diferidas(Sequence):
    """The rows of ``queryset`` with these primary keys, in the order of ``ids``, read only when a
    template first asks one of them for more than its primary key.

    Each item stands for its row: ``item.pk`` is known without reading; any other attribute reads
    every row of the list at once (one query, an index lookup each, whatever the queryset's own
    filters and order cost) and answers from the row. A page whose items all come out of kept
    fragments (``{% memorizado %}`` keyed by the pk) therefore runs no query at all. A row gone
    since the ids were kept answers no attribute (a delete also changes the content version, so
    only a request already under way can meet one).
    """

    def __init__(self, queryset: QuerySet | Callable[[], QuerySet], ids: list):
        self.queryset = queryset  # or what builds it, when even building it is worth saving
        self.ids = list(ids)

    @cached_property
    def _filas(self) -> dict:
        if not self.ids:
            return {}
        queryset = self.queryset if isinstance(self.queryset, QuerySet) else self.queryset()
        return {fila.pk: fila for fila in queryset.filter(pk__in=self.ids).order_by()}

    def fila(self, pk):
        """The row itself (None if it is gone): reads them all the first time."""
        return self._filas.get(pk)

    @cached_property
    def _items(self) -> list[_Diferida]:
        return [_Diferida(pk, self) for pk in self.ids]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, indice):
        return self._items[indice]


class _Diferida:
    """One item of ``Diferidas``: its ``pk``, and its row's attributes once the row is read."""

    __slots__ = ("_lista", "pk")

    def __init__(self, pk, lista: Diferidas):
        self.pk = pk
        self._lista = lista

    def __getattr__(self, nombre: str):
        # Only for what the instance itself lacks (everything but pk): the row's own attribute.
        return getattr(self._lista.fila(self.pk), nombre)

    def __str__(self) -> str:  # {{ item }}: special methods are looked up on the class, not through __getattr__
        return str(self._lista.fila(self.pk))


def sin_invalidar(vista):
    """Mark a POST view whose writes no anonymous page shows (read marks, subscriptions)."""
    vista.sin_invalidar_cache = True
    return vista


def _clave(request: HttpRequest) -> str:
    url = request.get_full_path()
    # The scheme is part of the key: plain HTTP must reach SecurityMiddleware's redirect.
    digest = hashlib.sha256(f"{request.scheme}://{request.get_host()}{url}".encode()).hexdigest()
    return f"pagina:{version()}:{digest}"


def _cacheable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
        return False
    control = {d.strip().lower() for d in SEPARADOR.split(response.get("Cache-Control", ""))}
    # "Vary: Cookie" is expected (templates read request.user); requests with cookies bypass us anyway.
    return not ({"private", "no-store", "no-cache"} & control)


def _gzip(response: HttpResponse) -> bytes | None:
    """The compressed body, when compressing is worth it and safe (no token in the page)."""
    if response.has_header("Content-Encoding") or len(response.content) < MINIMO_GZIP:
        return None
    if b"csrfmiddlewaretoken" in response.content:
        return None
    comprimido = gzip.compress(response.content, compresslevel=6, mtime=0)
    return comprimido if len(comprimido) < len(response.content) else None


def _etags(valor: str) -> set[str]:
    """Entity tags of a header, compared weakly (RFC 9110 8.8.3.2: If-None-Match)."""
    return {e.strip().removeprefix("W/") for e in valor.split(",") if e.strip()}


def _responder(request: HttpRequest, response: HttpResponse, comprimido: bytes | None) -> HttpResponse:
    """Serve a stored page: 304 when the client has it, gzip when it accepts it."""
    etag = response.get("ETag")
    condicion = request.META.get("HTTP_IF_NONE_MATCH")
    if etag and condicion and (condicion.strip() == "*" or etag.removeprefix("W/") in _etags(condicion)):
        no_modificada = HttpResponseNotModified()
        for cabecera in ("ETag", "Cache-Control", "Vary", "Content-Security-Policy", "Expires"):
            if cabecera in response:
                no_modificada[cabecera] = response[cabecera]
        return no_modificada
    if comprimido is not None and ACEPTA_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = comprimido
        response["Content-Length"] = str(len(comprimido))
        response["Content-Encoding"] = "gzip"
        if etag and not etag.startswith("W/"):
            response["ETag"] = f"W/{etag}"  # the bytes differ from the identity body's
    return response


class CacheAnonimaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.segundos = settings.CACHE_PAGINAS_SEGUNDOS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        marca = _peticion.set({})
        try:
            return self._atender(request)
        finally:
            _peticion.reset(marca)

    @staticmethod
    def _de_otro_worker(clave: str, paginas) -> tuple | None:
        """The page as another worker stored it under the same version, kept here too for the time
        it has left (a page may show the clock: it never lives longer than CACHE_PAGINAS_SEGUNDOS)."""
        guardada = caches["paginas"].get(clave)
        if guardada is None or (queda := guardada[2] - time.time()) <= 1:
            return None
        paginas.set(clave, guardada, queda)
        return guardada

    def _atender(self, request: HttpRequest) -> HttpResponse:
        if request.method not in {"GET", "HEAD"}:
            response = self.get_response(request)
            vista = getattr(request, "resolver_match", None)
            exenta = vista is not None and getattr(vista.func, "sin_invalidar_cache", False)
            if response.status_code < 400 and not exenta:
                # Writes through QuerySet.update() send no signal: any accepted POST counts as a change.
                invalidar()
            return response
        if not self.segundos or COOKIES_PERSONALES & request.COOKIES.keys():
            return self.get_response(request)
        clave = _clave(request)
        paginas = caches["local"]
        guardada = paginas.get(clave) or self._de_otro_worker(clave, paginas)
        if guardada is not None:
            response, comprimido, _caduca = guardada
            response["X-Cache"] = "hit"
            return _responder(request, response, comprimido)
        response = self.get_response(request)
        if _cacheable(response):
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            comprimido = _gzip(response)
            if comprimido is not None:
                patch_vary_headers(response, ("Accept-Encoding",))
            guardada = (response, comprimido, time.time() + self.segundos)
            paginas.set(clave, guardada, self.segundos)
            caches["paginas"].set(clave, guardada, self.segundos)
            response["X-Cache"] = "miss"
            return _responder(request, response, comprimido)
        return response
