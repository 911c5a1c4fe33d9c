"""Home page hook: the featured topics ("Temas de interés común")."""

from django import template

from foros.models import Tema
from redconsorcios.cache import memorizar

register = template.Library()


@register.inclusion_tag("foros/includes/portada.html", takes_context=False)
def foros_portada(cantidad: int = 5) -> dict:
    """The latest featured topics, in one query kept until the content changes."""
    return {"temas": memorizar(f"foros:portada:{cantidad}", lambda: list(Tema.objects.destacados()[:cantidad]))}
