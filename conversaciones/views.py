"""Pages of conversations. Views orchestrate; the workflows live in services.py.

Every conversation URL looks the member's place in it up first (``_participante``): a member who is
not in it, or left it, gets 404, whatever the URL (page, fragment, read mark, buttons). Nothing here
is cached and no GET writes: the read mark is a POST (from conversaciones.js, or the page's button).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Case, F, Model, Prefetch, Value, When
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from consorcios.models import Consorcio
from miembros.models import Institucion, Perfil
from miembros.services import nombre_visible

from . import services
from .forms import DenunciaForm, MensajeForm, NuevaConversacionForm
from .models import Bloqueo, Conversacion, Denuncia, Mensaje, Participante


def _participante(request: HttpRequest, pk: int) -> Participante:
    """The permission lookup of every conversation URL: 404 unless the member is in it."""
    try:
        return services.participante_de(conversacion_id=pk, usuario=request.user)
    except Participante.DoesNotExist:
        raise Http404 from None


def _activos():
    return Participante.objects.activos().select_related("miembro__perfil").order_by("pk")


class BandejaView(LoginRequiredMixin, ListView):
    """The inbox: conversations with unread messages first, then the newest."""

    template_name = "conversaciones/bandeja.html"
    context_object_name = "participaciones"
    paginate_by = 25

    def get_queryset(self):
        return (
            Participante.objects.activos()
            .filter(miembro=self.request.user)
            .select_related("conversacion")
            .annotate(
                no_leido=Case(
                    When(conversacion__ultimo_mensaje__gt=F("ultimo_leido"), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .prefetch_related(Prefetch("conversacion__participantes", queryset=_activos(), to_attr="activos"))
            .order_by("-no_leido", "-conversacion__actualizada", "-conversacion_id")
        )


def _pagina_de_mensajes(conversacion: Conversacion, antes: int | None) -> tuple[list[Mensaje], int | None]:
    """The last messages before ``antes`` (all when None), oldest first, and the id to ask for earlier
    ones (None when there are none): one query, the page size plus one row."""
    n = settings.CONVERSACIONES_MENSAJES_POR_PAGINA
    filas = Mensaje.objects.con_autor().filter(conversacion=conversacion).order_by("-pk")
    if antes:
        filas = filas.filter(pk__lt=antes)
    filas = list(filas[: n + 1])
    anteriores = filas[n - 1].pk if len(filas) > n else None
    return list(reversed(filas[:n])), anteriores


def _entero(valor: str | None) -> int | None:
    try:
        return int(valor) if valor else None
    except ValueError:
        return None


@login_required
def conversacion(request: HttpRequest, pk: int) -> HttpResponse:
    participante = _participante(request, pk)
    conversacion = participante.conversacion
    form = MensajeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.escribir(
                conversacion=conversacion,
                autor=request.user,
                cuerpo=form.cleaned_data["cuerpo"],
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(conversacion)
    mensajes, anteriores = _pagina_de_mensajes(conversacion, _entero(request.GET.get("antes")))
    participantes = list(_activos().filter(conversacion=conversacion))
    otros = [p.miembro for p in participantes if p.miembro_id != request.user.pk]
    bloqueados = set(Bloqueo.objects.filter(quien=request.user, a_quien__in=otros).values_list("a_quien_id", flat=True))
    sobre = conversacion.sobre if conversacion.sobre_tipo_id else None
    return render(
        request,
        "conversaciones/conversacion.html",
        {
            "conversacion": conversacion,
            "participante": participante,
            "participantes": participantes,
            "otros": [(miembro, miembro.pk in bloqueados) for miembro in otros],
            "sobre": sobre,
            "mensajes": mensajes,
            "anteriores": anteriores,
            "form": form,
            "no_leido": conversacion.ultimo_mensaje > participante.ultimo_leido,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def mensajes(request: HttpRequest, pk: int) -> HttpResponse:
    """The messages after ``?despues=<id>`` as <li> elements: what conversaciones.js appends live."""
    participante = _participante(request, pk)
    despues = _entero(request.GET.get("despues")) or 0
    nuevos = (
        Mensaje.objects.con_autor()
        .filter(conversacion_id=participante.conversacion_id, pk__gt=despues)
        .order_by("pk")[: settings.CONVERSACIONES_MENSAJES_POR_PAGINA]
    )
    return render(request, "conversaciones/includes/mensajes.html", {"mensajes": nuevos})


@login_required
@require_GET
def no_leidos(request: HttpRequest) -> JsonResponse:
    """The header's count, for conversaciones.js after a live event. One query; it writes nothing."""
    respuesta = JsonResponse({"no_leidos": services.no_leidos(request.user)})
    respuesta["Cache-Control"] = "no-store"
    return respuesta


@login_required
@require_POST
def leido(request: HttpRequest, pk: int) -> HttpResponse:
    participante = _participante(request, pk)
    conversacion = participante.conversacion
    hasta = _entero(request.POST.get("mensaje")) or conversacion.ultimo_mensaje
    services.marcar_leido(conversacion=conversacion, usuario=request.user, mensaje_id=hasta)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(conversacion)


@login_required
@require_POST
def silenciar(request: HttpRequest, pk: int) -> HttpResponse:
    participante = _participante(request, pk)
    valor = not participante.silenciada
    services.silenciar(conversacion=participante.conversacion, usuario=request.user, valor=valor)
    messages.success(
        request,
        _("Conversación silenciada: no recibirá avisos de ella.") if valor else _("Volverá a recibir avisos."),
    )
    return redirect(participante.conversacion)


