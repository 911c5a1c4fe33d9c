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
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

CLAVE_VERSION = "paginas:version"
SEPARADOR = re.compile(r"\s*,\s*")
COOKIES_PERSONALES = {
    settings.SESSION_COOKIE_NAME,
    settings.CSRF_COOKIE_NAME,
    "messages",
}


def version() -> int:
    valor = cache.get(CLAVE_VERSION)
    if valor is None:
        cache.add(CLAVE_VERSION, 1, timeout=None)
        valor = cache.get(CLAVE_VERSION, 1)
    return valor


def invalidar(**kwargs) -> None:
    """Signal receiver: content changed, every cached page is now stale."""
    try:
        cache.incr(CLAVE_VERSION)
    except ValueError:
        cache.set(CLAVE_VERSION, 2, timeout=None)


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


class CacheAnonimaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.segundos = settings.CACHE_PAGINAS_SEGUNDOS

    def __call__(self, request: HttpRequest) -> HttpResponse:
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
        guardada = cache.get(clave)
        if guardada is not None:
            guardada["X-Cache"] = "hit"
            return guardada
        response = self.get_response(request)
        if _cacheable(response):
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            cache.set(clave, response, self.segundos)
            response["X-Cache"] = "miss"
        return response
