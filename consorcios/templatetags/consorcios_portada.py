"""Home page hook: how many consortia are published by kind, and the latest four."""

from django import template
from django.db.models import Func, IntegerField, Subquery

from consorcios.models import Consorcio

register = template.Library()


class _CuentaFilas(Func):
    """COUNT(*) as a plain function: in a subquery it adds no GROUP BY, and it needs no column.

    Needing no column is what lets the count read consorcio_estado_tipo_idx alone (an
    index-only scan); COUNT(id) would have to visit the table.
    """

    template = "COUNT(*)"
    output_field = IntegerField()


@register.inclusion_tag("consorcios/includes/portada.html", takes_context=False)
def consorcios_portada() -> dict:
    # 1 query for the latest four and both counts (the home page keeps what this renders: portada.html).
    publicados = Consorcio.objects.publicados()

    def cuenta(tipo: str) -> Subquery:
        # Uncorrelated, so PostgreSQL evaluates it once for the whole query (an InitPlan).
        return Subquery(publicados.filter(tipo=tipo).order_by().annotate(n=_CuentaFilas()).values("n"))

    recientes = list(
        publicados.order_by("-publicado_en", "-pk")
        .only("nombre", "slug", "tipo", "pais", "ciudad", "productos", "logo")
        .annotate(exportacion=cuenta(Consorcio.Tipo.EXPORTACION), origen=cuenta(Consorcio.Tipo.ORIGEN))[:4]
    )
    # With nothing published there is no row to carry the counts, and both are zero.
    primero = recientes[0] if recientes else None
    return {
        "exportacion": primero.exportacion if primero else 0,
        "origen": primero.origen if primero else 0,
        "recientes": recientes,
    }
