"""URLs of the portal. Pages live under i18n_patterns: Spanish at /, /pt/, /en/."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from biblioteca.sitemaps import SITEMAPS as BIBLIOTECA_SITEMAPS
from consorcios.sitemaps import SITEMAPS as CONSORCIOS_SITEMAPS
from oai.views import oai
from oportunidades.sitemaps import SITEMAPS as OPORTUNIDADES_SITEMAPS
from red.sitemaps import SITEMAPS as RED_SITEMAPS

from . import admin as portal_admin  # noqa: F401  (registers auth and allauth models)
from . import views
from .sitemaps import PaginasSitemap

admin.site.site_header = _("Red Latinoamericana de Consorcios — administración")
admin.site.site_title = _("Administración de la Red")
admin.site.index_title = _("Gestión del portal")
# Staff sign in through allauth like everyone else, with its rate limits and their second factor:
# the admin's own login form (unthrottled) only redirects there with ?next= (allauth's recipe).
admin.site.login = secure_admin_login(admin.site.login)

sitemaps = {
    "paginas": PaginasSitemap,
    **CONSORCIOS_SITEMAPS,
    **RED_SITEMAPS,
    **BIBLIOTECA_SITEMAPS,
    **OPORTUNIDADES_SITEMAPS,
}

urlpatterns = [
    path("salud/", views.salud, name="salud"),
    path("robots.txt", views.robots, name="robots"),
    # An index of per-section sitemaps, each paginated: the library alone may hold 100,000 documents.
    path("sitemap.xml", sitemaps_views.index, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("oai/", oai, name="oai"),  # OAI-PMH 2.0: harvesters read the library (README)
    path("api/v1/", include("api.urls")),  # the read-only JSON API; its language is a parameter
    # The live channel of conversations: answered only by the ASGI live process (conversaciones/vivo.py).
    path("vivo/", include("conversaciones.urls_vivo")),
]

urlpatterns += i18n_patterns(
    path("", views.PortadaView.as_view(), name="portada"),
    path("acerca/", views.AcercaView.as_view(), name="acerca"),
    path("privacidad/", views.PrivacidadView.as_view(), name="privacidad"),
    path("buscar/", views.buscar, name="buscar"),
    path("cuentas/", include("allauth.urls")),
    # The member's data export spans every app, so the project serves it (README "Architecture").
    path("miembros/mis-datos/", views.mis_datos, name="mis_datos"),
    path("miembros/mis-datos/<str:token>/", views.descarga_mis_datos, name="descarga_mis_datos"),
    path("miembros/", include("miembros.urls")),
    path("consorcios/", include("consorcios.urls")),
    path("biblioteca/", include("biblioteca.urls")),
    path("foros/", include("foros.urls")),
    path("red/", include("red.urls")),
    path("oportunidades/", include("oportunidades.urls")),
    path("conversaciones/", include("conversaciones.urls")),
    path("boletin/", include("boletin.urls")),
    path("mi-red/", include("seguimientos.urls")),
    path("datos-abiertos/", include("datos.urls")),
    path("api/", include("api.urls_paginas")),  # the API's documentation and members' keys, in each language
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("hola/", views.hola, name="hola"))

handler403 = "redconsorcios.errors.permiso_denegado"
handler404 = "redconsorcios.errors.no_encontrado"
handler500 = "redconsorcios.errors.error_servidor"

if not settings.AWS_STORAGE_BUCKET_NAME:
    # Uploads on local disk: the portal serves the public images itself (object storage serves
    # its own, through MEDIA_URL). A web server in front may serve /media/ instead, faster.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:ruta>", views.medio_publico, name="medio_publico"))
