"""Template helpers of the forums."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from foros import services

register = template.Library()

# Markers put around search matches by SearchHeadline; replaced by <mark> after escaping.
INICIO_RESALTADO = "\x02"
FIN_RESALTADO = "\x03"


@register.filter
def firma(usuario) -> str:
    """A member's public name (never the e-mail address)."""
    return services.firma(usuario)


@register.filter
def editable_por(mensaje, usuario) -> bool:
    return mensaje.editable_por(usuario)


@register.filter
def resaltar(texto: str | None) -> str:
    """Escape a search snippet, then turn the match markers into <mark>."""
    seguro = escape(texto or "")
    return mark_safe(seguro.replace(INICIO_RESALTADO, "<mark>").replace(FIN_RESALTADO, "</mark>"))  # noqa: S308
