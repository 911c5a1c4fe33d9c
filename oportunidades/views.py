"""Pages of cooperation opportunities. Views orchestrate; the workflows live in services.py.

Outsiders get 404 on an opportunity they may not see (pending, rejected, closed, expired) and on a
consortium or institution they may not see; members who see it but do not edit it get 403 on its
edit, renew and close pages and on the publish pages of that consortium or institution.
"""

from __future__ import annotations

import uuid

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from comun.cache import guardado
from comun.paginacion import PaginadorContado
from consorcios.models import NOMBRES_SECTORES, Consorcio
from miembros.models import Institucion

from . import services
from .filters import filtrar
from .forms import OportunidadForm, RenovarForm, fecha_propuesta
from .models import Oportunidad

# Not page-cached: an opportunity leaves the list the day after its deadline, with no write that
# would bump a generation. The list's fragments and count carry the date in their keys instead.


def _nombres_sectores() -> dict[str, str]:
    return {clave: str(nombre) for clave, nombre in NOMBRES_SECTORES.items()}


class ListaView(ListView):
    template_name = "oportunidades/lista.html"
    context_object_name = "oportunidades"
    paginate_by = 20

    def get_filtro(self):
        if not hasattr(self, "_filtro"):
            self._filtro = filtrar(self.request.GET)
        return self._filtro

    def get_queryset(self):
        return self.get_filtro().qs.para_lista()

    def get_paginator(self, queryset, per_page, **kwargs):
        filtros = self.request.GET.copy()
        filtros.pop("page", None)
        # Kept per filters, generation and day, as the page of cards (the deadline moves with the date).
        clave = f"cuenta:{timezone.localdate()}:{filtros.urlencode()}"
        return PaginadorContado(
            queryset, per_page, contar=lambda: guardado("oportunidades", clave, queryset.count), **kwargs
        )

    def get_context_data(self, **kwargs):
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "filtro": self.get_filtro(),
            "consulta": consulta.urlencode(),
            "nombres_sectores": _nombres_sectores(),
        }


class DetalleView(DetailView):
    template_name = "oportunidades/detalle.html"
    context_object_name = "oportunidad"

    def get_queryset(self):
        return Oportunidad.objects.visibles_para(self.request.user).select_related("consorcio", "institucion")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs["slug"] != self.object.slug:  # an old or shortened address: the canonical one
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        oportunidad = self.object
        usuario = self.request.user
        # For members only (two queries); visitors get the same page every time.
        es_editor = oportunidad.es_editor(usuario)
        contexto.update(
            sectores=SimpleLazyObject(lambda: list(oportunidad.sectores.all())),  # read when the fragment is made
            es_editor=es_editor,
            intereses=oportunidad.intereses.count() if es_editor or usuario.is_staff else None,
            ya_interesado=usuario.is_authenticated
            and not es_editor
            and oportunidad.intereses.filter(miembro=usuario).exists(),
            json_ld=oportunidad.json_ld() if oportunidad.es_publica else None,
        )
        return contexto


