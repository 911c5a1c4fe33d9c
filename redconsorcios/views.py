import mimetypes
import posixpath

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from biblioteca import busqueda as busqueda_biblioteca
from comun.cache import en_cache
from consorcios.filters import filtrar as filtrar_consorcios
from consorcios.filters import opciones as opciones_consorcios
from foros.views import resultados_de_busqueda as buscar_en_foros
from oportunidades.filters import buscar as buscar_oportunidades
from red.filters import filtrar as filtrar_instituciones

from . import exportacion
from .metadatos import sitio_web


@en_cache("consorcios", "biblioteca", "foros")
class PortadaView(TemplateView):
    template_name = "portal/portada.html"
    extra_context = {"json_ld": sitio_web}  # the site and its search box, for search engines


@en_cache()  # text only: kept for CACHE_PAGINAS_SEGUNDOS
class AcercaView(TemplateView):
    template_name = "portal/acerca.html"


@en_cache()
class PrivacidadView(TemplateView):
    template_name = "portal/privacidad.html"

    def get_context_data(self, **kwargs):
        # The retention periods are settings: the page states the ones in force.
        return super().get_context_data(**kwargs) | {
            "gracia": settings.BAJA_GRACIA_DIAS,
            "sin_confirmar": settings.RETENCION_SIN_CONFIRMAR_DIAS,
            "entregas": settings.RETENCION_ENTREGAS_BOLETIN_DIAS,
            "exportacion": settings.EXPORTACION_DIAS,
        }


# Results the site search shows of each section; "ver todos" leads to that section's own search.
POR_SECCION = 4
# What the empty search page suggests: words that find something in each section of the demo network.
EJEMPLOS = [_("denominación de origen"), _("pisco"), _("exportación"), _("legislación"), _("artesanías"), _("Ecuador")]


@en_cache("consorcios", "biblioteca", "foros", "red", "oportunidades")
@require_GET
def buscar(request: HttpRequest) -> HttpResponse:
    """The header's search box: the first results of the registry, the network's institutions, the
    library, the forums and the cooperation opportunities, grouped by kind.

    Each section answers with its own search (the same one its page uses), so a result here is
    a result there: 2 queries for the registry (its first cards, its total), 2 for the institutions,
    2 to 3 for the library (its facets and total and the order of its first results are kept until it
    changes; then the rows), 2 for the forums (posts, total) and 2 for the opportunities (cards,
    total), whatever the number of rows. An opportunity past its deadline drops out by date, so a
    kept page shows it at most CACHE_PAGINAS_SEGUNDOS longer.
    """
    q = request.GET.get("q", "").strip()[:200]
    if "\x00" in q:
        raise BadRequest("NUL en la búsqueda")  # PostgreSQL cannot store or compare it
    contexto: dict = {"q": q, "ejemplos": EJEMPLOS}
    if q:
        consorcios = filtrar_consorcios({"q": q}).qs
        facetas, pagina = busqueda_biblioteca.resultados({"q": q}, 1)
        mensajes = buscar_en_foros(q)
        instituciones = filtrar_instituciones({"q": q}).qs.order_by("nombre", "pk")
        oportunidades = buscar_oportunidades(q)
        contexto.update(
            instituciones=instituciones[:POR_SECCION],
            total_instituciones=instituciones.count(),
            consorcios=consorcios.para_lista()[:POR_SECCION],
            total_consorcios=consorcios.count(),
            nombres_sectores=dict(opciones_consorcios()["sectores"]),
            documentos=pagina.object_list[:POR_SECCION],
            total_documentos=facetas.total,
            mensajes=mensajes[:POR_SECCION],
            total_mensajes=mensajes.count(),
            oportunidades=oportunidades.para_lista()[:POR_SECCION],
            total_oportunidades=oportunidades.count(),
        )
    return render(request, "portal/buscar.html", contexto)


# Uploaded images shown on public pages: consortia's logos, documents' covers, news images. Their
# names are server-made UUIDs; documents themselves go through the library's download view, which
# checks who may see them, and half-finished uploads (temporales/) are never served.
# The open data's nightly dumps (datos/volcados.py) are public too, but keep their names.
CARPETAS_PUBLICAS = ("consorcios/logos/", "biblioteca/imagenes/", "datos-abiertos/")


@require_GET
def medio_publico(request: HttpRequest, ruta: str) -> FileResponse:
    """An uploaded image from local storage, when no web server or object storage serves /media/."""
    ruta = posixpath.normpath(ruta)
    if not ruta.startswith(CARPETAS_PUBLICAS) or not default_storage.exists(ruta):
        raise Http404
    respuesta = FileResponse(default_storage.open(ruta, "rb"), content_type=mimetypes.guess_type(ruta)[0])
    if ruta.startswith("datos-abiertos/"):
        respuesta["Cache-Control"] = "public, max-age=3600"  # rebuilt each night under the same name
    else:
        respuesta["Cache-Control"] = "public, max-age=31536000, immutable"  # a new upload gets a new name
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


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


@login_required
@require_POST
def mis_datos(request: HttpRequest) -> HttpResponse:
    """ "Descargar mis datos" (a button on the profile): the ZIP is built in the background and e-mailed."""
    if ratelimit.consume(request, action="mis_datos", user=request.user):
        exportacion.solicitar_exportacion(usuario=request.user)
        messages.success(
            request,
            gettext("Estamos preparando la copia de tus datos. Te enviaremos un enlace por correo para descargarla."),
        )
    else:
        messages.error(request, gettext("Ya pediste varias copias de tus datos hoy. Inténtalo de nuevo mañana."))
    return redirect("miembros:perfil")


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def descarga_mis_datos(request: HttpRequest, token: str) -> FileResponse:
    """The ZIP, for its owner only while the link is valid; anyone else, or later, gets 404."""
    nombre = exportacion.leer_enlace(token, usuario=request.user)
    if nombre is None:
        raise Http404
    return FileResponse(default_storage.open(nombre, "rb"), as_attachment=True, filename="mis-datos-red-consorcios.zip")
