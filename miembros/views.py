from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comun.correo import encolar_correo

from . import services
from .forms import BajaForm, PerfilForm
from .models import Consentimiento, Perfil

SAL_BAJA = "miembros.baja"


@login_required
def perfil(request: HttpRequest) -> HttpResponse:
    """The member's own profile: shown and edited on one page."""
    perfil, _created = Perfil.objects.select_related("institucion").get_or_create(usuario=request.user)
    form = PerfilForm(request.POST or None, instance=perfil)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            perfil = form.save()
            services.publicar_perfil(perfil=perfil, campos=form.cleaned_data["publicar"])
        messages.success(request, _("Tu perfil se guardó."))
        return redirect("miembros:perfil")
    contexto = {
        "form": form,
        "perfil": perfil,
        "dias_exportacion": getattr(settings, "EXPORTACION_DIAS", 7),
        "dias_baja": settings.BAJA_GRACIA_DIAS,
    }
    return render(request, "miembros/perfil.html", contexto)


@login_required
def consentimientos(request: HttpRequest) -> HttpResponse:
    """The member's consents, in force and withdrawn; each in force has its own withdraw button."""
    if request.method == "POST":
        consentimiento = get_object_or_404(
            Consentimiento.objects.vigentes(), pk=request.POST.get("consentimiento") or 0, usuario=request.user
        )
        services.retirar_consentimiento(
            usuario=request.user, tipo=consentimiento.tipo, referencia=consentimiento.referencia
        )
        messages.success(request, _("Retiraste tu consentimiento: %(cual)s.") % {"cual": consentimiento})
        return redirect("miembros:consentimientos")
    lista = Consentimiento.objects.filter(usuario=request.user)
    return render(request, "miembros/consentimientos.html", {"consentimientos": lista})


@login_required
def baja(request: HttpRequest) -> HttpResponse:
    """ "Eliminar mi cuenta": the member chooses what happens to their posts and proves it is them
    (their password, or a link e-mailed to accounts without one); the account is deactivated at once."""
    form = BajaForm(request.POST or None, usuario=request.user)
    if request.method == "POST":
        if not ratelimit.consume(request, action="baja_cuenta", user=request.user):
            form.add_error(None, _("Demasiados intentos. Vuelve a intentarlo dentro de una hora."))
        elif form.is_valid():
            conservar = form.cleaned_data["conservar_mensajes"]
            if "contrasena" in form.fields:
                return _desactivar(request, conservar_mensajes=conservar)
            _enviar_confirmacion_de_baja(request, conservar_mensajes=conservar)
            messages.success(request, _("Te enviamos un correo con un enlace para confirmar la baja de tu cuenta."))
            return redirect("miembros:perfil")
    return render(request, "miembros/baja.html", {"form": form, "dias": settings.BAJA_GRACIA_DIAS})


@login_required
def confirmar_baja(request: HttpRequest, token: str) -> HttpResponse:
    """The link e-mailed to an account without a password: shows a button (a GET never writes)."""
    try:
        datos = signing.TimestampSigner(salt=SAL_BAJA).unsign_object(token, max_age=24 * 3600)
    except signing.BadSignature:
        raise Http404 from None
    if datos.get("u") != request.user.pk:
        raise Http404
    if request.method == "POST":
        return _desactivar(request, conservar_mensajes=bool(datos.get("c")))
    return render(request, "miembros/confirmar_baja.html", {"dias": settings.BAJA_GRACIA_DIAS})


def _desactivar(request: HttpRequest, *, conservar_mensajes: bool) -> HttpResponse:
    usuario = request.user
    solicitud = services.solicitar_baja(usuario=usuario, conservar_mensajes=conservar_mensajes)
    logout(request)
    fecha = formats.date_format(solicitud.borrar_desde, "DATE_FORMAT")
    messages.success(request, _("Tu cuenta está desactivada y se borrará el %(fecha)s.") % {"fecha": fecha})
    return redirect("miembros:baja_hecha")


@require_GET
def baja_hecha(request: HttpRequest) -> HttpResponse:
    return render(request, "miembros/baja_hecha.html", {"dias": settings.BAJA_GRACIA_DIAS})


def _enviar_confirmacion_de_baja(request: HttpRequest, *, conservar_mensajes: bool) -> None:
    token = signing.TimestampSigner(salt=SAL_BAJA).sign_object({"u": request.user.pk, "c": conservar_mensajes})
    enlace = settings.SITE_URL + reverse("miembros:confirmar_baja", args=[token])
    texto = render_to_string(
        "miembros/correo/confirmar_baja.txt", {"enlace": enlace, "dias": settings.BAJA_GRACIA_DIAS}
    )
    encolar_correo(asunto=_("Confirme la baja de su cuenta"), texto=texto, destinatarios=[request.user.email])
