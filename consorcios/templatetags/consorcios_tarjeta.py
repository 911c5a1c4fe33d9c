"""The registry's cards (consorcios/lista.html)."""

from django import template

from ..filters import sin_acentos

register = template.Library()


@register.filter
def nombres_de_sectores(consorcio, nombres: dict[str, str]) -> list[str]:
    """A card's sectors by their translated names, alphabetical: the card's query brings their
    keys (``claves_sectores``), the view the names of every sector (``nombres_sectores``)."""
    return sorted((nombres.get(clave, clave) for clave in consorcio.claves_sectores), key=sin_acentos)
