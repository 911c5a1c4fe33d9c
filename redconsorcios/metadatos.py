"""schema.org JSON-LD of the portal's home page: the site and its search box."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from comun.jsonld import CONTEXTO


def sitio_web() -> dict:
    return {
        "@context": CONTEXTO,
        "@type": "WebSite",
        "name": _("Red Latinoamericana de Consorcios"),
        "url": settings.SITE_URL + reverse("portada"),
        "publisher": {"@type": "Organization", "name": _("Red Latinoamericana de Consorcios")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": settings.SITE_URL + reverse("buscar") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
