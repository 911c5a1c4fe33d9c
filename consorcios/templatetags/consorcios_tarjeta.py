"""The registry's cards (consorcios/lista.html): what a card needs when it is rendered again, not kept."""

from django import template

from ..filters import opciones, sin_acentos

register = template.Library()


@register.filter
def nombres_de_sectores(consorcio) -> list[str]:
    """A card's sectors by their translated names, alphabetical, from the cached choice list
    (the card's query brings their keys, ``claves_sectores``)."""
    nombres = dict(opciones()["sectores"])
    return sorted((nombres.get(clave, clave) for clave in consorcio.claves_sectores), key=sin_acentos)
