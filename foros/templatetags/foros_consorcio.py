"""The forums' part of a consortium's profile (the registry never imports the forums)."""

from django import template

from ..models import Tema

register = template.Library()


@register.inclusion_tag("foros/includes/temas_consorcio.html")
def temas_del_consorcio(consorcio, limite: int = 10) -> dict:
    """Topics linked to a consortium, most recently active first. One query."""
    temas = list(Tema.objects.filter(consorcio=consorcio).select_related("foro").order_by("-ultima_actividad")[:limite])
    return {"temas": temas}
