"""What a promoter says about a consortium, declared once.

The registration form shows ``SECCIONES`` in this order; the public ones (all but the contact
details and the logo, ``PUBLICOS``) are the columns of the registry's CSV files, the same for the
staff's import and the researchers' export, so an exported file imports into another registry.
In a CSV cell, a list is joined with ";", a choice is its key, a country its ISO code, a sector its
key and an institution its name; the export adds ``id`` and ``url`` in front.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

SECCIONES = [
    (_("El consorcio"), ["nombre", "tipo", "subtipo", "alcance_sectorial", "sectores", "productos", "descripcion"]),
    (
        _("Producto de origen"),
        ["producto_tradicional", "territorio", "signo_distintivo", "nombre_signo", "estado_signo"],
    ),
    (_("Ubicación"), ["pais", "paises_involucrados", "region", "ciudad", "latitud", "longitud"]),
    (
        _("Datos del consorcio"),
        [
            "estado_vida",
            "anio_fundacion",
            "fecha_formalizacion",
            "forma_juridica",
            "numero_empresas",
            "empleos_directos",
            "familias_beneficiadas",
            "porcentaje_mujeres",
            "mercados_destino",
            "certificaciones",
            "instituciones_promotoras",
        ],
    ),
    (
        _("Contacto y presencia en línea"),
        ["sitio_web", "correo_contacto", "telefono_contacto", "publicar_contacto", "logo", "videos"],
    ),
]
DEL_FORMULARIO = [campo for _titulo, campos in SECCIONES for campo in campos]
# Shown only to logged-in members with the submitter's consent, or not data at all: never in a file.
NO_PUBLICOS = {"correo_contacto", "telefono_contacto", "publicar_contacto", "logo"}
PUBLICOS = [campo for campo in DEL_FORMULARIO if campo not in NO_PUBLICOS]
# What a CSV row must have to become a consortium (the model requires the rest or has a default).
OBLIGATORIOS = {"nombre", "tipo", "productos", "pais", "latitud", "longitud"}
# Many values in one cell, joined with ";".
LISTAS = {"sectores", "paises_involucrados", "mercados_destino", "instituciones_promotoras", "videos"}
SEPARADOR = ";"


def celda(consorcio, campo: str) -> str | int:
    """The CSV cell of a public field, as the import reads it back.

    Sectors and institutions come from the queryset's annotations ``sectores_claves`` and
    ``instituciones_nombres`` (consorcios.views.exportar_csv), not from a query per row.
    """
    if campo == "sectores":
        return SEPARADOR.join(consorcio.sectores_claves)
    if campo == "instituciones_promotoras":
        return SEPARADOR.join(consorcio.instituciones_nombres)
    valor = getattr(consorcio, campo)
    if campo in LISTAS:
        return SEPARADOR.join(getattr(v, "code", v) for v in valor)
    if valor is None:
        return ""
    if isinstance(valor, datetime.date):
        return valor.isoformat()
    return getattr(valor, "code", valor)  # a country: its ISO code


def valores_de_fila(fila: dict[str, str]) -> dict[str, str | list[str]]:
    """A CSV row as form data: each list cell split at ";"."""
    return {
        columna: [v.strip() for v in valor.split(SEPARADOR) if v.strip()] if columna in LISTAS else valor
        for columna, valor in fila.items()
    }
