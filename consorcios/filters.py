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
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from miembros.models import Institucion
from redconsorcios.cache import memorizar

from .models import Consorcio, ListaDeMercados, Sector, TextoBusqueda


def sin_acentos(texto: str) -> str:
    """Lower case without diacritics: what consorcios_texto_busqueda() does in SQL."""
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).lower().strip()


def opciones() -> dict[str, list[tuple[str, str]]]:
    """Choices of the selects, cached per content version and language.

    Only values that published consortia use: a select of ~250 translated country names
    costs tens of milliseconds per page. Any save bumps redconsorcios.cache.version(), so a
    new consortium's country appears at once.
    """
    return memorizar(f"consorcios:opciones:{get_language() or 'es'}", _calcular_opciones)


# Loose index scan: one index descent per distinct value instead of reading every published row.
# PostgreSQL has no skip scan for DISTINCT, so each step asks for the next value above the last.
_SIGUIENTE_VALOR = """{nombre}(valor) AS (
    (SELECT {columna} FROM {tabla} WHERE estado = %s ORDER BY {columna} LIMIT 1)
    UNION ALL
    SELECT (SELECT c.{columna} FROM {tabla} c WHERE c.estado = %s AND c.{columna} > {nombre}.valor
            ORDER BY c.{columna} LIMIT 1)
    FROM {nombre} WHERE {nombre}.valor IS NOT NULL
)"""
_UNION_DE_VALORES = (
    "SELECT 'pais', valor FROM paises WHERE valor IS NOT NULL"
    " UNION ALL SELECT 'mercados', valor FROM mercados WHERE valor IS NOT NULL"
)


def _paises_y_mercados_publicados() -> tuple[set[str], set[str]]:
    """The countries and the destination markets of published consortia, in one query.

    Countries walk consorcio_estado_pais_idx and markets consorcio_estado_mercados_idx (the
    stored lists, "CN,JP", each one once): the cost grows with the number of distinct values,
    not with the number of consortia.
    """
    tabla = connection.ops.quote_name(Consorcio._meta.db_table)
    pais, mercados = (
        connection.ops.quote_name(Consorcio._meta.get_field(c).column) for c in ("pais", "mercados_destino")
    )
    ctes = ", ".join(
        _SIGUIENTE_VALOR.format(nombre=nombre, columna=columna, tabla=tabla)
        for nombre, columna in (("paises", pais), ("mercados", mercados))
    )
    # Names come from the model's metadata, quoted; the only value is a parameter.
    consulta = f"WITH RECURSIVE {ctes} {_UNION_DE_VALORES}"
    paises: set[str] = set()
    destinos: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute(consulta, [Consorcio.Estado.PUBLICADO] * 4)
        for clase, valor in cursor.fetchall():
            if clase == "pais":
                paises.add(valor)
            else:
                destinos.update(c for c in valor.split(",") if c)
    return paises, destinos


def _calcular_opciones() -> dict[str, list[tuple[str, str]]]:
    paises, mercados = _paises_y_mercados_publicados()
    # Each institution is tested once (an index probe on the many-to-many table until a
    # published consortium turns up), instead of joining every published consortium.
    promueve_publicado = Consorcio.instituciones_promotoras.through.objects.filter(
        institucion=OuterRef("pk"), consorcio__estado=Consorcio.Estado.PUBLICADO
    )
    instituciones = Institucion.objects.filter(Exists(promueve_publicado)).values_list("pk", "nombre")
    calculadas = {
        "paises": sorted(((c, countries.name(c)) for c in paises), key=lambda par: sin_acentos(par[1])),
        "mercados": sorted(((c, countries.name(c)) for c in mercados), key=lambda par: sin_acentos(par[1])),
        "sectores": sorted(((s.slug, str(s)) for s in Sector.objects.all()), key=lambda par: sin_acentos(par[1])),
        "instituciones": sorted({(str(pk), nombre) for pk, nombre in instituciones}, key=lambda par: par[1]),
    }
    return calculadas


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
