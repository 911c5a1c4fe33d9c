"""Caching, in one page (the README's "Caching and search" says the same for newcomers).

Everything rests on one idea taken from pretix's per-event cache: each **section** of the portal
(the registry, the library, the forums, the network) has a **generation**, a number kept in the shared
``default`` cache. The code that writes a section's content bumps its generation, through the
model signals each app connects in its ``ready()`` (``vigilar``) or, for ``QuerySet.update()``
and bulk inserts that send no signal, by calling ``invalidar()`` itself. Every cached thing
that shows a section carries its generation in its key, so a bump makes it unreachable, and a
write in one section leaves the others' cached pages alone. Nothing is flushed because a request
was a POST: a failed login, a preview or a rejected form writes nothing and so bumps nothing.

What is kept, with Django's own tools:

1. **Whole pages for anonymous visitors** (``PaginasAnonimasMiddleware``): views marked with
   ``@en_cache("consorcios", …)`` go through Django's ``CacheMiddleware`` (the machinery of
   ``cache_page``), whose key prefix is the generations of the sections the page shows. It sits
   near the top of MIDDLEWARE: the stored page is already compressed and carries its security
   headers (the middleware below it ran when it was made), so a hit skips the rest and costs a
   few cache reads and no SQL. Only GET/HEAD requests without session, CSRF or messages
   cookies are served from it: a member or someone who has just posted a form always gets a
   page made for them.
2. **Fragments** with Django's ``{% cache %}`` tag, each a whole element, keyed by what they
   show (the object or the query string, the section's generation from the ``generacion``
   context variable, and the language). A page of rows kept whole reads its rows lazily, only
   when it is made again.
3. **Derived values** (counts, choice lists) with ``guardado()``: ``cache.get_or_set`` under
   the section's generation.

Pages (the ``paginas`` cache) and fragments and derived values (``template_fragments``) live in
the memory of each worker: their keys carry the shared generations, so a worker never serves what
a write made stale, and a hit is a dictionary lookup. Only the generations (and the rate limits)
are shared, in ``default``: Redis, or files on one machine.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from contextlib import suppress

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.cache import CacheMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

SECCIONES = frozenset({"consorcios", "biblioteca", "foros", "red", "oportunidades"})  # "red": institutions and members
# A request carrying one of these gets a page made for it (and never stores one).
COOKIES_PERSONALES = frozenset({settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"})


def _clave(seccion: str) -> str:
    if seccion not in SECCIONES:
        raise ValueError(f"Sección de caché desconocida: {seccion!r}")
    return f"generacion:{seccion}"


def generaciones(*secciones: str) -> dict[str, int]:
    """The current generation of each section, read in one round trip to the shared cache."""
    claves = {_clave(seccion): seccion for seccion in secciones}
    halladas = cache.get_many(claves)
    if len(halladas) < len(claves):
        # A lost generation (evicted, culled, cleared) starts again from the clock in microseconds,
        # above any number it reached before (each bump adds one): pages kept under an old number
        # can never come back.
        for clave in claves.keys() - halladas.keys():
            cache.add(clave, time.time_ns() // 1000, timeout=None)
        halladas = cache.get_many(claves)
    return {claves[clave]: valor for clave, valor in halladas.items()}


def generacion(seccion: str) -> int:
    return generaciones(seccion)[seccion]


def invalidar(*secciones: str) -> None:
    """The content of these sections changed: what shows them is now stale.

    Inside a transaction the generation moves twice, now and once the data is committed: a
    request that read the first new number while the write was uncommitted may have stored the
    old data under it, and the second bump makes that copy unreachable.
    """
    claves = [_clave(seccion) for seccion in secciones]

    def subir() -> None:
        for clave in claves:
            # Not there: the next read starts it from the clock, above every earlier number.
            with suppress(ValueError):
                cache.incr(clave)

    subir()
    if connection.in_atomic_block:
        transaction.on_commit(subir, robust=True)


def vigilar(*modelos: type[Model], secciones: Iterable[str]) -> None:
    """Bump ``secciones`` whenever a row of one of ``modelos`` (or one of their many-to-many
    links) is saved or deleted. Called from each app's ``AppConfig.ready()``."""
    secciones = tuple(secciones)

    def receptor(**kwargs) -> None:
        invalidar(*secciones)

    for modelo in modelos:
        uid = f"cache:{modelo._meta.label}:{'+'.join(secciones)}"
        post_save.connect(receptor, sender=modelo, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(receptor, sender=modelo, weak=False, dispatch_uid=f"{uid}:delete")
        for campo in modelo._meta.local_many_to_many:
            m2m_changed.connect(
                receptor, sender=campo.remote_field.through, weak=False, dispatch_uid=f"{uid}:{campo.name}"
            )


def guardado[T](
    seccion: str,
    clave: str,
    calcular: Callable[[], T],
    segundos: int | None = None,
    *,
    tambien: tuple[str, ...] = (),
) -> T:
    """A value derived from a section's content, kept until that section (or one of ``tambien``)
    changes, or ``segundos`` pass, for values that also move with the clock. ``clave`` may be long
    (a whole URL): it is hashed, as Django's cache_page does with URLs, to stay a valid key anywhere."""
    numeros = generaciones(seccion, *tambien)
    firma = "-".join(f"{nombre}{numero}" for nombre, numero in sorted(numeros.items()))
    resumen = hashlib.md5(clave.encode(), usedforsecurity=False).hexdigest()
    return caches["template_fragments"].get_or_set(
        f"{seccion}:{firma}:{resumen}", calcular, segundos or settings.CACHE_FRAGMENTOS_SEGUNDOS
    )


def en_cache(*secciones: str):
    """Mark a view (function or class) whose page, for anonymous visitors, is kept until a write
    in one of ``secciones``: the page must show nothing else that changes, and nothing that
    depends on the visitor."""
    for seccion in secciones:
        _clave(seccion)

    def marcar(vista):
        vista.secciones_en_cache = secciones
        return vista

    return marcar


def _secciones_de(request: HttpRequest) -> tuple[str, ...] | None:
    try:
        vista = resolve(request.path_info, getattr(request, "urlconf", None)).func
    except Resolver404:
        return None
    marcada = getattr(vista, "view_class", vista)  # class-based views carry the mark on their class
    return getattr(marcada, "secciones_en_cache", None)


class PaginasAnonimasMiddleware:
    """Whole pages of the views marked ``@en_cache`` for anonymous visitors (see the module's docstring).

    It sits near the top of MIDDLEWARE, so that a hit skips the rest; the middleware below it
    (compression, security headers) runs once, when the page is made, and is stored with it.
    The language comes from the URL (i18n_patterns), as LocaleMiddleware will find it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not settings.CACHE_PAGINAS_SEGUNDOS
            or request.method not in {"GET", "HEAD"}
            or COOKIES_PERSONALES & request.COOKIES.keys()
            or (secciones := _secciones_de(request)) is None
        ):
            return self.get_response(request)
        # The generations of the page's sections, hashed: five sections' names and numbers would
        # make Django's key longer than the 250 characters every cache backend accepts.
        firma = "-".join(f"{seccion}{numero}" for seccion, numero in sorted(generaciones(*secciones).items()))
        prefijo = hashlib.md5(firma.encode(), usedforsecurity=False).hexdigest()
        django = CacheMiddleware(
            self._hecha, page_timeout=settings.CACHE_PAGINAS_SEGUNDOS, key_prefix=prefijo, cache_alias="paginas"
        )
        # Django's key carries the active language: the page's, from its URL.
        with translation.override(translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE):
            response = django(request)
        # Browsers and proxies ask again each time (the ETag makes that a 304): a write must show
        # at once, not when a max-age runs out. A member's cookie must never get this copy.
        patch_cache_control(response, max_age=0)
        patch_vary_headers(response, ("Cookie",))
        return response

    def _hecha(self, request: HttpRequest) -> HttpResponse:
        """The page as the rest of MIDDLEWARE makes it. Its language comes from its URL alone
        (i18n_patterns; Spanish without a prefix), so LocaleMiddleware's "Vary: Accept-Language"
        would only split the kept copies of each Spanish page by every browser's header."""
        response = self.get_response(request)
        if response.has_header("Vary"):
            quedan = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
            if quedan:
                response["Vary"] = ", ".join(quedan)
            else:
                del response["Vary"]
        return response
