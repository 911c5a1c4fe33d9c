"""Pages of the registry. Views orchestrate; the workflows live in services.py."""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import uuid
from functools import partial

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, OuterRef, StringAgg, Value
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header, http_date
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import condition, require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView
from django_countries import countries

from comun.cache import en_cache, guardado
from comun.paginacion import PaginadorContado

from . import campos, metadatos, services
from .filters import ConsorcioFilter, filtrar, opciones
from .forms import (
    ActividadesFormSet,
    ConsorcioForm,
    EmpresasFormSet,
    IndicadoresFormSet,
    ResponsableForm,
)
from .graficos import grafico_barras, grafico_indicadores
from .models import NOMBRES_SECTORES, Consorcio, claves_de_sectores


def _contexto_mapa() -> dict:
    """The tile server for the map scripts (data- attributes); an empty URL draws no tiles (tests)."""
    return {"mapa_teselas": settings.MAP_TILES_URL, "mapa_atribucion": settings.MAP_TILES_ATTRIBUTION}


# The embeddable map may be framed by any site; every other page keeps frame-ancestors 'none'.
CSP_EMBEBIBLE = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


class SeccionMixin:
    """What every page of the section needs: the map settings for the templates."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_contexto_mapa()}


class FiltrosMixin:
    """The discovery FilterSet (consorcios/filters.py) and the query string to carry between pages."""

    def get_filtro(self) -> ConsorcioFilter:
        if not hasattr(self, "_filtro"):
            self._filtro = filtrar(self.request.GET)
        return self._filtro

    def get_context_data(self, **kwargs):
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "filtro": self.get_filtro(),
            "consulta": consulta.urlencode(),
            "json_ld": metadatos.registro,  # the registry as a schema.org Dataset (called by the template)
        }


@en_cache("consorcios")
class ListaView(SeccionMixin, FiltrosMixin, ListView):
    template_name = "consorcios/lista.html"
    context_object_name = "consorcios"
    paginate_by = 24

    def get_queryset(self):
        return self.get_filtro().qs.para_lista()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The total of a filter combination is the same on each of its pages and in each order:
        # kept until the registry changes. The page's cards are a kept fragment (lista.html), so
        # its rows (a lazy queryset) are read only when that fragment is made again.
        filtros = self.request.GET.copy()
        for aparte in ("page", "orden"):
            filtros.pop(aparte, None)
        clave = f"cuenta:{filtros.urlencode()}"
        return PaginadorContado(
            queryset, per_page, contar=lambda: guardado("consorcios", clave, queryset.count), **kwargs
        )

    def get_context_data(self, **kwargs):
        nombres_sectores = dict(opciones()["sectores"])
        return {
            **super().get_context_data(**kwargs),
            "columnas_csv": COLUMNAS_CSV,
            "nombres_sectores": nombres_sectores,
        }


# The profile lists the consortium's documents, forum topics and cooperation opportunities too.
@en_cache("consorcios", "biblioteca", "foros", "oportunidades")
class DetalleView(SeccionMixin, DetailView):
    template_name = "consorcios/detalle.html"
    context_object_name = "consorcio"

    def get_queryset(self):
        # Outsiders get 404 on what is not published; responsables and staff may preview.
        return Consorcio.objects.visibles_para(self.request.user)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        consorcio = self.object
        contexto.update(
            # Read only when the page's kept fragment has to be rendered again (detalle.html).
            ficha=SimpleLazyObject(lambda: _ficha(consorcio)),
            ver_contacto=self.request.user.is_authenticated and consorcio.publicar_contacto,
            # One more query, for members only (anonymous pages stay cacheable and constant).
            puede_editar=self.request.user.is_authenticated
            and consorcio.responsables.filter(pk=self.request.user.pk).exists(),
        )
        return contexto


def _ficha(consorcio: Consorcio) -> dict:
    """What a profile prints besides the consortium's own row: 5 queries, whatever the lists' lengths."""
    indicadores = list(consorcio.indicadores.all())
    return {
        "sectores": list(consorcio.sectores.all()),
        "instituciones": list(consorcio.instituciones_promotoras.all()),
        "empresas": list(consorcio.empresas.select_related("sector")),
        "indicadores": indicadores,
        "grafico": grafico_indicadores(indicadores),
        "actividades": list(consorcio.actividades.all()),
    }


@en_cache("consorcios")
class MapaView(SeccionMixin, FiltrosMixin, TemplateView):
    template_name = "consorcios/mapa.html"


@method_decorator(xframe_options_exempt, name="dispatch")
@method_decorator(csp_override(CSP_EMBEBIBLE), name="dispatch")
class MapaEmbebidoView(MapaView):
    """The only page other sites (SELA's, ministries') may frame: no header, no footer, same filters."""

    template_name = "consorcios/mapa_embebido.html"


def _validador(request: HttpRequest) -> tuple[str, datetime.datetime | None]:
    """ETag and Last-Modified of the filtered set, for both callbacks of ``condition``: one aggregate,
    kept per query string until the registry changes.

    Any edit bumps `actualizado`; a consortium leaving the set changes the count; the query string
    is part of the tag (filters select). The language is not: the features carry no text.
    """
    if not hasattr(request, "_validador_geojson"):
        consulta = request.GET.urlencode()
        validar = partial(_validar, request.GET, consulta)
        request._validador_geojson = guardado("consorcios", f"geojson:{consulta}", validar)
    return request._validador_geojson


def _validar(datos, consulta: str) -> tuple[str, datetime.datetime | None]:
    filas = filtrar(datos).qs.order_by().aggregate(ultimo=Max("actualizado"), total=Count("pk"))
    # "v2": the compact format; a tag from the older, text-carrying format never matches.
    firma = f"v2|{consulta}|{filas['ultimo']}|{filas['total']}"
    return hashlib.sha256(firma.encode()).hexdigest()[:32], filas["ultimo"]


# Revalidate on every use (the ETag makes that a 304). Outside `condition`, so that its 304s
# carry the header too.
revalidar = cache_control(max_age=0, must_revalidate=True)


@en_cache("consorcios")
@require_GET
@revalidar
@condition(
    etag_func=lambda request: _validador(request)[0],
    last_modified_func=lambda request: _validador(request)[1],
)
def mapa_geojson(request: HttpRequest) -> HttpResponse:
    """Published consortia matching the list's filters, as an RFC 7946 FeatureCollection.

    One Point feature per consortium, carrying only what drawing its marker needs, so that the
    whole registry stays a small download and still a usable export for GIS tools. A feature is
    97 bytes with a five-digit id plus its coordinates' text: 107 to 115 bytes.

    - ``id``: the consortium's primary key; the popup loads its text on demand from
      ``mapa/<id>.json`` (``mapa_ficha``);
    - ``geometry``: ``[longitude, latitude]`` rounded to 4 decimals, about 11 m, finer than
      anything a marker can show and than the precision promoters place a consortium with
      (a town, a cooperative's premises); the full 6 decimals stay in the CSV export;
    - ``properties``: ``{"t": kind}``, ``e`` export or ``o`` origin consortium.

    No text, hence no translation: every language gets the same bytes. Each feature is written by
    PostgreSQL when its row is saved (``Consorcio.rasgo_geojson``, a stored generated column of
    numbers and a fixed letter: nothing to escape), and a request only joins the stored features
    in one ``string_agg``. Anonymous answers are kept by the page cache until the registry
    changes; ``condition`` answers 304 to the requests that reach the view.
    """
    rasgos = filtrar(request.GET).qs.order_by().aggregate(todos=StringAgg("rasgo_geojson", Value(","), order_by="pk"))
    cuerpo = '{"type":"FeatureCollection","features":[' + (rasgos["todos"] or "") + "]}"
    return HttpResponse(cuerpo, content_type="application/geo+json")


@en_cache("consorcios")
@require_GET
@revalidar
def mapa_ficha(request: HttpRequest, pk: int) -> HttpResponse:
    """What a map popup shows of one published consortium, loaded when the popup opens (404 otherwise).

    Translated: name, kind label, sector names, country name and the path of its page. One query
    (sectors as an array subquery). ConditionalGetMiddleware gives it an ETag from the body and
    answers 304 when it matches; the page cache stores it like the GeoJSON.
    """
    fila = (
        Consorcio.objects.publicados()
        .filter(pk=pk)
        .annotate(sectores_claves=claves_de_sectores())
        .values_list("nombre", "slug", "tipo", "pais", "actualizado", "sectores_claves")
        .first()
    )
    if fila is None:
        raise Http404
    nombre, slug, tipo, pais, actualizado, claves = fila
    datos = {
        "nombre": nombre,
        "tipo": str(Consorcio.Tipo(tipo).label),
        "sectores": [_nombre_sector(clave) for clave in claves],
        "pais": str(countries.name(pais)),
        "url": reverse("consorcios:detalle", kwargs={"slug": slug}),
    }
    respuesta = JsonResponse(datos, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
    respuesta["Last-Modified"] = http_date(actualizado.timestamp())
    return respuesta


def _instituciones_de_cada_uno() -> ArraySubquery:
    return ArraySubquery(
        Consorcio.instituciones_promotoras.through.objects.filter(consorcio_id=OuterRef("pk"))
        .order_by("institucion__nombre")
        .values("institucion__nombre")
    )


def _nombre_sector(clave: str) -> str:
    return str(NOMBRES_SECTORES.get(clave, clave))


# Columns of the CSV export: the public fields as the import reads them (consorcios/campos.py), after
# the consortium's number (the `id` of its GeoJSON feature) and the address of its page. No e-mail
# addresses or phone numbers: exports never carry personal contact data.
COLUMNAS_CSV = ["id", "url", *campos.PUBLICOS]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _celda(valor) -> str | int:
    """Text as typed, except that a leading formula character is neutralised for spreadsheets."""
    if valor is None:
        return ""
    if isinstance(valor, str) and valor.startswith(_FORMULA):
        return "'" + valor
    return valor


# The base of a download's name stays short: the filters' words are cut at a word's end.
LARGO_NOMBRE_ARCHIVO = 60


def nombre_de_archivo(filtro: ConsorcioFilter, extension: str) -> str:
    """The name of a download with its filters and today's date: ``consorcios-pe-origen-2026-12-06.csv``.

    Valid filters only, in the order of the form; choices by their key (an institution by its
    name), numbers after their parameter's name, free text as typed. Slugified, so ASCII letters,
    digits and hyphens only: safe in any file system and in the header.
    """
    filtro.is_valid()
    valores = getattr(filtro.form, "cleaned_data", {})
    partes = []
    for nombre in filtro.filters:
        valor = valores.get(nombre)
        if nombre == "orden" or valor in (None, "", []):
            continue
        if nombre == "institucion":
            valor = dict(opciones()["instituciones"]).get(valor, valor)
        elif not isinstance(valor, str):  # a year or a number of firms
            valor = f"{nombre}-{valor}"
        partes.append(slugify(valor))
    base = "-".join(["consorcios", *filter(None, partes)])
    if len(base) > LARGO_NOMBRE_ARCHIVO:
        base = base[:LARGO_NOMBRE_ARCHIVO].rsplit("-", 1)[0]
    return f"{base}-{timezone.localdate().isoformat()}.{extension}"


def _descarga(respuesta: HttpResponse, filtro: ConsorcioFilter, extension: str) -> HttpResponse:
    respuesta["Content-Disposition"] = content_disposition_header(True, nombre_de_archivo(filtro, extension))
    return respuesta


@require_GET
def exportar_csv(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV: UTF-8 with a BOM (spreadsheets then read accents right), one row each."""
    filtro = filtrar(request.GET)
    consorcios = filtro.qs.annotate(
        sectores_claves=claves_de_sectores(), instituciones_nombres=_instituciones_de_cada_uno()
    ).defer("descripcion_html", "correo_contacto", "telefono_contacto")
    respuesta = _descarga(HttpResponse(content_type="text/csv; charset=utf-8"), filtro, "csv")
    respuesta.write("\ufeff")
    escritor = csv.writer(respuesta)
    escritor.writerow(COLUMNAS_CSV)
    for c in consorcios:
        url = request.build_absolute_uri(c.get_absolute_url())
        escritor.writerow(_celda(v) for v in (c.pk, url, *(campos.celda(c, campo) for campo in campos.PUBLICOS)))
    return respuesta


@en_cache("consorcios")
@require_GET
def exportar_geojson(request: HttpRequest) -> HttpResponse:
    """The filtered list as a GeoJSON file to download, useful in a GIS on its own (RFC 7946).

    Unlike the map's compact data (``mapa_geojson``), each feature carries in its properties the
    consortium's name, kind (key and label), country (ISO code and name), sectors, products and
    the absolute address of its page (``SITE_URL``), labelled in the page's language. One query.
    Coordinates are JSON numbers (a point, whatever the language), with the stored 6 decimals.
    """
    filtro = filtrar(request.GET)
    filas = (
        filtro.qs.order_by("pk")
        .annotate(sectores_claves=claves_de_sectores())
        .values_list("pk", "nombre", "slug", "tipo", "pais", "latitud", "longitud", "productos", "sectores_claves")
    )
    tipos = dict(Consorcio.Tipo.choices)
    rasgos = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "Point", "coordinates": [float(longitud), float(latitud)]},
            "properties": {
                "nombre": nombre,
                "tipo": tipo,
                "tipo_nombre": str(tipos.get(tipo, tipo)),
                "pais": pais,
                "pais_nombre": str(countries.name(pais)),
                "sectores": [_nombre_sector(clave) for clave in claves],
                "productos": productos,
                "url": settings.SITE_URL + reverse("consorcios:detalle", kwargs={"slug": slug}),
            },
        }
        for pk, nombre, slug, tipo, pais, latitud, longitud, productos, claves in filas
    ]
    cuerpo = json.dumps({"type": "FeatureCollection", "features": rasgos}, ensure_ascii=False, separators=(",", ":"))
    return _descarga(HttpResponse(cuerpo, content_type="application/geo+json"), filtro, "geojson")


