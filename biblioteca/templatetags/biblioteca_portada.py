"""Home page hook: the latest documents, news and upcoming events (3 queries, kept until the content changes)."""

from django import template

from biblioteca.models import Documento, Evento, Noticia
from redconsorcios.cache import memorizar

register = template.Library()


@register.inclusion_tag("biblioteca/includes/portada.html", takes_context=False)
def biblioteca_portada(cantidad: int = 4) -> dict:
    return memorizar(f"biblioteca:portada:{cantidad}", lambda: _recientes(cantidad), segundos=600)


def _recientes(cantidad: int) -> dict:
    # "Upcoming" moves with the clock, not only with saves: hence the shorter expiry above.
    return {
        "documentos": list(Documento.objects.publicados().para_lista().order_by("-publicado_en", "-pk")[:cantidad]),
        "noticias": list(Noticia.objects.publicados()[:cantidad]),
        "eventos": list(Evento.objects.proximos()[:cantidad]),
    }
