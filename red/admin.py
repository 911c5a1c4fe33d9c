"""Staff back office of the network: member institutions, applications to join, their members.

Registered here rather than in miembros/admin.py: approving an application links the consortia the
institution named (red.services), and miembros may not import the registry.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from consorcios.forms import RechazoForm
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
class InstitucionAdmin(admin.ModelAdmin):
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
        """Approves only after staff confirm on a page that lists the institutions: each approval
        e-mails its administrators, which cannot be taken back."""
        pendientes = queryset.exclude(estado=Institucion.Estado.MIEMBRO).order_by("nombre")
        if not request.POST.get("confirmado"):
            return TemplateResponse(
                request,
                "admin/confirmar_accion.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("¿Aprobar las solicitudes seleccionadas?"),
                    "opts": self.model._meta,
                    "objetos": pendientes,
                    "consecuencia": _(
                        "Cada institución pasará a ser miembro de la Red, con su página pública y su punto en el "
                        "mapa, y sus administradores recibirán un correo avisándoles. Un correo enviado no se puede "
                        "retirar. Las que ya son miembro no cambian."
                    ),
                    "accion": "aprobar_seleccionadas",
                    "boton": _("Sí, aprobar"),
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        n = 0
        for institucion in pendientes:
            services.aprobar(institucion=institucion)
            n += 1
        self.message_user(
            request,
            ngettext("Se aprobó %(n)d institución.", "Se aprobaron %(n)d instituciones.", n) % {"n": n},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Rechazar las solicitudes seleccionadas (con motivo)"), permissions=["change"])
    def rechazar_seleccionadas(self, request, queryset):
        """Intermediate page: ask for the reason, then reject and e-mail the administrators."""
        form = RechazoForm(request.POST if "aplicar" in request.POST else None)
        if form.is_valid():
            with transaction.atomic():
                for institucion in queryset:
                    services.rechazar(institucion=institucion, motivo=form.cleaned_data["motivo"])
            n = queryset.count()
            self.message_user(
                request,
                ngettext("Se rechazó %(n)d solicitud.", "Se rechazaron %(n)d solicitudes.", n) % {"n": n},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "red/admin/rechazar.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Rechazar solicitudes"),
                "opts": self.model._meta,
                "objetos": queryset,
                "form": form,
                "accion": "rechazar_seleccionadas",
                "seleccion": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            },
        )