@en_cache("consorcios")
class EstadisticasView(SeccionMixin, FiltrosMixin, TemplateView):
    """Counts of the filtered set by country, kind, sector, sign and year: SVG bars and the same tables."""

    template_name = "consorcios/estadisticas.html"

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        ids = self.get_filtro().qs.order_by().values("pk")
        base = Consorcio.objects.filter(pk__in=ids).order_by()
        # Five aggregate queries, whatever the number of consortia.
        tipos = dict(Consorcio.Tipo.choices)
        signos = dict(Consorcio.Signo.choices)
        por_tipo = [(str(tipos[t]), n) for t, n in base.values_list("tipo").annotate(n=Count("pk")).order_by("tipo")]
        por_pais = sorted(
            ((countries.name(p), n) for p, n in base.values_list("pais").annotate(n=Count("pk"))),
            key=lambda par: (-par[1], par[0]),
        )
        por_sector = sorted(
            (
                (_nombre_sector(clave), n)
                for clave, n in Consorcio.sectores.through.objects.filter(consorcio_id__in=ids)
                .values_list("sector__slug")
                .annotate(n=Count("consorcio_id"))
                .order_by()
            ),
            key=lambda par: (-par[1], par[0]),
        )
        por_signo = [
            (str(signos[s]), n)
            for s, n in base.values_list("signo_distintivo").annotate(n=Count("pk")).order_by("signo_distintivo")
        ]
        por_anio = [
            (str(a), n)
            for a, n in base.filter(anio_fundacion__isnull=False)
            .values_list("anio_fundacion")
            .annotate(n=Count("pk"))
            .order_by("anio_fundacion")
        ]
        secciones = [
            ("pais", _("Por país"), _("País"), por_pais),
            ("tipo", _("Por tipo"), _("Tipo"), por_tipo),
            ("sector", _("Por sector"), _("Sector"), por_sector),
            ("signo", _("Por signo distintivo"), _("Signo distintivo"), por_signo),
            ("anio", _("Por año de fundación"), _("Año"), por_anio),
        ]
        contexto.update(
            total=sum(n for _t, n in por_tipo),
            secciones=[
                {"clave": clave, "titulo": titulo, "columna": columna, "filas": filas, "grafico": grafico_barras(filas)}
                for clave, titulo, columna, filas in secciones
            ],
        )
        return contexto


