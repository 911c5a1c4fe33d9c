from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import services


def conversaciones(request: HttpRequest) -> dict:
    """The header's unread count and the live channel's address, for logged-in members.

    Lazy: the count costs its one query only on pages that show the header (not on fragments)."""
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {}
    return {
        "conversaciones_no_leidas": SimpleLazyObject(lambda: services.no_leidos(usuario)),
        "vivo_url": SimpleLazyObject(lambda: services.url_vivo(usuario)),
    }
