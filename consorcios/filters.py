"""Discovery: one FilterSet for the list, the map, the GeoJSON, the CSV and the statistics.

The same URL parameters work on every page, so a search can be shared and switching between
the list and the map keeps it. Only published consortia are ever filtered (the views pass
``Consorcio.objects.publicados()``). Every filter and sort is served by an index (see
Consorcio.Meta.indexes and migration 0004).
"""

from __future__ import annotations

import unicodedata
from functools import partial

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from comun.cache import guardado
from miembros.models import Institucion

from .models import NOMBRES_SECTORES, ClaveOrden, Consorcio, ListaDeMercados, Sector, TextoBuscable


def sin_acentos(texto: str) -> str:
    """Lower case without diacritics: what consorcios_texto_busqueda() does in SQL."""
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).lower().strip()


def buscar(texto: str, queryset: QuerySet | None = None) -> QuerySet:
    """Published consortia (or ``queryset``) whose text holds every word of ``texto``, in any order,
    with or without accents: name, products, description and the labels of kind, country and
    sectors in es, pt and en ("sombrero toquilla", "cosmetica", "cosmetics", "peru").

    Each word is a LIKE on the indexed expression (trigram GIN, consorcio_texto_trgm), so a part
    of a word finds it too ("sombrero" finds "sombreros"). The site-wide search calls this.
    """
    consorcios = Consorcio.objects.publicados() if queryset is None else queryset
    palabras = list(dict.fromkeys(sin_acentos(texto).split()))
    if not palabras:
        return consorcios
    consorcios = consorcios.alias(texto_busqueda=TextoBuscable())
    for palabra in palabras:
        consorcios = consorcios.filter(texto_busqueda__contains=palabra)
    return consorcios


def opciones() -> dict[str, list[tuple[str, str]]]:
    """Choices of the selects, kept per language until the registry changes.

    Only values that published consortia use, so no choice leads to an empty list (and a select
    of ~250 translated country names is not there to read). A save bumps the registry's
    generation, so a new consortium's country appears at once.
    """
    return guardado("consorcios", f"opciones:{get_language() or 'es'}", _calcular_opciones)


def _por_nombre(pares) -> list[tuple[str, str]]:
    """Sorted by label as people sort (case and accents aside): "Ámbar" among the A's."""
    return sorted(((valor, str(etiqueta)) for valor, etiqueta in pares), key=lambda par: sin_acentos(par[1]))


def _calcular_opciones() -> dict[str, list[tuple[str, str]]]:
    """Four queries whatever the number of consortia: the combinations of the single-valued
    columns in use, the market lists in use, the sectors in use, the institutions in use."""
    publicados = Consorcio.objects.publicados().order_by()
    # A few hundred distinct combinations at most (countries × kinds × signs × ...), split here.
    paises, tipos, subtipos, signos, situaciones = set(), set(), set(), set(), set()
    for pais, tipo, subtipo, signo, situacion in publicados.values_list(
        "pais", "tipo", "subtipo", "signo_distintivo", "estado_vida"
    ).distinct():
        paises.add(pais)
        tipos.add(tipo)
        subtipos.add(subtipo)
        signos.add(signo)
        situaciones.add(situacion)
    mercados = {
        codigo
        # stored as one text of codes, "CN,JP"
        for lista in publicados.exclude(mercados_destino="").values_list("mercados_destino", flat=True).distinct()
        for codigo in lista.split(",")
    }
    sectores = Sector.objects.filter(consorcios__estado=Consorcio.Estado.PUBLICADO).distinct()
    instituciones = (
        Institucion.objects.filter(consorcios_promovidos__estado=Consorcio.Estado.PUBLICADO)
        .distinct()
        .values_list("pk", "nombre")
    )

    def en_uso(choices, usados: set) -> list[tuple[str, str]]:
        return [(valor, str(etiqueta)) for valor, etiqueta in choices if valor in usados]

    return {
        "paises": _por_nombre((c, countries.name(c)) for c in paises),
        "mercados": _por_nombre((c, countries.name(c)) for c in mercados),
        "sectores": _por_nombre((s.slug, s) for s in sectores),
        "instituciones": _por_nombre((str(pk), nombre) for pk, nombre in instituciones),
        # kinds and the like keep their declared order (it reads as a sequence)
        "tipos": en_uso(Consorcio.Tipo.choices, tipos),
        "subtipos": en_uso(Consorcio.Subtipo.choices, subtipos),
        "signos": en_uso(Consorcio.Signo.choices, signos),
        "situaciones": en_uso(Consorcio.Vida.choices, situaciones),
    }


def _sectores_validos() -> list[tuple[str, str]]:
    """Every sector of the vocabulary, and any other in use (staff may add some)."""
    return [*NOMBRES_SECTORES.items(), *opciones()["sectores"]]


def _en_uso(campo, clave: str, elegido: str) -> list[tuple[str, str]]:
    usados = {valor for valor, _etiqueta in opciones()[clave]}
    return list(
        {valor: str(etiqueta) for valor, etiqueta in campo.choices if valor in ("", elegido) or valor in usados}.items()
    )


