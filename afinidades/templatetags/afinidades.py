"""The matchmaking's part of a consortium's page, for its editors (the registry never imports it)."""

from django import template

from ..services import afines_de, consorcios_para, oportunidades_para

register = template.Library()


@register.inclusion_tag("afinidades/afines.html")
def consorcios_afines(consorcio, limite: int = 5) -> dict:
    """The consortia that complement this one, with their reasons. Two queries at most."""
    return {
        "consorcio": consorcio,
        "afines": afines_de(consorcio, limite=limite),
        "oportunidades": oportunidades_para(consorcio, limite=limite),
    }


@register.inclusion_tag("afinidades/consorcios_para.html")
def consorcios_para_oportunidad(oportunidad, limite: int = 5) -> dict:
    """The consortia that fit an opportunity, with their reasons. Two queries at most."""
    return {"afines": consorcios_para(oportunidad, limite=limite)}
