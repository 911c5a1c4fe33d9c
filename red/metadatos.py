"""schema.org JSON-LD of the network's pages: a member institution is an Organization of its kind."""

from __future__ import annotations

from comun.jsonld import CONTEXTO, absoluta, sin_vacios, texto_breve
from miembros.models import Institucion

# The closest schema.org type of each kind; the others are plain Organizations.
TIPOS = {
    Institucion.Tipo.MINISTERIO: "GovernmentOrganization",
    Institucion.Tipo.AGENCIA: "GovernmentOrganization",
    Institucion.Tipo.UNIVERSIDAD: "CollegeOrUniversity",
    Institucion.Tipo.ONG: "NGO",
    Institucion.Tipo.EMPRESA: "Corporation",
}


def institucion(i: Institucion) -> dict:
    """An institution's profile: only what its public page shows."""
    direccion = sin_vacios({"@type": "PostalAddress", "addressCountry": i.pais.code, "addressLocality": i.ciudad})
    lugar = None
    if i.latitud is not None and i.longitud is not None:
        geo = {"@type": "GeoCoordinates", "latitude": float(i.latitud), "longitude": float(i.longitud)}
        lugar = sin_vacios({"@type": "Place", "address": direccion, "geo": geo})
    return sin_vacios(
        {
            "@context": CONTEXTO,
            "@type": TIPOS.get(i.tipo, "Organization"),
            "@id": absoluta(i.get_absolute_url()),
            "name": i.nombre,
            "alternateName": i.sigla,
            "url": absoluta(i.get_absolute_url()),
            "description": texto_breve(i.descripcion_html or i.descripcion),
            "logo": absoluta(i.logo.url) if i.logo else None,
            "address": direccion if len(direccion) > 1 else None,
            "location": lugar,
            "sameAs": i.sitio_web,
        }
    )
