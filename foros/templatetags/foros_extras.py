"""Template helpers of the forums."""

import html

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
def relacion_con(mensaje, usuario) -> str:
    """What a reader's actions on a post depend on, besides the post: "staff", "autor-editable"
    (the author within the editing window), "autor" or "otro" (a fragment's key in tema.html)."""
    if not usuario.is_authenticated:
        return "visitante"
    if usuario.is_staff:
        return "staff"
    if mensaje.autor_id == usuario.pk:
        return "autor-editable" if mensaje.editable_por(usuario) else "autor"
    return "otro"


@register.filter
def resaltar_html(texto: str | None) -> str:
    """``resaltar`` for a snippet cut from stored HTML: its entities (&amp;) are text again first."""
    return resaltar(html.unescape(texto or ""))


@register.filter
def resaltar(texto: str | None) -> str:
    """Escape a search snippet, then turn the match markers into <mark>."""
    seguro = escape(texto or "")
    return mark_safe(seguro.replace(INICIO_RESALTADO, "<mark>").replace(FIN_RESALTADO, "</mark>"))  # noqa: S308