@login_required
def mios(request: HttpRequest) -> HttpResponse:
    consorcios = Consorcio.objects.de_responsable(request.user).order_by("-actualizado")
    return render(request, "consorcios/mios.html", {"consorcios": consorcios})


@login_required
def registrar(request: HttpRequest) -> HttpResponse:
    """One form with sections and the firms inline; a double submit creates one consortium."""
    if request.method == "POST":
        form = ConsorcioForm(request.POST, request.FILES)
        empresas = EmpresasFormSet(request.POST, instance=Consorcio(), prefix="empresas")
        if services.ya_registrado(request.user, request.POST.get("token_envio", "")):
            return redirect("consorcios:mios")  # a double submit: the first one created it
        if form.is_valid() and empresas.is_valid():
            if not ratelimit.consume(request, action="consorcio_registro", user=request.user):
                form.add_error(
                    None, _("Ha registrado muchos consorcios en poco tiempo. Inténtelo de nuevo dentro de una hora.")
                )
                return render(
                    request,
                    "consorcios/registrar.html",
                    {"form": form, "empresas": empresas, **_contexto_mapa()},
                    status=429,
                )
            consorcio = form.save(commit=False)
            consorcio.token_envio = form.cleaned_data["token_envio"] or uuid.uuid4()

            def guardar_relaciones(c: Consorcio) -> None:
                form.save_m2m()
                empresas.instance = c
                empresas.save()

            try:
                services.registrar_consorcio(
                    consorcio=consorcio, usuario=request.user, guardar_relaciones=guardar_relaciones
                )
            except services.YaRegistrado:
                return redirect("consorcios:mios")  # a double submit: the first one created it
            messages.success(
                request, _("Recibimos «%(nombre)s». El equipo de la Red lo revisará pronto.") % {"nombre": consorcio}
            )
            return redirect("consorcios:mios")
    else:
        form = ConsorcioForm(initial={"token_envio": uuid.uuid4()})
        empresas = EmpresasFormSet(instance=Consorcio(), prefix="empresas")
    return render(
        request,
        "consorcios/registrar.html",
        {"form": form, "empresas": empresas, **_contexto_mapa()},
    )