class Orden:
    NOMBRE = "nombre"
    RECIENTES = "recientes"
    FUNDACION = "fundacion"
    EMPRESAS = "empresas"

    OPCIONES = [
        (NOMBRE, _("Nombre")),
        (RECIENTES, _("Publicados recientemente")),
        (FUNDACION, _("Año de fundación (más recientes primero)")),
        (EMPRESAS, _("Número de empresas miembro (más primero)")),
    ]
    # Each order ends on unique columns so pages never overlap; each has its index.
    # Names sort as people sort them (ClaveOrden: case and accents aside), then as stored.
    CAMPOS = {
        NOMBRE: [ClaveOrden("nombre").asc(), F("nombre").asc(), F("pk").asc()],
        RECIENTES: [F("publicado_en").desc(nulls_last=True), F("pk").desc()],
        FUNDACION: [F("anio_fundacion").desc(nulls_last=True), ClaveOrden("nombre").asc(), F("pk").asc()],
        EMPRESAS: [F("numero_empresas").desc(nulls_last=True), ClaveOrden("nombre").asc(), F("pk").asc()],
    }


class ConsorcioFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Buscar"),
        method="filtrar_texto",
        help_text=_(
            "Todas las palabras, en cualquier orden, con o sin tildes: en el nombre, los productos, "
            "la descripción, el tipo, el país y los sectores."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Consorcio.Tipo.choices, empty_label=_("Todos"))
    subtipo = django_filters.ChoiceFilter(
        label=_("Modalidad de exportación"), choices=Consorcio.Subtipo.choices, empty_label=_("Todas")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), field_name="sectores__slug", choices=lambda: _sectores_validos(), empty_label=_("Todos")
    )
    pais = django_filters.ChoiceFilter(label=_("País"), choices=lambda: opciones()["paises"], empty_label=_("Todos"))
    region = django_filters.CharFilter(label=_("Región o provincia"), lookup_expr="iexact")
    signo = django_filters.ChoiceFilter(
        label=_("Signo distintivo"),
        field_name="signo_distintivo",
        choices=Consorcio.Signo.choices,
        empty_label=_("Todos"),
    )
    situacion = django_filters.ChoiceFilter(
        label=_("Situación"),
        field_name="estado_vida",
        choices=Consorcio.Vida.choices,
        empty_label=_("Todas"),
    )
    fundado_desde = django_filters.NumberFilter(
        label=_("Fundado desde (año)"), field_name="anio_fundacion", lookup_expr="gte", min_value=1800, max_value=2100
    )
    fundado_hasta = django_filters.NumberFilter(
        label=_("Fundado hasta (año)"), field_name="anio_fundacion", lookup_expr="lte", min_value=1800, max_value=2100
    )
    empresas_desde = django_filters.NumberFilter(
        label=_("Empresas miembro, desde"), field_name="numero_empresas", lookup_expr="gte", min_value=0
    )
    empresas_hasta = django_filters.NumberFilter(
        label=_("Empresas miembro, hasta"), field_name="numero_empresas", lookup_expr="lte", min_value=0
    )
    institucion = django_filters.ChoiceFilter(
        label=_("Institución promotora"),
        field_name="instituciones_promotoras",
        choices=lambda: opciones()["instituciones"],
        empty_label=_("Todas"),
    )
    mercado = django_filters.ChoiceFilter(
        label=_("Mercado de destino"),
        method="filtrar_mercado",
        choices=lambda: opciones()["mercados"],
        empty_label=_("Todos"),
    )
    orden = django_filters.ChoiceFilter(
        label=_("Ordenar por"), method="ordenar", choices=Orden.OPCIONES, empty_label=None
    )

    class Meta:
        model = Consorcio
        fields: list[str] = []

    # Selects that show only the values in use (and the one chosen). Any value of the vocabulary
    # stays valid and filters, so a shared link to a kind nobody has yet finds none instead of
    # silently showing every consortium.
    SOLO_EN_USO = {
        "tipo": "tipos",
        "subtipo": "subtipos",
        "sector": "sectores",
        "signo": "signos",
        "situacion": "situaciones",
    }

    @property
    def form(self):
        if not hasattr(self, "_form"):
            formulario = super().form
            for nombre, clave in self.SOLO_EN_USO.items():
                campo = formulario.fields[nombre]
                elegido = str(self.data.get(nombre, "")) if self.data else ""
                # read when the select is drawn, not when a download validates its filters
                campo.widget.choices = CallableChoiceIterator(partial(_en_uso, campo, clave, elegido))
        return self._form

    def filtrar_texto(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return buscar(value, queryset)

    def filtrar_mercado(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.alias(mercados=ListaDeMercados()).filter(mercados__contains=[value])

    def ordenar(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*Orden.CAMPOS.get(value, Orden.CAMPOS[Orden.NOMBRE]))

    @property
    def qs(self) -> QuerySet:
        # The sort applies even when `orden` is absent (the default, by name).
        if not hasattr(self, "_qs"):
            queryset = super().qs
            if not (self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("orden")):
                queryset = self.ordenar(queryset, "orden", Orden.NOMBRE)
            self._qs = queryset
        return self._qs

    @property
    def activo(self) -> bool:
        """Whether any filter (other than the sort) is in use: shows the "clear filters" link."""
        return any(v not in ("", None, []) for k, v in self.data.items() if k in self.filters and k != "orden")


def filtrar(datos, queryset: QuerySet | None = None) -> ConsorcioFilter:
    """The FilterSet over published consortia; invalid values are ignored rather than emptying the list."""
    base = Consorcio.objects.publicados() if queryset is None else queryset
    return ConsorcioFilter(datos or None, queryset=base)
