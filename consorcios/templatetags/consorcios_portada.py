"""Home page hook: how many consortia are published by kind, and the latest four."""

from django import template
from django.db.models import Count, Q

from consorcios.models import Consorcio
from redconsorcios.cache import memorizar

register = template.Library()


@register.inclusion_tag("consorcios/includes/portada.html", takes_context=False)
def consorcios_portada() -> dict:
    publicados = Consorcio.objects.publicados()
    # 1 query for both counts (kept in the cache until the content changes) + 1 for the latest four.
    cuentas = memorizar(
        "consorcios:portada:cuentas",
        lambda: publicados.aggregate(
            exportacion=Count("pk", filter=Q(tipo=Consorcio.Tipo.EXPORTACION)),
            origen=Count("pk", filter=Q(tipo=Consorcio.Tipo.ORIGEN)),
        ),
    )
    recientes = list(publicados.order_by("-publicado_en", "-pk").only("nombre", "slug", "tipo", "pais")[:4])
    return {**cuentas, "recientes": recientes}
