"""The institutions' list and map filters: kind, country, sector of its consortia, text."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from comun.cache import guardado
from consorcios.models import NOMBRES_SECTORES, Consorcio, Sector
from miembros.models import Institucion, Perfil, texto_buscable


def opciones() -> dict[str, list[tuple[str, str]]]:
    """Countries and sectors in use by member institutions, kept per language until the network changes."""

    def calcular() -> dict[str, list[tuple[str, str]]]:
        paises = Institucion.objects.miembros().exclude(pais="").order_by().values_list("pais", flat=True).distinct()
        promotoras = Consorcio.instituciones_promotoras.through.objects.filter(
            institucion__estado=Institucion.Estado.MIEMBRO, consorcio__estado=Consorcio.Estado.PUBLICADO
        ).values("consorcio_id")
        sectores = Sector.objects.filter(consorcios__in=promotoras).order_by().values_list("slug", flat=True).distinct()
        return {
            "paises": sorted(((c, str(countries.name(c))) for c in paises), key=lambda par: texto_buscable(par[1])),
            "sectores": sorted(
                ((s, str(NOMBRES_SECTORES.get(s, s))) for s in sectores), key=lambda par: texto_buscable(par[1])
            ),
        }

    return guardado("red", f"opciones:{get_language()}", calcular)


class InstitucionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto", max_length=200)
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Institucion.Tipo.choices, empty_label=_("Todos"))
    pais = django_filters.ChoiceFilter(label=_("País"), choices=lambda: opciones()["paises"], empty_label=_("Todos"))
    sector = django_filters.ChoiceFilter(
        label=_("Sector de sus consorcios"),
        choices=lambda: opciones()["sectores"],
        empty_label=_("Todos"),
        method="filtrar_sector",
    )

    class Meta:
        model = Institucion
        fields = ["q", "tipo", "pais", "sector"]

    def filtrar_texto(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word, in any order, with or without accents, in the name, acronym, city or description."""
        for palabra in texto_buscable(value).split()[:10]:
            queryset = queryset.filter(busqueda__contains=palabra)
        return queryset

    def filtrar_sector(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Institutions promoting a published consortium of this sector (EXISTS: no duplicate rows)."""
        enlaces = Consorcio.instituciones_promotoras.through.objects.filter(
            institucion_id=OuterRef("pk"),
            consorcio__estado=Consorcio.Estado.PUBLICADO,
            consorcio__sectores__slug=value,
        )
        return queryset.filter(Exists(enlaces))

    @property
    def activo(self) -> bool:
        return any(str(v).strip() for k, v in self.data.items() if k in self.filters)


def filtrar(datos) -> InstitucionFilter:
    """Member institutions by the filters; invalid values are ignored rather than emptying the list."""
    return InstitucionFilter(datos or None, queryset=Institucion.objects.miembros())


def opciones_promotores() -> dict[str, list[tuple[str, str]]]:
    """Countries and institutions that public promoter profiles show, per language until the network changes.

    Only values a profile chose to publish: offering the others would tell a visitor them.
    """

    def calcular() -> dict[str, list[tuple[str, str]]]:
        publicos = Perfil.objects.publicos().order_by()
        paises = publicos.con_campo_publico("pais").exclude(pais="").values_list("pais", flat=True).distinct()
        instituciones = (
            Institucion.objects.miembros()
            .filter(pk__in=publicos.con_campo_publico("institucion").values("institucion_id"))
            .values_list("slug", "nombre", "sigla")
        )
        return {
            "paises": sorted(((c, str(countries.name(c))) for c in paises), key=lambda par: texto_buscable(par[1])),
            "instituciones": sorted(
                ((slug, f"{nombre} ({sigla})" if sigla else nombre) for slug, nombre, sigla in instituciones),
                key=lambda par: texto_buscable(par[1]),
            ),
        }

    return guardado("red", f"opciones-promotores:{get_language()}", calcular)


class PromotorFilter(django_filters.FilterSet):
    """Public promoter profiles by country and institution, each looked for only among those who show it."""

    pais = django_filters.ChoiceFilter(
        label=_("País"), choices=lambda: opciones_promotores()["paises"], empty_label=_("Todos"), method="filtrar_pais"
    )
    institucion = django_filters.ChoiceFilter(
        label=_("Institución"),
        choices=lambda: opciones_promotores()["instituciones"],
        empty_label=_("Todas"),
        method="filtrar_institucion",
    )

    class Meta:
        model = Perfil
        fields = ["pais", "institucion"]

    def filtrar_pais(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.con_campo_publico(Perfil.CampoPublico.PAIS).filter(pais=value)

    def filtrar_institucion(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.con_campo_publico(Perfil.CampoPublico.INSTITUCION).filter(
            institucion__slug=value, institucion__estado=Institucion.Estado.MIEMBRO
        )

    @property
    def activo(self) -> bool:
        return any(str(v).strip() for k, v in self.data.items() if k in self.filters)


def filtrar_promotores(datos) -> PromotorFilter:
    """Public promoter profiles by the filters; invalid values are ignored rather than emptying the list."""
    return PromotorFilter(datos or None, queryset=Perfil.objects.publicos())
