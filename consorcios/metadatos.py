"""schema.org JSON-LD of the registry's pages: a consortium is an Organization, the registry a Dataset."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from comun.jsonld import CONTEXTO, absoluta, la_red, sin_vacios, texto_breve
from comun.models import LicenciaDatos


def consorcio(c) -> dict:
    """A consortium's profile. Only what its public page shows: never its contact details.

    The number of member firms has no honest schema.org property (``numberOfEmployees`` counts
    people, ``member`` lists them), so it is left out."""
    direccion = sin_vacios(
        {
            "@type": "PostalAddress",
            "addressCountry": c.pais.code,
            "addressRegion": c.region,
            "addressLocality": c.ciudad,
        }
    )
    return sin_vacios(
        {
            "@context": CONTEXTO,
            "@type": "Organization",
            "@id": absoluta(c.get_absolute_url()),
            "name": c.nombre,
            "url": absoluta(c.get_absolute_url()),
            "description": texto_breve(c.descripcion_html or c.descripcion),
            "logo": absoluta(c.logo.url) if c.logo else None,
            "address": direccion,
            "location": {
                "@type": "Place",
                "address": direccion,
                "geo": {"@type": "GeoCoordinates", "latitude": float(c.latitud), "longitude": float(c.longitud)},
            },
            "foundingDate": str(c.anio_fundacion) if c.anio_fundacion else None,
            "keywords": c.productos,
            "sameAs": c.sitio_web,
        }
    )


def registro() -> dict:
    """The registry as a Dataset, its CSV and GeoJSON downloads as distributions (list and map pages)."""
    licencia = LicenciaDatos.del_conjunto(LicenciaDatos.Conjunto.REGISTRO).url
    return {
        "@context": CONTEXTO,
        "@type": "Dataset",
        "name": _("Registro de consorcios de exportación y de origen de América Latina"),
        "description": _(
            "Consorcios de exportación y de origen de PYMES de América Latina registrados por sus promotores y"
            " revisados por ONUDI: tipo, sectores, productos, ubicación, año de fundación y número de empresas."
        ),
        "url": absoluta(reverse("consorcios:lista")),
        "license": licencia,
        "isAccessibleForFree": True,
        "creator": la_red(),
        "spatialCoverage": {"@type": "Place", "name": _("América Latina y el Caribe")},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": settings.SITE_URL + reverse("consorcios:exportar_csv"),
                "license": licencia,
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/geo+json",
                "contentUrl": settings.SITE_URL + reverse("consorcios:exportar_geojson"),
                "license": licencia,
            },
        ],
    }
