"""Machine-readable metadata of a page: schema.org JSON-LD and the OpenGraph / Twitter card tags.

The JSON-LD dictionaries are built in Python next to each app's models (``<app>/metadatos.py``),
never in templates; this module only writes them into the page.
"""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comun.jsonld import absoluta

register = template.Library()

# As Django's json_script: inside <script> the HTML parser would end the block at "</script>" or
# open a comment at "<!--", so the characters that could do so are written as JSON escapes.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(objeto) -> str:
    """``{% json_ld documento %}``: a ``<script type="application/ld+json">`` block of an object
    with a ``json_ld()`` method, or of a dict. A data block is not executed, so the strict CSP
    allows it without a nonce. Writes nothing for an empty value (a page without metadata)."""
    datos = objeto.json_ld() if hasattr(objeto, "json_ld") else objeto
    if not datos:
        return ""
    texto = json.dumps(datos, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(texto))  # noqa: S308 (escaped above)


# The preview image of each section's pages when the page has none of its own
# (scripts/imagenes_og.py draws them once; static/img/og/).
IMAGEN_POR_SECCION = {"consorcios": "consorcios", "biblioteca": "biblioteca", "foros": "foros", "datos": "datos"}
# OpenGraph wants language_TERRITORY: the network's main audience for each language.
LOCALES = {"es": "es_LA", "pt": "pt_BR", "en": "en_US"}


@register.simple_tag(takes_context=True)
def etiquetas_sociales(context, titulo="", descripcion="", imagen=None, tipo="website") -> str:
    """OpenGraph and Twitter card tags: what a link to this page shows when it is shared.

    The page's own title, description and image when it passes them, else the network's name and
    description and its section's preview image. ``imagen``: a file field (a logo, a cover) or a URL.
    """
    request = context.get("request")
    if request is None:
        return ""
    if imagen and hasattr(imagen, "url"):
        imagen = imagen.url if imagen.name else None
    if not imagen:
        seccion = getattr(request.resolver_match, "namespace", "") if request.resolver_match else ""
        imagen = static(f"img/og/{IMAGEN_POR_SECCION.get(seccion, 'red')}.png")
    actual = get_language() or settings.LANGUAGE_CODE
    red = _("Red Latinoamericana de Consorcios")
    propiedades = [
        ("og:site_name", red),
        ("og:title", titulo or red),
        (
            "og:description",
            descripcion
            or _(
                "Red Latinoamericana de consorcios de exportación y de origen de PYMES, promovida por ONUDI"
                " con el SELA y Federexport."
            ),
        ),
        ("og:type", tipo),
        ("og:url", settings.SITE_URL + request.path),
        ("og:image", absoluta(imagen)),
        ("og:locale", LOCALES.get(actual, actual)),
        *(("og:locale:alternate", locale) for codigo, locale in LOCALES.items() if codigo != actual),
    ]
    etiquetas = format_html_join("\n  ", '<meta property="{}" content="{}">', propiedades)
    return format_html('{}\n  <meta name="twitter:card" content="summary_large_image">', etiquetas)
