"""Follow buttons for the pages of other apps: ``{% load seguimientos %}`` then ``{% boton_seguir consorcio %}``.

Templates of the registry, the network and the forums load these tags; their Python code never
imports this app (README "Architecture"). Each button costs one query for a logged-in member (do they
follow it already?) and none for a visitor, who gets a link to sign in instead. Put it outside any
``{% cache %}`` fragment: it depends on the reader.
"""

from __future__ import annotations

from django import template
from django_countries import countries

from consorcios.models import Sector

from ..models import TIPOS_OPORTUNIDAD, Seguimiento

register = template.Library()

# The model of each kind of target a page may pass, and how the button names it.
_POR_MODELO = {
    "consorcios.Consorcio": (Seguimiento.Tipo.CONSORCIO, "consorcio", "pk"),
    "miembros.Institucion": (Seguimiento.Tipo.INSTITUCION, "institucion", "pk"),
    "consorcios.Sector": (Seguimiento.Tipo.SECTOR, "sector__slug", "slug"),
    "foros.Foro": (Seguimiento.Tipo.FORO, "foro", "pk"),
}


def _boton(contexto, tipo: str, filtro: dict, valor: str, nombre: str, *, nombre_visible: bool = False) -> dict:
    request = contexto.get("request")
    usuario = contexto.get("user")
    datos = {
        "tipo": tipo,
        "valor": valor,
        "nombre": nombre,
        "nombre_visible": nombre_visible,
        "siguiente": request.get_full_path() if request else "",
        "autenticado": bool(usuario and usuario.is_authenticated),
        "csrf_token": contexto.get("csrf_token"),
    }
    if datos["autenticado"]:
        datos["sigue"] = Seguimiento.objects.filter(miembro=usuario, **filtro).exists()
    return datos


@register.inclusion_tag("seguimientos/includes/boton.html", takes_context=True)
def boton_seguir(context, objeto) -> dict:
    """The follow button of a consortium, an institution, a sector or a forum."""
    tipo, campo, atributo = _POR_MODELO[objeto._meta.label]
    valor = getattr(objeto, atributo)
    return _boton(context, tipo, {campo: valor}, str(valor), str(objeto))


@register.inclusion_tag("seguimientos/includes/boton.html", takes_context=True)
def boton_seguir_filtro(context, filtro) -> dict:
    """On the registry's or the opportunities' list filtered by one country, one sector or (the
    opportunities) one kind (``filtro``, its FilterSet): the button of that target; nothing otherwise."""
    if not filtro.form.is_valid():
        return {}
    pais = filtro.form.cleaned_data.get("pais")
    sector = filtro.form.cleaned_data.get("sector")
    if filtro._meta.model._meta.label == "oportunidades.Oportunidad":
        tipo = filtro.form.cleaned_data.get("tipo")
        if tipo in TIPOS_OPORTUNIDAD and not (pais or sector):
            nombre = TIPOS_OPORTUNIDAD[tipo]
            filtro_tipo = {"tipo_oportunidad": tipo}
            return _boton(context, Seguimiento.Tipo.OPORTUNIDAD, filtro_tipo, tipo, nombre, nombre_visible=True)
    if pais and not sector:
        return _boton(context, Seguimiento.Tipo.PAIS, {"pais": pais}, pais, countries.name(pais), nombre_visible=True)
    if sector and not pais:
        nombre = str(Sector(slug=sector, nombre=sector))
        return _boton(context, Seguimiento.Tipo.SECTOR, {"sector__slug": sector}, sector, nombre, nombre_visible=True)
    return {}
