"""Pages of the network: member institutions, joining the Red, administrators and promoters.

Views orchestrate; the workflows live in services.py. Outsiders get 404 on an institution that is
not a member (unless they are linked to it); members who see it but do not administer it get 403
on its edit pages.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from biblioteca.models import Documento, Evento, Noticia
from comun.cache import en_cache, guardado
from comun.paginacion import PaginadorContado
from consorcios.models import NOMBRES_SECTORES, Consorcio, video_embebido
from foros.models import Mensaje, Tema
from miembros.models import Institucion, MiembroInstitucion, Perfil

from . import metadatos, services
from .filters import filtrar, filtrar_promotores
from .forms import InstitucionForm, InvitacionForm, SolicitudForm

# How many documents a profile lists (newest first); the library's search has the rest.
DOCUMENTOS_EN_PERFIL = 20
# How many of a promoter's latest forum posts their profile links (beside the total).
MENSAJES_EN_PERFIL = 5
# How many news items and events an institution's page lists, newest first.
NOTICIAS_EN_PERFIL = 10


def _consorcios_publicados() -> Subquery:
    """How many published consortia each institution promotes, as a correlated subquery."""
    enlaces = (
        Consorcio.instituciones_promotoras.through.objects.filter(
            institucion_id=OuterRef("pk"), consorcio__estado=Consorcio.Estado.PUBLICADO
        )
        .order_by()
        .values("institucion_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(enlaces)


class FiltrosMixin:
    def get_filtro(self):
        if not hasattr(self, "_filtro"):
            self._filtro = filtrar(self.request.GET)
        return self._filtro

    def get_context_data(self, **kwargs):
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        return {**super().get_context_data(**kwargs), "filtro": self.get_filtro(), "consulta": consulta.urlencode()}


@en_cache("red")
class ListaView(FiltrosMixin, ListView):
    template_name = "red/lista.html"
    context_object_name = "instituciones"
    paginate_by = 24

    def get_queryset(self):
        return (
            self.get_filtro()
            .qs.only("nombre", "slug", "sigla", "tipo", "pais", "ciudad", "logo")
            .annotate(n_consorcios=_consorcios_publicados())
            .order_by("nombre", "pk")
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        filtros = self.request.GET.copy()
        filtros.pop("page", None)
        return PaginadorContado(
            queryset,
            per_page,
            contar=lambda: guardado("red", f"cuenta:{filtros.urlencode()}", queryset.count),
            **kwargs,
        )


@en_cache("red", "consorcios", "biblioteca", "foros", "oportunidades")  # all it shows: consortia, documents, topics…
class DetalleView(DetailView):
    template_name = "red/detalle.html"
    context_object_name = "institucion"

    def get_queryset(self):
        return Institucion.objects.visibles_para(self.request.user)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        institucion = self.object
        usuario = self.request.user
        # Members only (anonymous pages stay cacheable and constant): their own link, one query.
        vinculo = (
            MiembroInstitucion.objects.filter(institucion=institucion, usuario=usuario).first()
            if usuario.is_authenticated
            else None
        )
        # The lists are read by the page's kept fragment only when it is made again; even building
        # their querysets costs more than a hit, so each is built on first use (SimpleLazyObject).
        contexto.update(
            {nombre: SimpleLazyObject(construir) for nombre, construir in self.listas(institucion).items()},
            vinculo=vinculo,
            json_ld=metadatos.institucion(institucion),  # schema.org, for search engines (red/metadatos.py)
            puede_editar=usuario.is_authenticated
            and (
                usuario.is_staff
                or (
                    vinculo is not None
                    and vinculo.rol == MiembroInstitucion.Rol.ADMINISTRADOR
                    and vinculo.estado == MiembroInstitucion.Estado.ACTIVO
                )
            ),
        )
        return contexto

    @staticmethod
    def listas(institucion: Institucion) -> dict[str, Callable[[], object]]:
        """What the page lists about the institution, one query each."""
        return {
            "consorcios": lambda: institucion.consorcios_promovidos.publicados().para_lista().order_by("nombre", "pk"),
            "nombres_sectores": lambda: {clave: str(nombre) for clave, nombre in NOMBRES_SECTORES.items()},
            "documentos": lambda: (
                Documento.objects.publicados()
                .filter(institucion=institucion)
                .only("titulo", "slug", "tipo", "anio", "institucion")
                .order_by("-anio", "-pk")[:DOCUMENTOS_EN_PERFIL]
            ),
            # Its promoters who publish their profile and their institution, confirmed by its administrators.
            "promotores": lambda: (
                Perfil.objects.publicos()
                .con_campo_publico(Perfil.CampoPublico.INSTITUCION)
                .filter(
                    institucion=institucion,
                    usuario__vinculos_institucion__institucion=institucion,
                    usuario__vinculos_institucion__estado=MiembroInstitucion.Estado.ACTIVO,
                )
                .select_related("institucion")
                .order_by("nombre", "pk")
            ),
            # The news about it and the events it organises or is the subject of.
            "noticias": lambda: (
                Noticia.objects.publicados()
                .filter(instituciones=institucion)
                .only("titulo", "slug", "publicada_en")
                .order_by("-publicada_en", "-pk")[:NOTICIAS_EN_PERFIL]
            ),
            "eventos": lambda: (
                Evento.objects.publicados()
                .filter(organizadores=institucion)
                .only("titulo", "slug", "inicio", "lugar")
                .order_by("-inicio", "-pk")[:NOTICIAS_EN_PERFIL]
            ),
            # The forum topics about it, most recently active first.
            "temas": lambda: (
                Tema.objects.filter(institucion=institucion)
                .select_related("foro")
                .only("titulo", "slug", "ultima_actividad", "foro__nombre", "foro__slug")
                .order_by("-ultima_actividad", "-pk")[:NOTICIAS_EN_PERFIL]
            ),
        }


@en_cache("red")
@require_GET
def mapa_geojson(request: HttpRequest) -> HttpResponse:
    """Member institutions with a map point, by the list's filters, as an RFC 7946 FeatureCollection.

    The registry's map draws them as a second layer (static/js/consorcios/mapa.js): each feature
    carries what its popup shows (name, kind, path of its page), in the page's language, and the
    collection its translated layer name (``nombre``, a foreign member). Institutions are a few
    hundred at most, so the text travels with the points. One query.
    """
    filas = (
        filtrar(request.GET)
        .qs.filter(latitud__isnull=False, longitud__isnull=False)
        .order_by("pk")
        .values_list("pk", "nombre", "sigla", "slug", "tipo", "latitud", "longitud")
    )
    tipos = dict(Institucion.Tipo.choices)
    rasgos = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "Point", "coordinates": [round(float(longitud), 4), round(float(latitud), 4)]},
            "properties": {
                "nombre": f"{nombre} ({sigla})" if sigla else nombre,
                "tipo": str(tipos.get(tipo, tipo)),
                "url": Institucion(slug=slug).get_absolute_url(),
            },
        }
        for pk, nombre, sigla, slug, tipo, latitud, longitud in filas
    ]
    cuerpo = {"type": "FeatureCollection", "nombre": _("Instituciones de la Red"), "features": rasgos}
    return HttpResponse(
        json.dumps(cuerpo, ensure_ascii=False, separators=(",", ":")), content_type="application/geo+json"
    )


@login_required
def unirse(request: HttpRequest) -> HttpResponse:
    """ "Únete a la Red": an institution applies; the member who sends it becomes its first administrator."""
    if request.method == "POST":
        form = SolicitudForm(request.POST)
        if previa := services.ya_solicitada(request.user, request.POST.get("token_envio", "")):
            return redirect(previa.get_absolute_url())  # a double submit: the first one created it
        if form.is_valid():
            institucion = form.save(commit=False)
            institucion.token_envio = form.cleaned_data["token_envio"] or uuid.uuid4()
            try:
                services.solicitar_ingreso(
                    institucion=institucion, usuario=request.user, consorcios=form.cleaned_data["consorcios"]
                )
            except services.YaSolicitada as ya:
                return redirect(ya.institucion.get_absolute_url())
            messages.success(
                request,
                _("Recibimos la solicitud de «%(nombre)s». El equipo de la Red la revisará y le escribirá.")
                % {"nombre": institucion.nombre},
            )
            return redirect(institucion.get_absolute_url())
    else:
        form = SolicitudForm(initial={"token_envio": uuid.uuid4()})
    return render(request, "red/unirse.html", {"form": form})


def _institucion_administrada(request: HttpRequest, slug: str) -> Institucion:
    """404 if the person may not see it, 403 if they may see it but do not administer it."""
    institucion = get_object_or_404(Institucion.objects.visibles_para(request.user), slug=slug)
    if not services.es_administrador(institucion, request.user):
        raise PermissionDenied
    return institucion


@login_required
def editar(request: HttpRequest, slug: str) -> HttpResponse:
    institucion = _institucion_administrada(request, slug)
    form = InstitucionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=institucion,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Los cambios se guardaron."))
        return redirect("red:editar", slug=institucion.slug)
    vinculos = list(institucion.vinculos.select_related("usuario__perfil").order_by("estado", "rol", "creado"))
    return render(
        request,
        "red/editar.html",
        {
            "institucion": institucion,
            "form": form,
            "invitacion_form": InvitacionForm(),
            "activos": [v for v in vinculos if v.estado == MiembroInstitucion.Estado.ACTIVO],
            "pedidos": [v for v in vinculos if v.estado == MiembroInstitucion.Estado.PEDIDO],
            "invitados": [v for v in vinculos if v.estado == MiembroInstitucion.Estado.INVITADO],
        },
    )


@login_required
@require_POST
def invitar(request: HttpRequest, slug: str) -> HttpResponse:
    institucion = _institucion_administrada(request, slug)
    form = InvitacionForm(request.POST)
    if form.is_valid():
        services.invitar_promotor(institucion=institucion, usuario=request.user, correo=form.cleaned_data["correo"])
        # The same words whether or not the address has an account: the form tells no one who is a member.
        messages.info(request, _("Si esa dirección pertenece a un miembro, recibirá una invitación."))
    else:
        messages.error(request, _("Escriba un correo válido."))
    return redirect("red:editar", slug=institucion.slug)


def _vinculo(request: HttpRequest, slug: str, pk: int) -> MiembroInstitucion:
    institucion = _institucion_administrada(request, slug)
    return get_object_or_404(institucion.vinculos.select_related("usuario", "institucion"), pk=pk)


@login_required
@require_POST
def confirmar(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vinculo = _vinculo(request, slug, pk)
    if vinculo.estado == MiembroInstitucion.Estado.PEDIDO:
        services.confirmar_vinculo(vinculo=vinculo)
        messages.success(request, _("Ahora es promotor/a de la institución."))
    return redirect("red:editar", slug=slug)


@login_required
@require_POST
def quitar(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vinculo = _vinculo(request, slug, pk)
    try:
        services.quitar_vinculo(vinculo=vinculo)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Listo: ya no está vinculado/a a la institución."))
    return redirect("red:editar", slug=slug)


@login_required
@require_POST
def pedir(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Soy parte de esta institución": its administrators confirm."""
    institucion = get_object_or_404(Institucion.objects.miembros(), slug=slug)
    services.pedir_vinculo(institucion=institucion, usuario=request.user)
    messages.success(request, _("Pedimos a los administradores de la institución que lo confirmen."))
    return redirect(institucion.get_absolute_url())


