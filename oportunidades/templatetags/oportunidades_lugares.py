"""The opportunities' place on a consortium's and an institution's page (the registry and the network
never import this app: their templates load this library)."""

from django import template

from ..models import Oportunidad

register = template.Library()

EN_PERFIL = 5


@register.inclusion_tag("oportunidades/includes/bloque.html")
def oportunidades_del_consorcio(consorcio) -> dict:
    """A consortium's current published opportunities, newest first. One query. The same for every
    reader (a kept fragment): the page adds the "Publicar" link for its editors."""
    return {"oportunidades": list(Oportunidad.objects.publicadas().filter(consorcio=consorcio)[:EN_PERFIL])}


@register.inclusion_tag("oportunidades/includes/bloque.html")
def oportunidades_de_la_institucion(institucion) -> dict:
    """An institution's current published opportunities, newest first. One query, the same for every reader."""
    return {"oportunidades": list(Oportunidad.objects.publicadas().filter(institucion=institucion)[:EN_PERFIL])}
