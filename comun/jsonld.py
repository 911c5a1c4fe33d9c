"""Small pieces shared by every app's schema.org JSON-LD (``<app>/metadatos.py``)."""

from __future__ import annotations

import html

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

CONTEXTO = "https://schema.org"


def absoluta(url: str) -> str:
    """An address other sites can follow: relative ones (pages, local media) get SITE_URL."""
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def texto_breve(html_o_texto: str, largo: int = 300) -> str:
    """A plain-text description: tags removed and entities decoded (JSON-LD is not HTML), cut at a word's end."""
    return Truncator(" ".join(html.unescape(strip_tags(html_o_texto)).split())).chars(largo)


def la_red() -> dict:
    """The network as publisher of what the portal publishes."""
    return {"@type": "Organization", "name": _("Red Latinoamericana de Consorcios"), "url": settings.SITE_URL + "/"}


def sin_vacios(datos: dict) -> dict:
    """The properties that have a value: schema.org prefers a missing property to an empty one."""
    return {clave: valor for clave, valor in datos.items() if valor not in (None, "", [], {})}
