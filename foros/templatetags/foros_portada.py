"""Home page hook: the featured topics ("Temas de interés común")."""

from django import template

from foros.models import Tema

register = template.Library()


@register.inclusion_tag("foros/includes/portada.html", takes_context=False)
def foros_portada(cantidad: int = 5) -> dict:
    """The latest featured topics, in one query (the home page keeps what this renders: portada.html)."""
    return {"temas": list(Tema.objects.destacados()[:cantidad])}
