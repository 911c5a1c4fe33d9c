"""Discovery of opportunities: one FilterSet for the list, the API and the site search.

The registry's kind of filters (kind, country, sector, market sought, who publishes) and a text
search `q`; every filter is served by an index (Oportunidad.Meta.indexes). Only published, current
opportunities are ever filtered (``filtrar`` starts from ``publicadas()``).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from consorcios.models import NOMBRES_SECTORES

from .models import CONFIG_BUSQUEDA, ListaDePaises, Oportunidad


def buscar(texto: str, queryset: QuerySet | None = None) -> QuerySet:
    """Current published opportunities (or ``queryset``) matching ``texto`` (words, "phrases",
    -exclusions; accents optional), best first. The site-wide search calls this."""
    oportunidades = Oportunidad.objects.publicadas() if queryset is None else queryset
    texto = texto.strip()
    if not texto:
        return oportunidades
    consulta = SearchQuery(texto, search_type="websearch", config=CONFIG_BUSQUEDA)
    return (
        oportunidades.filter(vector=consulta)
        .annotate(rango=SearchRank(F("vector"), consulta))
        .order_by("-rango", "-publicada_en", "-pk")
    )


class Publicador:
    CONSORCIO = "consorcio"
    INSTITUCION = "institucion"
    OPCIONES = [(CONSORCIO, _("Consorcios")), (INSTITUCION, _("Instituciones de la Red"))]


def _paises():
    return list(countries)


class OportunidadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Buscar"),
        method="filtrar_texto",
        help_text=_("Palabras del título, los productos o la descripción, con o sin tildes."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Oportunidad.Tipo.choices, empty_label=_("Todos"))
    pais = django_filters.ChoiceFilter(label=_("País"), method="filtrar_pais", choices=_paises, empty_label=_("Todos"))
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        field_name="sectores__slug",
        choices=lambda: sorted(((k, str(v)) for k, v in NOMBRES_SECTORES.items()), key=lambda p: p[1]),
        empty_label=_("Todos"),
    )
    mercado = django_filters.ChoiceFilter(
        label=_("Mercado buscado"), method="filtrar_mercado", choices=_paises, empty_label=_("Todos")
    )
    publicador = django_filters.ChoiceFilter(
        label=_("Publicada por"), method="filtrar_publicador", choices=Publicador.OPCIONES, empty_label=_("Todos")
    )

    class Meta:
        model = Oportunidad
        fields: list[str] = []

    def filtrar_texto(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return buscar(value, queryset)

    def filtrar_pais(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.alias(lista_paises=ListaDePaises("paises")).filter(lista_paises__contains=[value])

    def filtrar_mercado(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.alias(lista_mercados=ListaDePaises("mercados")).filter(lista_mercados__contains=[value])

    def filtrar_publicador(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == Publicador.CONSORCIO:
            return queryset.filter(consorcio__isnull=False)
        return queryset.filter(institucion__isnull=False)

    @property
    def activo(self) -> bool:
        """Whether any filter is in use: shows the "clear filters" link."""
        return any(str(v).strip() for k, v in self.data.items() if k in self.filters)


def filtrar(datos, queryset: QuerySet | None = None) -> OportunidadFilter:
    """The FilterSet over current published opportunities, newest first (a text search: best first)."""
    base = Oportunidad.objects.publicadas() if queryset is None else queryset
    return OportunidadFilter(datos or None, queryset=base.order_by("-publicada_en", "-pk"))