def _consorcio_editable(request: HttpRequest, slug: str) -> Consorcio:
    """404 if the person may not see it, 403 if they may see it but not edit it."""
    consorcio = get_object_or_404(Consorcio.objects.visibles_para(request.user), slug=slug)
    if not consorcio.responsables.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    return consorcio


@login_required
def editar(request: HttpRequest, slug: str) -> HttpResponse:
    consorcio = _consorcio_editable(request, slug)
    datos = request.POST if request.method == "POST" else None
    archivos = request.FILES if request.method == "POST" else None
    form = ConsorcioForm(datos, archivos, instance=consorcio)
    formsets = {
        "empresas": EmpresasFormSet(datos, instance=consorcio, prefix="empresas"),
        "indicadores": IndicadoresFormSet(datos, instance=consorcio, prefix="indicadores"),
        "actividades": ActividadesFormSet(datos, instance=consorcio, prefix="actividades"),
    }
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        campos = list(form.changed_data)
        campos += [nombre for nombre, f in formsets.items() if f.has_changed()]

        def guardar(c: Consorcio) -> None:
            form.save()
            for f in formsets.values():
                f.save()

        services.actualizar(consorcio=consorcio, usuario=request.user, campos=campos, guardar=guardar)
        messages.success(request, _("Los cambios se guardaron."))
        return redirect("consorcios:mios")
    return render(
        request,
        "consorcios/editar.html",
        {
            "consorcio": consorcio,
            "form": form,
            **formsets,
            "responsable_form": ResponsableForm(),
            **_contexto_mapa(),
        },
    )


