from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from . import services
from .forms import SuscripcionForm
from .models import Numero, Suscriptor


class ArchivoView(ListView):
    template_name = "boletin/archivo.html"
    context_object_name = "numeros"
    paginate_by = 24

    def get_queryset(self):
        return Numero.objects.enviados().only("numero", "titulo", "enviado_en")


class NumeroView(DetailView):
    template_name = "boletin/numero.html"
    context_object_name = "numero"

    def get_object(self, queryset=None) -> Numero:
        return get_object_or_404(Numero.objects.enviados().prefetch_related("elementos"), numero=self.kwargs["numero"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | services._contexto(self.object)


def suscribirse(request: HttpRequest) -> HttpResponse:
    form = SuscripcionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="boletin_suscripcion"):
            form.add_error(
                "email", _("Demasiadas solicitudes desde su conexión. Inténtelo de nuevo dentro de una hora.")
            )
            return render(request, "boletin/suscribirse.html", {"form": form}, status=429)
        email = form.cleaned_data["email"]
        if ratelimit.consume(request, action="boletin_confirmacion", key=email.lower()):
            services.solicitar_suscripcion(email=email, idioma=get_language())
        # The same answer whether or not the address was known: nothing to enumerate.
        messages.success(request, _("Te enviamos un enlace para confirmar la suscripción. Revisa tu correo."))
        return redirect("boletin:archivo")
    return render(request, "boletin/suscribirse.html", {"form": form})


def confirmar(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (a GET never writes, and mail scanners follow links); POST confirms."""
    if request.method == "POST":
        try:
            services.confirmar(token=token)
        except signing.SignatureExpired:
            return render(request, "boletin/enlace_invalido.html", {"caducado": True}, status=400)
        except (signing.BadSignature, Suscriptor.DoesNotExist):
            return render(request, "boletin/enlace_invalido.html", status=400)
        messages.success(request, _("Suscripción confirmada. Recibirás el próximo boletín."))
        return redirect("boletin:archivo")
    return render(request, "boletin/confirmar.html", {"token": token})


@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the signed token authorises it
def baja(request: HttpRequest, token: str) -> HttpResponse:
    try:
        datos = signing.Signer(salt=services.SAL_BAJA).unsign_object(token)
    except signing.BadSignature:
        raise Http404 from None
    if request.method == "POST":
        try:
            services.dar_de_baja(token=token)
        except Suscriptor.DoesNotExist:
            raise Http404 from None
        return render(request, "boletin/baja_hecha.html", {"email": datos["email"]})
    return render(request, "boletin/baja.html", {"email": datos["email"], "token": token})


@login_required
def mi_suscripcion(request: HttpRequest) -> HttpResponse:
    suscriptor = services.suscripcion_de(request.user)
    return render(request, "boletin/mi_suscripcion.html", {"suscriptor": suscriptor})


@login_required
@require_POST
def cambiar_mi_suscripcion(request: HttpRequest) -> HttpResponse:
    if request.POST.get("accion") == "alta":
        services.suscribir_miembro(usuario=request.user, idioma=get_language())
        messages.success(request, _("Te suscribiste al boletín."))
    else:
        services.baja_miembro(usuario=request.user)
        messages.success(request, _("Ya no recibirás el boletín."))
    return redirect("boletin:mi_suscripcion")


class BoletinFeed(Feed):
    title = gettext_lazy("Boletín de la Red de Consorcios")
    description = gettext_lazy("Los números del boletín periódico de la Red Latinoamericana de Consorcios.")

    def link(self) -> str:
        return reverse("boletin:archivo")

    def items(self):
        return Numero.objects.enviados()[:20]

    def item_title(self, item: Numero) -> str:
        return str(item)

    def item_description(self, item: Numero) -> str:
        return item.editorial_html

    def item_pubdate(self, item: Numero):
        return item.enviado_en
