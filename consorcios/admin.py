"""Staff back office of the registry: review, edit, history.

Imported explicitly by redconsorcios.admin (no autodiscovery: django-leaflet's
admin would pull in GDAL). The map position is edited as two plain numbers.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django_countries.filters import CountryFilter

from comun.admin import RevisionAdminMixin

from . import campos, services
from .forms import ImportarForm, OpcionVaciaMixin
from .importacion import importar_csv
from .models import Actividad, Consorcio, EmpresaMiembro, HistorialCambio, IndicadorAnual, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["nombre", "slug"]
    search_fields = ["nombre", "slug"]
    prepopulated_fields = {"slug": ["nombre"]}


class AdminForm(OpcionVaciaMixin, forms.ModelForm):
    """Base of the admin's forms: the translated empty option of the public form.
    The admin supplies model and fields (modelform_factory)."""


class EmpresaMiembroInline(admin.TabularInline):
    model = EmpresaMiembro
    extra = 0
    autocomplete_fields = ["sector"]


class IndicadorAnualInline(admin.TabularInline):
    model = IndicadorAnual
    extra = 0


class ActividadInline(admin.TabularInline):
    model = Actividad
    form = AdminForm
    extra = 0


class HistorialCambioInline(admin.TabularInline):
    """Read-only: written by the services and by saves in this admin."""

    model = HistorialCambio
    extra = 0
    can_delete = False
    fields = ["fecha", "usuario", "accion", "campos"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("usuario")


class SinResponsablesFilter(admin.SimpleListFilter):
    """Consortia whose responsables all left (their accounts were erased): in staff's hands now."""

    title = _("responsables")
    parameter_name = "responsables"

    def lookups(self, request, model_admin):
        return [("ninguno", _("Sin responsables (a cargo del equipo)"))]

    def queryset(self, request, queryset):
        if self.value() == "ninguno":
            return queryset.filter(responsables__isnull=True)
        return queryset