@login_required
@require_POST
def salir(request: HttpRequest, pk: int) -> HttpResponse:
    participante = _participante(request, pk)
    services.salir(conversacion=participante.conversacion, usuario=request.user)
    messages.success(request, _("Salió de la conversación."))
    return redirect("conversaciones:bandeja")


@login_required
@require_POST
def bloquear(request: HttpRequest, pk: int, miembro: int) -> HttpResponse:
    """Block (or unblock) another participant of the conversation ``pk``: only people one talks with."""
    participante = _participante(request, pk)
    otro = get_object_or_404(
        get_user_model(), pk=miembro, participaciones__conversacion_id=pk, participaciones__salio_en__isnull=True
    )
    if otro.pk == request.user.pk:
        raise Http404
    if request.POST.get("desbloquear"):
        services.desbloquear(quien=request.user, a_quien=otro)
        messages.success(request, _("Desbloqueó a este miembro."))
    else:
        services.bloquear(quien=request.user, a_quien=otro)
        messages.success(request, _("Bloqueó a este miembro: no podrá escribirle ni abrir conversaciones con usted."))
    return redirect(participante.conversacion)


@login_required
def denunciar(request: HttpRequest, pk: int, mensaje: int) -> HttpResponse:
    participante = _participante(request, pk)
    objeto = get_object_or_404(Mensaje.objects.con_autor(), pk=mensaje, conversacion_id=pk)
    if objeto.autor_id == request.user.pk:
        raise Http404
    form = DenunciaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.denunciar(mensaje=objeto, denunciante=request.user, motivo=form.cleaned_data["motivo"])
        messages.success(request, _("Gracias: el equipo de la Red revisará la denuncia."))
        return redirect(participante.conversacion)
    return render(
        request,
        "conversaciones/denunciar.html",
        {"conversacion": participante.conversacion, "mensaje": objeto, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _abrir(request: HttpRequest, *, destinatarios: list, sobre: Model | None, titulo: str, volver: str) -> HttpResponse:
    """The new-conversation form shared by "Contactar" and "Escribir a este miembro"."""
    destinatarios = [d for d in destinatarios if d.pk != request.user.pk]
    form = NuevaConversacionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and destinatarios:
        try:
            conversacion = services.abrir_conversacion(
                iniciador=request.user,
                destinatarios=destinatarios,
                cuerpo=form.cleaned_data["cuerpo"],
                asunto=form.cleaned_data["asunto"],
                sobre=sobre,
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Mensaje enviado."))
            return redirect(conversacion)
    return render(
        request,
        "conversaciones/nueva.html",
        {"form": form, "destinatarios": destinatarios, "sobre": sobre, "titulo": titulo, "volver": volver},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def contactar_consorcio(request: HttpRequest, slug: str) -> HttpResponse:
    consorcio = get_object_or_404(Consorcio.objects.visibles_para(request.user), slug=slug)
    return _abrir(
        request,
        destinatarios=list(services.editores(consorcio).select_related("perfil")),
        sobre=consorcio,
        titulo=_("Contactar con %(nombre)s") % {"nombre": consorcio.nombre},
        volver=consorcio.get_absolute_url(),
    )


@login_required
def contactar_institucion(request: HttpRequest, slug: str) -> HttpResponse:
    institucion = get_object_or_404(Institucion.objects.visibles_para(request.user), slug=slug)
    return _abrir(
        request,
        destinatarios=list(services.editores(institucion).select_related("perfil")),
        sobre=institucion,
        titulo=_("Contactar con %(nombre)s") % {"nombre": institucion.nombre},
        volver=institucion.get_absolute_url(),
    )


@login_required
def nueva(request: HttpRequest) -> HttpResponse:
    """``?a=<member number>``: write to a promoter from their public profile (red:promotor links here).

    Only to members who publish a profile: a number must not tell anybody the name of a member who
    chose to stay private (nor that the account exists)."""
    publicos = Perfil.objects.publicos().values("usuario_id")
    destinatario = get_object_or_404(
        get_user_model().objects.select_related("perfil").filter(pk__in=publicos),
        pk=_entero(request.GET.get("a")) or 0,
        is_active=True,
    )
    if destinatario.pk == request.user.pk:
        raise Http404
    return _abrir(
        request,
        destinatarios=[destinatario],
        sobre=None,
        titulo=_("Escribir a %(nombre)s") % {"nombre": nombre_visible(destinatario)},
        volver=reverse("conversaciones:bandeja"),
    )


@staff_member_required
def denuncia_staff(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff read a reported conversation, from its report; each opening is written to the audit log.

    The GET only asks (a GET never writes); the POST of its button writes the audit row and shows it."""
    denuncia = get_object_or_404(Denuncia.objects.select_related("mensaje__conversacion"), pk=pk)
    if request.method != "POST":
        return render(request, "conversaciones/staff_confirmar.html", {"denuncia": denuncia})
    conversacion = services.abrir_como_staff(
        conversacion=denuncia.mensaje.conversacion, staff=request.user, denuncia=denuncia
    )
    return render(
        request,
        "conversaciones/staff.html",
        {
            "denuncia": denuncia,
            "conversacion": conversacion,
            "participantes": list(_activos().filter(conversacion=conversacion)),
            "mensajes": list(Mensaje.objects.con_autor().filter(conversacion=conversacion).order_by("pk")),
        },
    )
