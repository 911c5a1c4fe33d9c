"""Follow buttons, "Mi red", and the pages behind the digest's links.

Every write is a POST; a page view writes nothing (no settings row, no read mark, no counter).
"""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services
from .forms import PreferenciasForm
from .models import PreferenciasSeguimiento, Seguimiento


def _volver(request: HttpRequest) -> str:
    """Back where the button was (only a path of this site), else "Mi red"."""
    destino = request.POST.get("siguiente", "")
    if destino and url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return destino
    return reverse("seguimientos:mi_red")


@login_required
@require_POST
def seguir(request: HttpRequest) -> HttpResponse:
    """Follow or unfollow (``accion``) the target a button names (``tipo`` and ``valor``): idempotent,
    with a message, back to the page it came from. Without JavaScript, as every form of the portal."""
    tipo, valor = request.POST.get("tipo", ""), request.POST.get("valor", "")
    dejar = request.POST.get("accion") == "dejar"
    try:
        if dejar:
            objetivo = services.objetivo_para_dejar(tipo=tipo, valor=valor)
        else:
            objetivo = services.resolver_objetivo(tipo=tipo, valor=valor, usuario=request.user)
    except services.ObjetivoDesconocido:
        raise Http404 from None
    if not ratelimit.consume(request, action="seguimiento"):
        messages.error(request, _("Demasiados cambios seguidos. Inténtalo de nuevo dentro de un rato."))
        return redirect(_volver(request))
    if dejar:
        services.dejar_de_seguir(miembro=request.user, objetivo=objetivo)
        messages.success(request, _("Ya no sigues esto. Dejará de aparecer en Mi red."))
    else:
        try:
            services.seguir(miembro=request.user, objetivo=objetivo)
        except services.DemasiadosSeguimientos:
            messages.error(request, _("Sigues demasiadas cosas. Deja de seguir alguna en Mi red antes de añadir otra."))
        else:
            messages.success(request, _("Lo sigues. Sus novedades aparecerán en Mi red."))
    return redirect(_volver(request))


@login_required
def mi_red(request: HttpRequest) -> HttpResponse:
    """The member's activity stream, their follows, the digest's settings and the private feed.

    GET reads only; POST changes the digest's frequency (errors beside the field, the choice kept)."""
    preferencias = services.preferencias_de(request.user)
    form = PreferenciasForm(request.POST or None, instance=preferencias or PreferenciasSeguimiento())
    if request.method == "POST" and form.is_valid():
        services.cambiar_frecuencia(miembro=request.user, frecuencia=form.cleaned_data["frecuencia"])
        messages.success(request, _("Guardamos tu preferencia de resumen por correo."))
        return redirect("seguimientos:mi_red")
    try:
        mostrar = min(max(int(request.GET.get("mostrar", services.POR_PAGINA)), 1), services.MAXIMO_PAGINA)
    except ValueError:
        mostrar = services.POR_PAGINA
    seguimientos = list(Seguimiento.objects.de(request.user).para_lista())
    elementos = services.actividad_de(seguimientos, miembro_id=request.user.pk, limite=mostrar + 1, privadas=True)
    contexto = {
        "form": form,
        "preferencias": preferencias,
        "seguimientos": seguimientos,
        "pendientes": services.pendientes_de(request.user),
        "elementos": [(e, services.etiqueta(e.tipo)) for e in elementos[:mostrar]],
        "mas": mostrar + services.POR_PAGINA if len(elementos) > mostrar and mostrar < services.MAXIMO_PAGINA else None,
        # The address to paste into a feed reader, as the browser reached the portal.
        "feed_absoluto": (
            request.build_absolute_uri(reverse("seguimientos:feed", args=[preferencias.token_feed]))
            if preferencias
            else ""
        ),
    }
    return render(request, "seguimientos/mi_red.html", contexto, status=400 if form.errors else 200)


@login_required
@require_POST
def regenerar_feed(request: HttpRequest) -> HttpResponse:
    """Make the private feed's URL (the first time) or replace it: the old one stops working."""
    existia = services.preferencias_de(request.user) is not None
    services.regenerar_token(miembro=request.user)
    if existia:
        messages.success(request, _("Nueva dirección del canal privado. La anterior ya no funciona."))
    else:
        messages.success(request, _("Tu canal privado está listo."))
    return redirect(reverse("seguimientos:mi_red") + "#canal")


@csrf_exempt  # opened from an e-mail, maybe logged out: the signed token authorises it, as the boletín's
def dejar(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's per-follow unfollow link: GET shows what and a button (mail scanners follow links),
    POST unfollows. Idempotent."""
    try:
        _datos, seguimiento = services.seguimiento_del_enlace(token=token)
    except signing.BadSignature:
        raise Http404 from None
    if request.method == "POST":
        services.dejar_por_enlace(token=token)
        return render(request, "seguimientos/dejar_hecho.html", {"seguimiento": seguimiento})
    return render(request, "seguimientos/dejar.html", {"seguimiento": seguimiento, "token": token})


@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the signed token authorises it
def baja_resumen(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's unsubscribe link and List-Unsubscribe target: no more digests, follows kept."""
    try:
        preferencias = services.preferencias_del_enlace(token=token)
    except signing.BadSignature:
        raise Http404 from None
    if preferencias is None:
        raise Http404
    if request.method == "POST":
        services.baja_del_resumen(token=token)
        return render(request, "seguimientos/baja_hecha.html")
    return render(request, "seguimientos/baja.html", {"token": token})
