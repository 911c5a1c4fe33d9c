"""The opportunities' place on a consortium's and an institution's page (the registry and the network
never import this app: their templates load this library)."""

from django import template

from ..models import Oportunidad

register = template.Library()

EN_PERFIL = 5


@register.inclusion_tag("oportunidades/includes/bloque.html")
def oportunidades_del_consorcio(consorcio, puede_publicar: bool = False) -> dict:
    """A consortium's current published opportunities, newest first. One query."""
    oportunidades = list(Oportunidad.objects.publicadas().filter(consorcio=consorcio)[:EN_PERFIL])
    return {"oportunidades": oportunidades, "consorcio": consorcio, "puede_publicar": puede_publicar}


@register.inclusion_tag("oportunidades/includes/bloque.html")
def oportunidades_de_la_institucion(institucion, puede_publicar: bool = False) -> dict:
    """An institution's current published opportunities, newest first. One query."""
    oportunidades = list(Oportunidad.objects.publicadas().filter(institucion=institucion)[:EN_PERFIL])
    return {"oportunidades": oportunidades, "institucion": institucion, "puede_publicar": puede_publicar}
