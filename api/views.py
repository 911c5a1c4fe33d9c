"""The read-only JSON API (/api/v1/). Views only choose the published rows and hand them to
serializers; filtering is the registry's FilterSet and the library's search, not code of ours."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from biblioteca import busqueda
from biblioteca.forms import BusquedaForm
from biblioteca.models import Documento, Evento, Noticia
from comun.cache import guardado
from consorcios.filters import ConsorcioFilter, filtrar
from consorcios.models import Consorcio, EmpresaMiembro, claves_de_sectores
from foros.models import Foro, Tema
from miembros.models import Institucion
from oportunidades.filters import OportunidadFilter
from oportunidades.filters import filtrar as filtrar_oportunidades
from oportunidades.models import Oportunidad

from . import serializers as s

IDIOMAS = [codigo for codigo, _nombre in settings.LANGUAGES]


def activar_idioma(request) -> str:
    """``?lang=`` if given (and one of the portal's), else the best of ``Accept-Language``, else Spanish.

    The API lives outside the language prefixes, where LocaleMiddleware always picks Spanish."""
    idioma = request.query_params.get("lang")
    if idioma is None:
        idioma = translation.get_language_from_request(request._request)
    elif idioma not in IDIOMAS:
        raise exceptions.ValidationError({"lang": [_("Uno de: %(idiomas)s.") % {"idiomas": ", ".join(IDIOMAS)}]})
    translation.activate(idioma)
    request._request.LANGUAGE_CODE = idioma
    return idioma


def errores_de(form: forms.Form) -> dict[str, list[str]]:
    return {campo: [str(error) for error in errores] for campo, errores in form.errors.items()}


class VistaAPI:
    """What every endpoint does besides its data: GET only, the language, CORS for any origin."""

    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        activar_idioma(request)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Public, read-only data: any web page may read it (no cookies are used, so "*" is safe).
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After, Content-Language"
        if request.method == "OPTIONS":
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Authorization, X-Api-Key, If-None-Match, Accept-Language"
            response["Access-Control-Max-Age"] = "86400"
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language", "Authorization", "X-Api-Key"])
        return response


class Guardada:
    """A list or detail whose data (the serializers' output) is kept until what it shows changes:
    per address and language, under the generations of ``secciones`` (comun.cache.guardado), as
    the pages' fragments are. The key check, the rate limit, CORS and the ETag still run on every
    request; a bad parameter or a missing object raises before anything is kept. ``por_dia``: the
    answer also moves with the date (an opportunity leaves the day after its deadline)."""

    secciones: tuple[str, ...] = ("consorcios",)
    por_dia = False

    def get(self, request, *args, **kwargs):
        clave = f"api:{translation.get_language()}:{request.build_absolute_uri()}"
        if self.por_dia:
            clave += f":{timezone.localdate()}"
        primera, *resto = self.secciones
        datos = guardado(
            primera, clave, lambda: super(Guardada, self).get(request, *args, **kwargs).data, tambien=tuple(resto)
        )
        return Response(datos)


# --- The registry ---------------------------------------------------------------------------


class FiltrosDelRegistro(DjangoFilterBackend):
    """The registry list's own FilterSet (consorcios.filters), with every parameter of the list
    page; a bad value answers 400 instead of being ignored. Not ``orden``: the API's order is the
    cursor's (newest first)."""

    def get_filterset(self, request, queryset, view):
        filtro = filtrar(request.query_params, queryset)
        filtro.filters.pop("orden", None)
        return filtro

    def filter_queryset(self, request, queryset, view):
        filtro = self.get_filterset(request, queryset, view)
        if filtro.is_bound and not filtro.is_valid():
            raise exceptions.ValidationError(filtro.errors)
        return filtro.qs


def _consorcios():
    return Consorcio.objects.publicados().annotate(claves=claves_de_sectores())


# The columns a list row prints (the rest of its fields are computed or annotated).
COLUMNAS_RESUMEN = [
    c
    for c in s.ConsorcioResumenSerializer.Meta.fields
    if c not in {"sectores", "url", "self", "tipo_nombre", "pais_nombre"}
]


@extend_schema(
    summary=_("Consorcios publicados"),
    description=_("El registro, los más nuevos primero, con los filtros y la búsqueda de su página."),
    tags=["consorcios"],
)
class Consorcios(Guardada, VistaAPI, ListAPIView):
    """The registry, newest first, with the same filters and search as its list page."""

    serializer_class = s.ConsorcioResumenSerializer
    filter_backends = [FiltrosDelRegistro]
    filterset_class = ConsorcioFilter

    def get_queryset(self):
        return _consorcios().only(*COLUMNAS_RESUMEN)


@extend_schema(
    summary=_("Un consorcio"),
    description=_("Su ficha pública, sus empresas miembro, sus cifras anuales y sus hitos. Nunca su contacto."),
    tags=["consorcios"],
)
class ConsorcioDetalle(Guardada, VistaAPI, RetrieveAPIView):
    """A consortium's profile: public fields, member firms, yearly figures and milestones."""

    serializer_class = s.ConsorcioSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            _consorcios()
            .defer("correo_contacto", "telefono_contacto", "etiquetas", "rasgo_geojson")
            .prefetch_related(
                "instituciones_promotoras",
                Prefetch("empresas", queryset=EmpresaMiembro.objects.select_related("sector")),
                "indicadores",
                "actividades",
            )
        )


class _DeLaRed:
    def get_queryset(self):
        promueve = Consorcio.instituciones_promotoras.through.objects.filter(
            institucion=OuterRef("pk"), consorcio__estado=Consorcio.Estado.PUBLICADO
        )
        publica = Documento.objects.filter(institucion=OuterRef("pk"), estado=Documento.Estado.PUBLICADO)
        return Institucion.objects.filter(Q(Exists(promueve)) | Q(Exists(publica)))


class _Ordenada:
    """A list whose cursor follows another order than the newest first."""

    orden: tuple[str, ...] = ("-pk",)

    @property
    def paginator(self):
        paginador = super().paginator
        if paginador is not None:
            paginador.ordering = self.orden
        return paginador


@extend_schema(
    summary=_("Instituciones de la Red"),
    description=_("Las que promueven un consorcio publicado o publican un documento de la biblioteca, por nombre."),
    tags=["instituciones"],
)
class Instituciones(_Ordenada, _DeLaRed, VistaAPI, ListAPIView):
    """Institutions that promote a published consortium or publish a document of the library, by name."""

    serializer_class = s.InstitucionSerializer
    orden = ("nombre",)  # unique


@extend_schema(summary=_("Una institución"), tags=["instituciones"])
class InstitucionDetalle(_DeLaRed, VistaAPI, RetrieveAPIView):
    serializer_class = s.InstitucionSerializer


# --- The library ---------------------------------------------------------------------------


def _parametros_del_formulario(form_class, descripciones: dict, sin=()) -> list[OpenApiParameter]:
    """The parameters of a GET form, as its fields validate them: choices, lengths, ranges."""
    parametros = []
    for nombre, campo in form_class().fields.items():
        if nombre in sin:
            continue
        esquema: dict = {"type": "integer" if isinstance(campo, forms.IntegerField) else "string"}
        if isinstance(campo, forms.SlugField):
            esquema["pattern"] = "^[-a-zA-Z0-9_]*$"
        if isinstance(campo, forms.ChoiceField):
            esquema["enum"] = [str(valor) for valor, _etiqueta in campo.choices]
        for atributo, palabra in (("max_length", "maxLength"), ("min_value", "minimum"), ("max_value", "maximum")):
            if getattr(campo, atributo, None) is not None:
                esquema[palabra] = getattr(campo, atributo)
        parametros.append(OpenApiParameter(nombre, esquema, description=descripciones.get(nombre, campo.label or "")))
    return parametros


PARAMETROS_BIBLIOTECA = _parametros_del_formulario(
    BusquedaForm,
    {
        "q": _(
            "Palabras, «frases entre comillas», -exclusiones y OR, con o sin tildes, como en la búsqueda "
            "de la biblioteca."
        ),
        "pais": _("Código ISO 3166 del país (EC, PE, BR…)."),
        "anio": _("Año de publicación."),
    },
    sin={"orden"},
)


def valores_de_busqueda(request) -> dict:
    """The library search form's values; unlike the page, a bad value answers 400."""
    form = BusquedaForm(request.query_params)
    form.fields.pop("orden")
    if not form.is_valid():
        raise exceptions.ValidationError(errores_de(form))
    return {clave: valor for clave, valor in form.cleaned_data.items() if valor not in (None, "")}


@extend_schema(
    summary=_("Documentos de la biblioteca"),
    description=_("La búsqueda de la biblioteca (la misma de su página), los más recientes primero."),
    tags=["biblioteca"],
    parameters=PARAMETROS_BIBLIOTECA,
)
class Documentos(VistaAPI, ListAPIView):
    """The library's search (PostgreSQL full text, the same as its page), newest first."""

    serializer_class = s.DocumentoSerializer

    def get_queryset(self):
        return busqueda.filtrar(valores_de_busqueda(self.request)).prefetch_related("temas")


@extend_schema(
    summary=_("Facetas de una búsqueda de la biblioteca"),
    description=_(
        "Cuántos documentos halla una búsqueda, por tipo, país, idioma y año, como las facetas de su página."
    ),
    tags=["biblioteca"],
    parameters=PARAMETROS_BIBLIOTECA,
    responses=s.FacetasSerializer,
)
class Facetas(VistaAPI, APIView):
    """The number of documents a search finds, by type, country, language and year (as the search page's facets)."""

    def get(self, request):
        valores = valores_de_busqueda(request)
        clave = "api:facetas:" + translation.get_language() + ":" + urlencode(sorted(valores.items()))
        return Response(s.FacetasSerializer(guardado("biblioteca", clave, lambda: busqueda.facetas(valores))).data)


@extend_schema(summary=_("Un documento"), tags=["biblioteca"])
class DocumentoDetalle(VistaAPI, RetrieveAPIView):
    serializer_class = s.DocumentoSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Documento.objects.publicados().para_lista().prefetch_related("temas")


@extend_schema(summary=_("Noticias"), description=_("Las publicadas, las más recientes primero."), tags=["biblioteca"])
class Noticias(_Ordenada, VistaAPI, ListAPIView):
    """Published news, newest first."""

    serializer_class = s.NoticiaSerializer
    orden = ("-publicada_en", "-pk")

    def get_queryset(self):
        return Noticia.objects.publicados()


@extend_schema(summary=_("Una noticia"), tags=["biblioteca"])
class NoticiaDetalle(VistaAPI, RetrieveAPIView):
    serializer_class = s.NoticiaSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Noticia.objects.publicados()


@extend_schema(
    summary=_("Eventos"), description=_("Los publicados, los que empiezan más tarde primero."), tags=["biblioteca"]
)
class Eventos(_Ordenada, VistaAPI, ListAPIView):
    """Published events, latest start first."""

    serializer_class = s.EventoSerializer
    orden = ("-inicio", "-pk")

    def get_queryset(self):
        return Evento.objects.publicados()


@extend_schema(summary=_("Un evento"), tags=["biblioteca"])
class EventoDetalle(VistaAPI, RetrieveAPIView):
    serializer_class = s.EventoSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Evento.objects.publicados()


# --- The forums ------------------------------------------------------------------------------


@extend_schema(
    summary=_("Foros"), description=_("Todos los foros (todos son públicos), en una sola página."), tags=["foros"]
)
class Foros(VistaAPI, ListAPIView):
    """Every forum (all are public), in the order of the forums' page. A short list: one page."""

    serializer_class = s.ForoSerializer
    pagination_class = None

    def get_queryset(self):
        return Foro.objects.order_by("orden", "nombre", "pk")


class FiltroTemas(forms.Form):
    foro = forms.SlugField(required=False, max_length=80)


@extend_schema(
    summary=_("Temas de los foros"),
    description=_(
        "Lo público de cada tema, los más nuevos primero: título, foro, fechas, respuestas. Sin autores ni mensajes."
    ),
    tags=["foros"],
    parameters=_parametros_del_formulario(FiltroTemas, {"foro": _("Solo los temas de este foro (su slug).")}),
)
class Temas(VistaAPI, ListAPIView):
    """Topics' public metadata, newest first: title, forum, dates, replies. No authors, no posts."""

    serializer_class = s.TemaSerializer

    def get_queryset(self):
        temas = Tema.objects.select_related("foro")
        form = FiltroTemas(self.request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(errores_de(form))
        if foro := form.cleaned_data["foro"]:
            temas = temas.filter(foro__slug=foro)
        return temas


@extend_schema(summary=_("Un tema de los foros"), tags=["foros"])
class TemaDetalle(VistaAPI, RetrieveAPIView):
    serializer_class = s.TemaSerializer

    def get_queryset(self):
        return Tema.objects.select_related("foro")


# --- The API about itself ---------------------------------------------------------------------


# --- Cooperation opportunities ---------------------------------------------------------------


class FiltrosDeOportunidades(DjangoFilterBackend):
    """The opportunities list's own FilterSet (oportunidades.filters), every parameter of its page;
    a bad value answers 400. Only published ones whose deadline has not passed."""

    def get_filterset(self, request, queryset, view):
        return filtrar_oportunidades(request.query_params, queryset)

    def filter_queryset(self, request, queryset, view):
        filtro = self.get_filterset(request, queryset, view)
        if filtro.is_bound and not filtro.is_valid():
            raise exceptions.ValidationError(filtro.errors)
        return filtro.qs


@extend_schema(
    summary=_("Oportunidades de cooperación"),
    description=_("Las publicadas y vigentes, las más nuevas primero, con los filtros y la búsqueda de su página."),
    tags=["oportunidades"],
)
class Oportunidades(Guardada, VistaAPI, ListAPIView):
    secciones = ("oportunidades", "consorcios", "red")  # the publishers' names too
    por_dia = True
    serializer_class = s.OportunidadSerializer
    filter_backends = [FiltrosDeOportunidades]
    filterset_class = OportunidadFilter

    def get_queryset(self):
        return (
            Oportunidad.objects.publicadas()
            .para_lista()
            .only(  # the card's columns and the description (a later only() replaces para_lista's)
                "tipo",
                "titulo",
                "slug",
                "descripcion_html",
                "productos",
                "paises",
                "mercados",
                "fecha_limite",
                "publicada_en",
                "consorcio__nombre",
                "consorcio__slug",
                "institucion__nombre",
                "institucion__slug",
            )
        )


@extend_schema(summary=_("Una oportunidad de cooperación"), tags=["oportunidades"])
class OportunidadDetalle(Guardada, VistaAPI, RetrieveAPIView):
    secciones = Oportunidades.secciones
    por_dia = True
    serializer_class = s.OportunidadSerializer

    def get_queryset(self):
        return Oportunidades.get_queryset(self)


@extend_schema(exclude=True)
class Raiz(VistaAPI, APIView):
    """Where everything is: a program's first request."""

    def get(self, request):
        def enlace(nombre):
            return s.absoluta(reverse(f"api:{nombre}"))

        return Response(
            {
                "consorcios": enlace("consorcios"),
                "instituciones": enlace("instituciones"),
                "documentos": enlace("documentos"),
                "facetas": enlace("facetas"),
                "noticias": enlace("noticias"),
                "eventos": enlace("eventos"),
                "foros": enlace("foros"),
                "temas": enlace("temas"),
                "oportunidades": enlace("oportunidades"),
                "openapi": enlace("openapi"),
                "licencia": "CC BY 4.0",
            }
        )


@extend_schema(exclude=True)
class NoEncontrado(VistaAPI, APIView):
    """Any other address under /api/v1/: a 404 in the API's shape, not the portal's HTML page."""

    http_method_names = ["get", "head", "options", "post", "put", "patch", "delete"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound(_("No encontrado."))


def esquema(idioma: str) -> dict:
    """The OpenAPI document in a language, kept until the registry changes: it lists the values in
    use of the registry's filters (esquema.EsquemaAPI)."""

    def generar() -> dict:
        with translation.override(idioma):
            return SchemaGenerator().get_schema(request=None, public=True)

    return guardado("consorcios", f"api:esquema:{idioma}", generar)


@extend_schema(exclude=True)
class Openapi(VistaAPI, APIView):
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response(esquema(translation.get_language()))
