"""Folded panels (the "Filtrar" button of search pages on phones)."""

from django import template

register = template.Library()


@register.simple_tag
def activos(valores, claves: str) -> int:
    """How many of ``claves`` (space-separated) have a value in ``valores``: the count on "Filtrar"."""
    return sum(1 for clave in claves.split() if str(valores.get(clave) or "").strip())
