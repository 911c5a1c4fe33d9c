from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import PerfilForm
from .models import Perfil


@login_required
def perfil(request: HttpRequest) -> HttpResponse:
    """The member's own profile: shown and edited on one page."""
    perfil, _created = Perfil.objects.select_related("institucion").get_or_create(usuario=request.user)
    form = PerfilForm(request.POST or None, instance=perfil)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Tu perfil se guardó."))
        return redirect("miembros:perfil")
    return render(request, "miembros/perfil.html", {"form": form, "perfil": perfil})
