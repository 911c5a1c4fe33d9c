"""schema.org JSON-LD of an opportunity's page: an ``Offer`` when it offers, a ``Demand`` otherwise.

Both are schema.org's own words for "a party offers / seeks something": name, description, category
(an offer's kind), where it applies (``eligibleRegion``, as country codes) and until when (``validThrough``).
The consortium or institution appears as the ``offeredBy`` of an offer (schema.org gives a Demand no
such property: its page names the publisher).
"""

from __future__ import annotations

from comun.jsonld import CONTEXTO, absoluta, sin_vacios, texto_breve

from .models import Oportunidad

OFERTAS = {Oportunidad.Tipo.OFRECE_PRODUCTOS}


def oportunidad(o: Oportunidad) -> dict:
    """Only what the public page shows; never who wrote it."""
    publicador = o.publicador
    datos = {
        "@context": CONTEXTO,
        "@type": "Offer" if o.tipo in OFERTAS else "Demand",
        "@id": absoluta(o.get_absolute_url()),
        "url": absoluta(o.get_absolute_url()),
        "name": o.titulo,
        "description": texto_breve(o.descripcion_html),
        "validThrough": o.fecha_limite.isoformat(),
        "eligibleRegion": [p.code for p in o.paises] + [m.code for m in o.mercados if m not in o.paises],
    }
    if o.tipo in OFERTAS:
        datos["category"] = str(o.get_tipo_display())  # schema.org gives a Demand no category
        datos["offeredBy"] = {
            "@type": "Organization",
            "name": str(publicador),
            "url": absoluta(publicador.get_absolute_url()),
        }
    return sin_vacios(datos)