@login_required
@require_POST
def verificar(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Los datos siguen vigentes": a responsable confirms the published record, once a year."""
    consorcio = _consorcio_editable(request, slug)
    if not consorcio.es_publico:
        raise PermissionDenied
    services.verificar(consorcio=consorcio, usuario=request.user)
    messages.success(
        request, _("Gracias: los datos de %(nombre)s quedan verificados hoy.") % {"nombre": consorcio.nombre}
    )
    return redirect("consorcios:editar", slug=consorcio.slug)


@login_required
@require_POST
def invitar_responsable(request: HttpRequest, slug: str) -> HttpResponse:
    consorcio = _consorcio_editable(request, slug)
    form = ResponsableForm(request.POST)
    if form.is_valid():
        services.invitar_responsable(consorcio=consorcio, usuario=request.user, correo=form.cleaned_data["correo"])
        # The same words whether or not the address has an account: the form tells no one who is a member.
        messages.info(request, _("Si esa dirección pertenece a un miembro, recibirá una invitación."))
    else:
        messages.error(request, _("Escriba un correo válido."))
    return redirect("consorcios:editar", slug=consorcio.slug)


@login_required
def aceptar_invitacion(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: shows what it is for; the member accepts with a POST."""
    try:
        consorcio = services.leer_invitacion(token, usuario=request.user)
    except services.InvitacionInvalida as error:
        return render(request, "consorcios/invitacion.html", {"error": error.messages[0]}, status=400)
    if request.method == "POST":
        services.aceptar_invitacion(token=token, usuario=request.user)
        messages.success(request, _("Ahora puede editar «%(nombre)s».") % {"nombre": consorcio.nombre})
        return redirect("consorcios:editar", slug=consorcio.slug)
    return render(request, "consorcios/invitacion.html", {"consorcio": consorcio})
