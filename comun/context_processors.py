from django.http import HttpRequest

from comun.cache import generacion


class _Generaciones(dict):
    """``{{ generacion.consorcios }}`` in a template: a section's generation, read from the shared
    cache the first time a page asks for it (a ``{% cache %}`` key), then remembered for the page."""

    def __missing__(self, seccion: str) -> int:
        self[seccion] = valor = generacion(seccion)
        return valor


def cache(request: HttpRequest) -> dict:
    return {"generacion": _Generaciones()}
