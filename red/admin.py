"""Staff back office of the network: member institutions, applications to join, their members.

Registered here rather than in miembros/admin.py: approving an application links the consortia the
institution named (red.services), and miembros may not import the registry.
"""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_countries.filters import CountryFilter

from comun.admin import RevisionAdminMixin
from consorcios.models import Consorcio
from miembros.models import Institucion, MiembroInstitucion

from . import services


class MiembroInstitucionInline(admin.TabularInline):
    model = MiembroInstitucion
    extra = 0
    fields = ["usuario", "rol", "estado", "creado"]
    readonly_fields = ["creado"]
    autocomplete_fields = ["usuario"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("usuario")


@admin.register(Institucion)
class InstitucionAdmin(RevisionAdminMixin, admin.ModelAdmin):
    list_display = ["nombre", "sigla", "tipo", "pais", "ciudad", "estado", "creado"]
    list_filter = ["estado", "tipo", ("pais", CountryFilter)]
    search_fields = ["nombre", "sigla", "ciudad", "vinculos__usuario__email"]
    prepopulated_fields = {"slug": ["nombre"]}
    readonly_fields = ["creado", "actualizado", "consorcios_pedidos"]
    date_hierarchy = "creado"
    list_per_page = 50
    inlines = [MiembroInstitucionInline]
    actions = ["aprobar_seleccionadas", "rechazar_seleccionadas"]
    fieldsets = [
        (None, {"fields": ["nombre", "sigla", "slug", "tipo", "estado", "motivo_rechazo"]}),
        (_("Solicitud"), {"fields": ["motivo_solicitud", "consorcios_pedidos"]}),
        (_("Perfil"), {"fields": ["pais", "ciudad", ("latitud", "longitud"), "sitio_web", "descripcion", "logo"]}),
        (_("Fechas"), {"fields": ["creado", "actualizado"]}),
    ]

    @admin.display(description=_("consorcios que dijo promover"))
    def consorcios_pedidos(self, obj: Institucion) -> str:
        nombres = Consorcio.objects.filter(pk__in=obj.consorcios_solicitados).values_list("nombre", flat=True)
        return ", ".join(nombres) or "—"

    @admin.action(description=_("Aprobar las solicitudes seleccionadas (miembros de la Red)"), permissions=["change"])
    def aprobar_seleccionadas(self, request, queryset) -> TemplateResponse | None:
        return self.aprobar_confirmando(request, queryset)

    @admin.action(description=_("Rechazar las solicitudes seleccionadas (con motivo)"), permissions=["change"])
    def rechazar_seleccionadas(self, request, queryset) -> TemplateResponse | None:
        return self.rechazar_con_motivo(request, queryset)

    # Moderation (comun.admin.RevisionAdminMixin): each approval e-mails the institution's administrators.
    estado_aprobado = Institucion.Estado.MIEMBRO
    titulo_aprobacion = _("¿Aprobar las solicitudes seleccionadas?")
    consecuencia_aprobacion = _(
        "Cada institución pasará a ser miembro de la Red, con su página pública y su punto en el "
        "mapa, y sus administradores recibirán un correo avisándoles. Un correo enviado no se puede "
        "retirar. Las que ya son miembro no cambian."
    )
    boton_aprobacion = _("Sí, aprobar")
    titulo_rechazo = _("Rechazar solicitudes")
    plantilla_rechazo = "red/admin/rechazar.html"

    def aprobar_uno(self, request, objeto: Institucion) -> None:
        services.aprobar(institucion=objeto)

    def rechazar_uno(self, request, objeto: Institucion, motivo: str) -> None:
        services.rechazar(institucion=objeto, motivo=motivo)

    aprobados = ngettext_lazy("Se aprobó %(n)d institución.", "Se aprobaron %(n)d instituciones.", "n")
    rechazados = ngettext_lazy("Se rechazó %(n)d solicitud.", "Se rechazaron %(n)d solicitudes.", "n")
