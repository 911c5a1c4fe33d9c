"""The reasons of a match in words, in the reader's language ("mismo mercado de destino: Japón")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_countries import countries

from consorcios.models import Consorcio, Sector


def _lista(valores: list[str]) -> str:
    """ "miel, abeja y cacao" in the current language."""
    valores = [str(v) for v in valores if str(v)]
    if len(valores) <= 1:
        return "".join(valores)
    return _("%(primeros)s y %(ultimo)s") % {"primeros": ", ".join(valores[:-1]), "ultimo": valores[-1]}


def _paises(codigos: list[str]) -> str:
    return _lista([countries.name(codigo) or codigo for codigo in codigos])


def en_palabras(
    razones: list, *, sectores: dict[int, Sector], origen: Consorcio | None = None, destino: Consorcio | None = None
) -> list[str]:
    """Each reason as a short sentence. `sectores` maps ids to sectors (one query per page)."""
    frases = []
    for clave, valores in razones:
        if clave == "sector":
            frases.append(_("mismo sector: %s") % _lista([sectores[v] for v in valores if v in sectores]))
        elif clave == "producto":
            frases.append(_("mismo producto: %s") % _lista(valores))
        elif clave == "complementarios":
            frases.append(
                _("productos complementarios: %(uno)s y %(otro)s")
                % {"uno": origen.productos.lower(), "otro": destino.productos.lower()}
            )
        elif clave == "pais":
            frases.append(_("mismo país: %s") % _paises(valores))
        elif clave == "frontera":
            frases.append(_("frontera común: %s") % _paises(valores))
        elif clave == "ciudad":
            frases.append(_("misma ciudad: %s") % destino.ciudad)
        elif clave == "mercado":
            frases.append(_("mismo mercado de destino: %s") % _paises(valores))
        elif clave == "mercado_buscado":
            frases.append(_("ya exporta a un mercado buscado: %s") % _paises(valores))
        elif clave == "exporta":
            frases.append(_("uno exporta al país del otro: %s") % _paises(valores))
        elif clave == "signo":
            frases.append(
                _("mismo signo distintivo en trámite: %s") % Consorcio.Signo(valores[0]).label.lower()
                if valores[0] in Consorcio.Signo.values
                else _("mismo signo distintivo en trámite")
            )
        elif clave == "tamano":
            frases.append(_("tamaño parecido: %(uno)s y %(otro)s empresas") % {"uno": valores[0], "otro": valores[1]})
    return frases