class VigenciaFilter(admin.SimpleListFilter):
    """Published records that need staff's eyes: edited by their responsables since staff last looked,
    or not confirmed by them for CONSORCIOS_VERIFICACION_CADUCA_DIAS."""

    title = _("vigencia")
    parameter_name = "vigencia"

    def lookups(self, request, model_admin):
        return [
            ("cambios", _("Cambios por revisar")),
            ("desactualizados", _("Datos desactualizados")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "cambios":
            return queryset.filter(cambios_por_revisar=True)
        if self.value() == "desactualizados":
            return queryset.desactualizados()
        return queryset


@admin.register(Consorcio)
class ConsorcioAdmin(RevisionAdminMixin, admin.ModelAdmin):
    form = AdminForm
    list_display = [
        "nombre",
        "tipo",
        "pais",
        "estado",
        "estado_vida",
        "actualizado",
        "verificado_en",
        "cambios_por_revisar",
    ]
    list_filter = [
        "estado",
        "tipo",
        ("pais", CountryFilter),
        "sectores",
        "estado_vida",
        "signo_distintivo",
        SinResponsablesFilter,
        VigenciaFilter,
    ]
    search_fields = ["nombre", "productos", "ciudad", "region", "responsables__email"]
    autocomplete_fields = ["instituciones_promotoras", "responsables", "sectores"]
    prepopulated_fields = {"slug": ["nombre"]}
    readonly_fields = ["creado", "actualizado", "publicado_en", "verificado_en", "cambios_por_revisar"]
    date_hierarchy = "creado"
    list_per_page = 50
    inlines = [EmpresaMiembroInline, IndicadorAnualInline, ActividadInline, HistorialCambioInline]
    actions = ["aprobar_seleccionados", "rechazar_seleccionados", "marcar_revisados"]
    fieldsets = [
        (None, {"fields": ["nombre", "slug", "estado", "motivo_rechazo", "responsables"]}),
        (
            _("El consorcio"),
            {"fields": ["tipo", "subtipo", "alcance_sectorial", "sectores", "productos", "descripcion", "estado_vida"]},
        ),
        (
            _("Producto de origen"),
            {"fields": ["producto_tradicional", "territorio", "signo_distintivo", "nombre_signo", "estado_signo"]},
        ),
        (_("Ubicación"), {"fields": ["pais", "paises_involucrados", "region", "ciudad", ("latitud", "longitud")]}),
        (
            _("Datos del consorcio"),
            {
                "fields": [
                    "anio_fundacion",
                    "fecha_formalizacion",
                    "forma_juridica",
                    ("numero_empresas", "empleos_directos", "familias_beneficiadas", "porcentaje_mujeres"),
                    "mercados_destino",
                    "certificaciones",
                    "instituciones_promotoras",
                ]
            },
        ),
        (
            _("Contacto y presencia en línea"),
            {"fields": ["sitio_web", "correo_contacto", "telefono_contacto", "publicar_contacto", "logo", "videos"]},
        ),
        (_("Fechas"), {"fields": ["creado", "actualizado", "publicado_en", "verificado_en", "cambios_por_revisar"]}),
    ]

    def get_urls(self):
        propias = [
            path(
                "importar/",
                self.admin_site.admin_view(self.importar_view),
                name="consorcios_consorcio_importar",
            )
        ]
        return propias + super().get_urls()

    def importar_view(self, request):
        """Bulk import from CSV: every row validated first; nothing imported if any row is bad."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportarForm(request.POST or None, request.FILES or None)
        resultado = None
        if request.method == "POST" and form.is_valid():
            resultado = importar_csv(
                archivo=form.cleaned_data["archivo"], usuario=request.user, publicar=form.cleaned_data["publicar"]
            )
            if not resultado.errores:
                n = len(resultado.creados)
                self.message_user(
                    request,
                    ngettext("Se importó %(n)d consorcio.", "Se importaron %(n)d consorcios.", n) % {"n": n},
                    messages.SUCCESS,
                )
                return redirect("admin:consorcios_consorcio_changelist")
        return TemplateResponse(
            request,
            "consorcios/admin/importar.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Importar consorcios desde CSV"),
                "opts": self.model._meta,
                "form": form,
                "resultado": resultado,
                "columnas": campos.PUBLICOS,
                "obligatorias": sorted(campos.OBLIGATORIOS),
                "sectores": Sector.objects.all(),
                "tipos": Consorcio.Tipo.choices,
            },
        )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            HistorialCambio.objects.create(
                consorcio=obj, usuario=request.user, accion=HistorialCambio.Accion.EDITADO, campos=form.changed_data
            )

    @admin.action(description=_("Marcar como revisados los cambios de los responsables"), permissions=["change"])
    def marcar_revisados(self, request, queryset) -> None:
        """The history inline lists what each responsable changed; staff mark it seen (nobody is e-mailed)."""
        n = 0
        for consorcio in queryset.filter(cambios_por_revisar=True):
            services.marcar_revisado(consorcio=consorcio, usuario=request.user)
            n += 1
        self.message_user(
            request,
            ngettext("Cambios revisados en %(n)d consorcio.", "Cambios revisados en %(n)d consorcios.", n) % {"n": n},
            messages.SUCCESS,
        )

    @admin.action(description=_("Aprobar y publicar los consorcios seleccionados"), permissions=["change"])
    def aprobar_seleccionados(self, request, queryset) -> TemplateResponse | None:
        return self.aprobar_confirmando(request, queryset)

    @admin.action(description=_("Rechazar los consorcios seleccionados (con motivo)"), permissions=["change"])
    def rechazar_seleccionados(self, request, queryset) -> TemplateResponse | None:
        return self.rechazar_con_motivo(request, queryset)

    # Moderation (comun.admin.RevisionAdminMixin): each approval e-mails the responsables.
    estado_aprobado = Consorcio.Estado.PUBLICADO
    titulo_aprobacion = _("¿Aprobar y publicar los consorcios seleccionados?")
    consecuencia_aprobacion = _(
        "Cada consorcio se publicará en el registro y en el mapa, y sus responsables recibirán un "
        "correo avisándoles. Un correo enviado no se puede retirar. Los ya publicados no cambian."
    )
    boton_aprobacion = _("Sí, aprobar y publicar")
    titulo_rechazo = _("Rechazar consorcios")
    plantilla_rechazo = "consorcios/admin/rechazar.html"

    def aprobar_uno(self, request, objeto: Consorcio) -> None:
        services.aprobar(consorcio=objeto, usuario=request.user)

    def rechazar_uno(self, request, objeto: Consorcio, motivo: str) -> None:
        services.rechazar(consorcio=objeto, usuario=request.user, motivo=motivo)

    aprobados = ngettext_lazy("Se publicó %(n)d consorcio.", "Se publicaron %(n)d consorcios.", "n")
    rechazados = ngettext_lazy("Se rechazó %(n)d consorcio.", "Se rechazaron %(n)d consorcios.", "n")
