"""The library's part of a consortium's profile (the registry never imports the library)."""

from django import template

from ..models import Documento, Evento, Noticia

register = template.Library()


@register.inclusion_tag("biblioteca/includes/documentos_consorcio.html")
def documentos_del_consorcio(consorcio, limite: int = 10) -> dict:
    """Published documents about a consortium. One query."""
    documentos = list(
        Documento.objects.publicados()
        .para_lista()  # never the extracted text (up to 500 KB each) nor the search vector
        .filter(consorcios=consorcio)
        .order_by("-anio", "-publicado_en")[:limite]
    )
    return {"documentos": documentos}


@register.inclusion_tag("biblioteca/includes/noticias_eventos_consorcio.html")
def noticias_y_eventos_del_consorcio(consorcio, limite: int = 10) -> dict:
    """Published news about a consortium and the events it takes part in, newest first. Two queries."""
    noticias = list(
        Noticia.objects.publicados()
        .filter(consorcios=consorcio)
        .only("titulo", "slug", "publicada_en")
        .order_by("-publicada_en", "-pk")[:limite]
    )
    eventos = list(
        Evento.objects.publicados()
        .filter(consorcios=consorcio)
        .only("titulo", "slug", "inicio", "lugar")
        .order_by("-inicio", "-pk")[:limite]
    )
    return {"noticias": noticias, "eventos": eventos}
