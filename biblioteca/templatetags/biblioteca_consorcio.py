"""The library's part of a consortium's profile (the registry never imports the library)."""

from django import template

from ..models import Documento

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