@login_required
def aceptar_invitacion(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: shows what it is for; the member accepts with a POST."""
    try:
        vinculo = services.leer_invitacion(token, usuario=request.user)
    except services.InvitacionInvalida as error:
        return render(request, "red/invitacion.html", {"error": error.messages[0]}, status=400)
    if request.method == "POST":
        institucion = services.aceptar_invitacion(token=token, usuario=request.user)
        messages.success(request, _("Ahora es promotor/a de «%(nombre)s».") % {"nombre": institucion.nombre})
        return redirect(institucion.get_absolute_url())
    return render(request, "red/invitacion.html", {"institucion": vinculo.institucion, "vinculo": vinculo})


# --- Promoters -----------------------------------------------------------------------------
# Only what each promoter chose to publish leaves this module: the querysets read public profiles
# (Perfil.objects.publicos), the filters look only at the field a profile shows, and the templates
# print a field only when ``perfil.publicos`` says so. E-mail and phone are never read.


@en_cache("red")
class PromotoresView(ListView):
    template_name = "red/promotores.html"
    context_object_name = "promotores"
    paginate_by = 24

    def get_filtro(self):
        if not hasattr(self, "_filtro"):
            self._filtro = filtrar_promotores(self.request.GET)
        return self._filtro

    def get_queryset(self):
        return (
            self.get_filtro()
            .qs.select_related("institucion")
            .only(
                "nombre",
                "pais",
                "especialidad",
                "campos_publicos",
                "institucion",
                "institucion__nombre",
                "institucion__sigla",
                "institucion__slug",
                "institucion__estado",
            )
            .order_by("nombre", "pk")
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        filtros = self.request.GET.copy()
        filtros.pop("page", None)
        return PaginadorContado(
            queryset,
            per_page,
            contar=lambda: guardado("red", f"promotores:cuenta:{filtros.urlencode()}", queryset.count),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        return {**super().get_context_data(**kwargs), "filtro": self.get_filtro(), "consulta": consulta.urlencode()}


@en_cache("red", "consorcios", "biblioteca", "foros")
class PromotorView(DetailView):
    """A promoter's public profile: 404 unless they chose to publish it; only the fields they chose."""

    template_name = "red/promotor.html"
    context_object_name = "perfil"

    def get_queryset(self):
        return Perfil.objects.publicos().select_related("institucion")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        perfil = self.object
        # At most four constant queries, each only for a part the promoter publishes, built and run
        # only when the page's kept fragment is made again (as on an institution's page).
        usuario = perfil.usuario_id
        mensajes = SimpleLazyObject(lambda: Mensaje.objects.visibles().filter(autor=usuario))
        listas = {
            "consorcios": lambda: (
                Consorcio.objects.publicados().filter(responsables=usuario).para_lista().order_by("nombre", "pk")
            ),
            "nombres_sectores": lambda: {clave: str(nombre) for clave, nombre in NOMBRES_SECTORES.items()},
            "documentos": lambda: (
                Documento.objects.publicados()
                .filter(subido_por=usuario)
                .only("titulo", "slug", "tipo", "anio", "institucion")
                .order_by("-anio", "-pk")[:DOCUMENTOS_EN_PERFIL]
            ),
            "mensajes": lambda: (
                mensajes.select_related("tema").only("creado", "tema", "tema__titulo").order_by("-creado", "-pk")
            )[:MENSAJES_EN_PERFIL],
        }
        contexto.update({nombre: SimpleLazyObject(construir) for nombre, construir in listas.items()})
        contexto["n_mensajes"] = lambda: (
            mensajes.count()
        )  # a number for {% blocktranslate count %}: the template calls it
        return contexto


# --- "Únete a la Red" ----------------------------------------------------------------------

# The Red's promoters (párr. 1 of the founding report: ONUDI with SELA and Federexport), shown as
# its partners on the landing page when they are member institutions.
SOCIOS = ("ONUDI", "SELA", "Federexport")
# Promotional videos on the landing page: the consortia's own, newest published first.
VIDEOS_EN_UNETE = 6


def cifras_de_la_red() -> dict[str, int]:
    """The network's live figures: three aggregate queries, each kept until its section changes."""
    consorcios = guardado(
        "consorcios",
        "unete:cifras",
        lambda: (
            Consorcio.objects.publicados()
            .order_by()
            .aggregate(
                consorcios=Count("pk"),
                empresas=Coalesce(Sum("numero_empresas"), 0),
                empleos=Coalesce(Sum("empleos_directos"), 0),
                paises=Count("pais", distinct=True),
            )
        ),
    )
    instituciones = guardado("red", "unete:instituciones", lambda: Institucion.objects.miembros().count())
    documentos = guardado("biblioteca", "unete:documentos", lambda: Documento.objects.publicados().count())
    return {**consorcios, "instituciones": instituciones, "documentos": documentos}


@en_cache("consorcios", "red", "biblioteca")
@require_GET
def unete(request: HttpRequest) -> HttpResponse:
    """ "Únete a la Red": for new members and donors. What the Red is today, its consortia's videos
    (nothing is asked of a video host until the visitor clicks), how to join, and its partners."""
    # Both kept until their section changes, as the figures are: the page then costs no query.
    videos = guardado(
        "consorcios",
        "unete:videos",
        lambda: [
            {"consorcio": consorcio, "url": url, "embebido": video_embebido(url)}
            for consorcio in Consorcio.objects.publicados()
            .exclude(videos=[])
            .only("nombre", "slug", "productos", "pais", "videos")
            .order_by("-publicado_en", "-pk")[:VIDEOS_EN_UNETE]
            for url in consorcio.videos[:1]
            if video_embebido(url)
        ],
    )
    socios = guardado(
        "red",
        "unete:socios",
        lambda: sorted(
            Institucion.objects.miembros()
            .filter(sigla__in=SOCIOS)
            .only("nombre", "sigla", "slug", "tipo", "pais", "ciudad", "logo"),
            key=lambda institucion: SOCIOS.index(institucion.sigla),
        ),
    )
    return render(request, "red/unete.html", {"cifras": cifras_de_la_red(), "videos": videos, "socios": socios})
