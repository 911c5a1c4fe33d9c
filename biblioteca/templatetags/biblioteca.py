from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from biblioteca.busqueda import FIN_MARCA, INICIO_MARCA

register = template.Library()


@register.filter
def resaltar(fragmento: str) -> SafeString:
    """A ts_headline snippet as HTML: escaped first, then its markers become <mark>."""
    seguro = escape(fragmento or "")
    return mark_safe(seguro.replace(INICIO_MARCA, "<mark>").replace(FIN_MARCA, "</mark>"))  # noqa: S308
