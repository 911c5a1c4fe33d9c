"""Home page hook: how many consortia are published by kind, and the latest four."""

from django import template
from django.db.models import Count, Q

from consorcios.models import Consorcio
from redconsorcios.cache import memorizar

register = template.Library()


@register.inclusion_tag("consorcios/includes/portada.html", takes_context=False)
def consorcios_portada() -> dict:
    # 1 query for both counts + 1 for the latest four, kept in the cache until the content changes.
    return memorizar("consorcios:portada", _portada)


def _portada() -> dict:
    publicados = Consorcio.objects.publicados()
    cuentas = publicados.aggregate(
        exportacion=Count("pk", filter=Q(tipo=Consorcio.Tipo.EXPORTACION)),
        origen=Count("pk", filter=Q(tipo=Consorcio.Tipo.ORIGEN)),
    )
    recientes = list(publicados.order_by("-publicado_en", "-pk").only("nombre", "slug", "tipo", "pais")[:4])
    return {**cuentas, "recientes": recientes}
