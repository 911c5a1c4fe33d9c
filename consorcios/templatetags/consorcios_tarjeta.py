"""The registry's cards and filters (consorcios/lista.html, includes/tarjeta.html, includes/filtros.html)."""

from django import template

from ..filters import sin_acentos

register = template.Library()

# Colours of the monograms: a fixed set of classes (.monograma--0 … --7 in portal.css), since the
# CSP allows no style attribute.
COLORES_MONOGRAMA = 8
# Words a monogram skips: "Consorcio Apícola de Chulucanas" is "AC", not "CA".
PALABRAS_VACIAS = {
    "consorcio", "consorcios", "consórcio", "consórcios", "consortium", "de", "del", "la", "las", "los", "el",
    "y", "e", "da", "do", "das", "dos", "of", "the", "and", "en", "para",
}  # fmt: skip


@register.filter
def nombres_de_sectores(consorcio, nombres: dict[str, str]) -> list[str]:
    """A card's sectors by their translated names, alphabetical: the card's query brings their
    keys (``claves_sectores``), the view the names of every sector (``nombres_sectores``)."""
    return sorted((nombres.get(clave, clave) for clave in consorcio.claves_sectores), key=sin_acentos)


@register.filter
def iniciales(nombre: str) -> str:
    """Up to two initials of a consortium's name for its monogram, skipping generic words."""
    palabras = [p for p in nombre.split() if p[:1].isalnum()]
    propias = [p for p in palabras if p.lower() not in PALABRAS_VACIAS] or palabras
    return "".join(p[0] for p in propias[:2]).upper()


@register.filter
def color_monograma(consorcio) -> int:
    """The monogram's colour class, derived from the id: stable across pages and languages."""
    return (consorcio.pk or 0) % COLORES_MONOGRAMA


@register.simple_tag
def filtros_activos(filtro) -> int:
    """How many filters (not the sort) have a value: shown on the folded "Filtrar" button."""
    return sum(
        1 for clave, valor in filtro.data.items() if clave in filtro.filters and clave != "orden" and str(valor).strip()
    )
