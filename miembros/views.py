from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import PerfilForm
from .models import Consentimiento, Perfil


@login_required
def perfil(request: HttpRequest) -> HttpResponse:
    """The member's own profile: shown and edited on one page."""
    perfil, _created = Perfil.objects.select_related("institucion").get_or_create(usuario=request.user)
    form = PerfilForm(request.POST or None, instance=perfil)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Tu perfil se guardó."))
        return redirect("miembros:perfil")
    contexto = {"form": form, "perfil": perfil, "dias_exportacion": getattr(settings, "EXPORTACION_DIAS", 7)}
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
