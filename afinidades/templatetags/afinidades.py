"""The matchmaking's part of a consortium's page, for its editors (the registry never imports it)."""

from django import template

from ..services import afines_de

register = template.Library()


@register.inclusion_tag("afinidades/afines.html")
def consorcios_afines(consorcio, limite: int = 5) -> dict:
    """The consortia that complement this one, with their reasons. Two queries at most."""
    return {"consorcio": consorcio, "afines": afines_de(consorcio, limite=limite)}
