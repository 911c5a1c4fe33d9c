"""Home page hook: the latest documents, news and upcoming events (3 queries; the home page keeps what
this renders until the content changes, or ten minutes, as "upcoming" moves with the clock: portada.html)."""

from django import template

from biblioteca.models import Documento, Evento, Noticia

register = template.Library()


@register.inclusion_tag("biblioteca/includes/portada.html", takes_context=False)
def biblioteca_portada(cantidad: int = 4) -> dict:
    return {
        "documentos": list(Documento.objects.publicados().para_lista().order_by("-publicado_en", "-pk")[:cantidad]),
        "noticias": list(Noticia.objects.publicados()[:cantidad]),
        "eventos": list(Evento.objects.proximos()[:cantidad]),
    }
