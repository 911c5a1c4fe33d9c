from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from comun.cache import en_cache


@en_cache("consorcios", "biblioteca", "foros")
class PortadaView(TemplateView):
    template_name = "portal/portada.html"


@en_cache()  # text only: kept for CACHE_PAGINAS_SEGUNDOS
class AcercaView(TemplateView):
    template_name = "portal/acerca.html"


@en_cache()
class PrivacidadView(TemplateView):
    template_name = "portal/privacidad.html"


def hola(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: the cheapest response through the same server and middleware.

    Never stored by the page cache: the floor is what Django itself costs per request
    (every middleware included), in every pass of the benchmark.
    """
    respuesta = HttpResponse("hola", content_type="text/plain")
    respuesta["Cache-Control"] = "no-store"
    return respuesta


@require_GET
@cache_control(no_store=True)
def salud(request: HttpRequest) -> JsonResponse:
    """Health check for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"; the body says which part
        return JsonResponse({"estado": "error", "base_de_datos": False}, status=503)
    return JsonResponse({"estado": "ok", "base_de_datos": True})


@require_GET
@cache_control(max_age=86400, public=True)
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cuentas/",
        "Disallow: /miembros/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
