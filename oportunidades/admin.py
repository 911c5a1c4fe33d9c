"""Staff review of cooperation opportunities, as of consortia: approve after a confirmation page,
reject with a reason the editors receive. Imported explicitly by redconsorcios.admin."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_countries import countries

from comun.admin import RevisionAdminMixin

from . import services
from .models import Interes, ListaDePaises, Oportunidad


class PaisFilter(admin.SimpleListFilter):
    """Countries where it applies (a multiple field: Django's own filter would compare the whole list)."""

    title = _("país")
    parameter_name = "pais"

    def lookups(self, request, model_admin):
        usados = {
            codigo
            for lista in Oportunidad.objects.exclude(paises="").values_list("paises", flat=True).distinct()
            for codigo in str(lista).split(",")
        }
        return sorted(((c, countries.name(c)) for c in usados if c), key=lambda par: str(par[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.alias(lista=ListaDePaises("paises")).filter(lista__contains=[self.value()])
        return queryset


class InteresInline(admin.TabularInline):
    """Who said "Me interesa" (read-only: members record it themselves)."""

    model = Interes
    extra = 0
    can_delete = False
    fields = ["miembro", "creado"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("miembro")


@admin.register(Oportunidad)
class OportunidadAdmin(RevisionAdminMixin, admin.ModelAdmin):
    list_display = ["titulo", "tipo", "consorcio", "institucion", "estado", "fecha_limite", "cambios_por_revisar"]
    list_filter = ["estado", "tipo", PaisFilter, "cambios_por_revisar", "sectores"]
    list_select_related = ["consorcio", "institucion"]
    search_fields = ["titulo", "productos", "consorcio__nombre", "institucion__nombre", "institucion__sigla"]
    autocomplete_fields = ["consorcio", "institucion", "autor", "sectores"]
    readonly_fields = [
        "creada",
        "actualizada",
        "publicada_en",
        "renovada_en",
        "cerrada_en",
        "avisada_en",
        "cambios_por_revisar",
    ]
    date_hierarchy = "creada"
    list_per_page = 50
    inlines = [InteresInline]
    actions = ["aprobar_seleccionadas", "rechazar_seleccionadas"]
    fieldsets = [
        (None, {"fields": ["titulo", "tipo", "estado", "motivo_rechazo"]}),
        (_("Quién la publica"), {"fields": ["consorcio", "institucion", "autor"]}),
        (
            _("La oportunidad"),
            {"fields": ["descripcion", "sectores", "productos", "paises", "mercados", "fecha_limite"]},
        ),
        (_("Fechas"), {"fields": readonly_fields}),
    ]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        form.instance.actualizar_etiquetas()  # the sectors just linked are part of the search labels

    @admin.action(description=_("Aprobar y publicar las oportunidades seleccionadas"), permissions=["change"])
    def aprobar_seleccionadas(self, request, queryset) -> TemplateResponse | None:
        return self.aprobar_confirmando(request, queryset)

    @admin.action(description=_("Rechazar las oportunidades seleccionadas (con motivo)"), permissions=["change"])
    def rechazar_seleccionadas(self, request, queryset) -> TemplateResponse | None:
        return self.rechazar_con_motivo(request, queryset)

    # Moderation (comun.admin.RevisionAdminMixin): each approval e-mails the opportunity's editors.
    estado_aprobado = Oportunidad.Estado.PUBLICADA
    orden_revision = "titulo"
    titulo_aprobacion = _("¿Aprobar y publicar las oportunidades seleccionadas?")
    consecuencia_aprobacion = _(
        "Cada oportunidad se publicará en la lista de oportunidades, y sus editores recibirán un "
        "correo avisándoles. Un correo enviado no se puede retirar. Las ya publicadas no cambian."
    )
    boton_aprobacion = _("Sí, aprobar y publicar")
    titulo_rechazo = _("Rechazar oportunidades")
    plantilla_rechazo = "oportunidades/admin/rechazar.html"

    def aprobar_uno(self, request, objeto: Oportunidad) -> None:
        services.aprobar(oportunidad=objeto, por=request.user)

    def rechazar_uno(self, request, objeto: Oportunidad, motivo: str) -> None:
        services.rechazar(oportunidad=objeto, por=request.user, motivo=motivo)

    aprobados = ngettext_lazy("Se publicó %(n)d oportunidad.", "Se publicaron %(n)d oportunidades.", "n")
    rechazados = ngettext_lazy("Se rechazó %(n)d oportunidad.", "Se rechazaron %(n)d oportunidades.", "n")
