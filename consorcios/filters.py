"""Discovery: one FilterSet for the list, the map, the GeoJSON, the CSV and the statistics.

The same URL parameters work on every page, so a search can be shared and switching between
the list and the map keeps it. Only published consortia are ever filtered (the views pass
``Consorcio.objects.publicados()``). Every filter and sort is served by an index (see
Consorcio.Meta.indexes and migration 0004).
"""

from __future__ import annotations

import unicodedata

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from comun.cache import guardado
from miembros.models import Institucion

from .models import Consorcio, ListaDeMercados, Sector, TextoBusqueda


def sin_acentos(texto: str) -> str:
    """Lower case without diacritics: what consorcios_texto_busqueda() does in SQL."""
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).lower().strip()


def opciones() -> dict[str, list[tuple[str, str]]]:
    """Choices of the selects, kept per language until the registry changes.

    Only values that published consortia use: a select of ~250 translated country names would
    be long to read and to render. A save bumps the registry's generation, so a new
    consortium's country appears at once.
    """
    return guardado("consorcios", f"opciones:{get_language() or 'es'}", _calcular_opciones)


def _calcular_opciones() -> dict[str, list[tuple[str, str]]]:
    publicados = Consorcio.objects.publicados().order_by()
    paises = set(publicados.values_list("pais", flat=True).distinct())
    mercados = {
        codigo
        # stored as one text of codes, "CN,JP"
        for lista in publicados.exclude(mercados_destino="").values_list("mercados_destino", flat=True).distinct()
        for codigo in lista.split(",")
    }
    instituciones = (
        Institucion.objects.filter(consorcios_promovidos__estado=Consorcio.Estado.PUBLICADO)
        .distinct()
        .values_list("pk", "nombre")
    )
    return {
        "paises": sorted(((c, countries.name(c)) for c in paises), key=lambda par: sin_acentos(par[1])),
        "mercados": sorted(((c, countries.name(c)) for c in mercados), key=lambda par: sin_acentos(par[1])),
        "sectores": sorted(((s.slug, str(s)) for s in Sector.objects.all()), key=lambda par: sin_acentos(par[1])),
        "instituciones": sorted(((str(pk), nombre) for pk, nombre in instituciones), key=lambda par: par[1]),
    }


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
    CAMPOS = {
        NOMBRE: [F("nombre").asc(), F("pk").asc()],
        RECIENTES: [F("publicado_en").desc(nulls_last=True), F("pk").desc()],
        FUNDACION: [F("anio_fundacion").desc(nulls_last=True), F("nombre").asc(), F("pk").asc()],
        EMPRESAS: [F("numero_empresas").desc(nulls_last=True), F("nombre").asc(), F("pk").asc()],
    }


class ConsorcioFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Buscar"),
        method="filtrar_texto",
        help_text=_("En el nombre, los productos y la descripción; con o sin tildes."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Consorcio.Tipo.choices, empty_label=_("Todos"))
    subtipo = django_filters.ChoiceFilter(
        label=_("Modalidad de exportación"), choices=Consorcio.Subtipo.choices, empty_label=_("Todas")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), field_name="sectores__slug", choices=lambda: opciones()["sectores"], empty_label=_("Todos")
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
        label=_("Situación"), field_name="estado_vida", choices=Consorcio.Vida.choices, empty_label=_("Todas")
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

    def filtrar_texto(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # LIKE on the indexed expression (trigram GIN): "cafe" finds "Café", "artesania" "Artesanías".
        texto = sin_acentos(value)
        if not texto:
            return queryset
        return queryset.alias(texto_busqueda=TextoBusqueda()).filter(texto_busqueda__contains=texto)

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