@login_required
@require_POST
def me_interesa(request: HttpRequest, pk: int) -> HttpResponse:
    """Records the member's interest and opens the conversation with its editors, the opportunity
    quoted (or the one already open), where the member goes on writing."""
    oportunidad = get_object_or_404(Oportunidad.objects.publicadas(), pk=pk)
    if not ratelimit.consume(request, action="oportunidad_interes", user=request.user):
        messages.error(request, _("Demasiados «Me interesa» en poco tiempo. Inténtelo de nuevo más tarde."))
        return redirect(oportunidad)
    try:
        _interes, creado = services.registrar_interes(oportunidad=oportunidad, miembro=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(oportunidad)
    conversacion = services.conversacion_de_interes(oportunidad=oportunidad, miembro=request.user)
    if creado:
        messages.success(request, _("Anotamos su interés: los editores de la oportunidad lo verán."))
    else:
        messages.info(request, _("Ya había expresado su interés en esta oportunidad."))
    return redirect(conversacion or oportunidad)


def _opciones(usuario) -> list[tuple[str, str]]:
    """Whom the member may publish for, as the picker's choices: ``c<pk>`` consortia, ``i<pk>`` institutions."""
    consorcios = [
        (f"c{pk}", nombre) for pk, nombre in services.consorcios_que_edita(usuario).values_list("pk", "nombre")
    ]
    instituciones = [
        (f"i{pk}", nombre) for pk, nombre in services.instituciones_que_edita(usuario).values_list("pk", "nombre")
    ]
    return consorcios + instituciones


def _formulario_de_publicacion(
    request: HttpRequest, *, consorcio: Consorcio | None = None, institucion: Institucion | None = None
) -> HttpResponse:
    """The publish form, for one consortium or institution, or (neither) with a picker of them."""
    publicadores = None if consorcio or institucion else _opciones(request.user)
    if publicadores == []:
        return render(request, "oportunidades/sin_publicador.html")  # how to become a publisher
    contexto = {"consorcio": consorcio, "institucion": institucion}
    if request.method != "POST":
        inicial = {"token_envio": uuid.uuid4(), "fecha_limite": fecha_propuesta()}
        if publicadores and len(publicadores) == 1:
            inicial["publicador"] = publicadores[0][0]
        form = OportunidadForm(initial=inicial, consorcio=consorcio, institucion=institucion, publicadores=publicadores)
        return render(request, "oportunidades/publicar.html", {**contexto, "form": form})

    if services.ya_publicada(request.user, request.POST.get("token_envio", "")):
        return redirect("oportunidades:mias")  # a double submit: the first one created it
    form = OportunidadForm(request.POST, consorcio=consorcio, institucion=institucion, publicadores=publicadores)
    if not form.is_valid():
        return render(request, "oportunidades/publicar.html", {**contexto, "form": form})
    if not ratelimit.consume(request, action="oportunidad_publicacion", user=request.user):
        form.add_error(
            None, _("Ha publicado muchas oportunidades en poco tiempo. Inténtelo de nuevo dentro de una hora.")
        )
        return render(request, "oportunidades/publicar.html", {**contexto, "form": form}, status=429)
    oportunidad = form.save(commit=False)  # its consortium or institution: the URL's, or the one picked
    oportunidad.token_envio = form.cleaned_data["token_envio"] or uuid.uuid4()
    try:
        services.publicar_oportunidad(
            oportunidad=oportunidad, autor=request.user, guardar_relaciones=lambda o: form.save_m2m()
        )
    except services.YaPublicada:
        return redirect("oportunidades:mias")
    messages.success(
        request,
        _("Recibimos «%(titulo)s». El equipo de la Red la revisará pronto.") % {"titulo": oportunidad.titulo},
    )
    return redirect("oportunidades:mias")


@login_required
def publicar(request: HttpRequest) -> HttpResponse:
    """ "Publicar una oportunidad": the member picks among the consortia and institutions they edit."""
    return _formulario_de_publicacion(request)


@login_required
def publicar_consorcio(request: HttpRequest, slug: str) -> HttpResponse:
    """From a consortium's page, for its responsables: 404 if not visible, 403 if not theirs."""
    consorcio = get_object_or_404(Consorcio.objects.visibles_para(request.user), slug=slug)
    if not services.puede_publicar_para(request.user, consorcio=consorcio):
        raise PermissionDenied
    return _formulario_de_publicacion(request, consorcio=consorcio)


@login_required
def publicar_institucion(request: HttpRequest, slug: str) -> HttpResponse:
    """From an institution's page, for its active members: 404 if not visible, 403 if not theirs."""
    institucion = get_object_or_404(Institucion.objects.visibles_para(request.user), slug=slug)
    if not services.puede_publicar_para(request.user, institucion=institucion):
        raise PermissionDenied
    return _formulario_de_publicacion(request, institucion=institucion)


def _oportunidad_editable(request: HttpRequest, pk: int) -> Oportunidad:
    """404 if the person may not see it, 403 if they may see it but do not edit it."""
    oportunidad = get_object_or_404(
        Oportunidad.objects.visibles_para(request.user).select_related("consorcio", "institucion"), pk=pk
    )
    if not oportunidad.es_editor(request.user):
        raise PermissionDenied
    return oportunidad


@login_required
def editar(request: HttpRequest, pk: int) -> HttpResponse:
    oportunidad = _oportunidad_editable(request, pk)
    if oportunidad.estado == Oportunidad.Estado.CERRADA:
        raise PermissionDenied  # closed for good: publish a new one
    form = OportunidadForm(request.POST if request.method == "POST" else None, instance=oportunidad)
    if request.method == "POST" and form.is_valid():
        services.actualizar(
            oportunidad=oportunidad, por=request.user, campos=form.changed_data, guardar=lambda o: form.save()
        )
        messages.success(request, _("Los cambios se guardaron."))
        return redirect("oportunidades:mias")
    return render(request, "oportunidades/editar.html", {"oportunidad": oportunidad, "form": form})


@login_required
def renovar(request: HttpRequest, pk: int) -> HttpResponse:
    """The reminder e-mail's link: a page with the new date and a POST button (a GET never writes)."""
    oportunidad = _oportunidad_editable(request, pk)
    if oportunidad.estado not in {Oportunidad.Estado.PUBLICADA, Oportunidad.Estado.PENDIENTE}:
        raise PermissionDenied
    form = RenovarForm(request.POST or None, initial={"hasta": fecha_propuesta()})
    if request.method == "POST" and form.is_valid():
        services.renovar(oportunidad=oportunidad, por=request.user, hasta=form.cleaned_data["hasta"])
        fecha = formats.date_format(oportunidad.fecha_limite, "DATE_FORMAT")
        messages.success(request, _("La oportunidad queda abierta hasta el %(fecha)s.") % {"fecha": fecha})
        return redirect("oportunidades:mias")
    return render(request, "oportunidades/renovar.html", {"oportunidad": oportunidad, "form": form})


@login_required
def cerrar(request: HttpRequest, pk: int) -> HttpResponse:
    """The reminder e-mail's other link: a confirmation page; closing is its POST."""
    oportunidad = _oportunidad_editable(request, pk)
    if request.method == "POST":
        if oportunidad.estado != Oportunidad.Estado.CERRADA:
            services.cerrar(oportunidad=oportunidad, por=request.user)
        messages.success(request, _("La oportunidad quedó cerrada."))
        return redirect("oportunidades:mias")
    return render(request, "oportunidades/cerrar.html", {"oportunidad": oportunidad})


@login_required
def mias(request: HttpRequest) -> HttpResponse:
    """ "Mis oportunidades": every state, the rejection reasons, and how many members are interested."""
    oportunidades = (
        Oportunidad.objects.de_editor(request.user)
        .select_related("consorcio", "institucion")
        .annotate(n_intereses=Count("intereses"))
        .order_by("-creada", "-pk")
    )
    return render(
        request,
        "oportunidades/mias.html",
        {"oportunidades": oportunidades, "puede_publicar": bool(_opciones(request.user))},
    )
