"""Admin of this app; imported explicitly by redconsorcios.admin.

Moderation actions go through foros.services, so the topic counters stay right.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import Foro, Mensaje, Reporte, Suscripcion, Tema


@admin.register(Foro)
class ForoAdmin(TranslationAdmin):
    """The forum's name and description in es, pt and en (foros/translation.py)."""

    list_display = ["nombre", "slug", "tipo", "orden", "solo_staff"]
    list_editable = ["orden", "solo_staff"]
    list_filter = ["tipo", "solo_staff"]
    search_fields = ["nombre_es", "nombre_pt", "nombre_en", "descripcion_es"]
    prepopulated_fields = {"slug": ["nombre"]}


def _marcar(funcion, valor: bool, descripcion):
    def accion(modeladmin, request: HttpRequest, queryset: QuerySet[Tema]) -> None:
        for tema in queryset:
            funcion(tema=tema, por=request.user, valor=valor)
        modeladmin.message_user(request, _("Temas actualizados: %(n)d.") % {"n": len(queryset)}, messages.SUCCESS)

    accion.__name__ = f"{funcion.__name__}_{'si' if valor else 'no'}"
    return admin.action(description=descripcion)(accion)


@admin.register(Tema)
class TemaAdmin(admin.ModelAdmin):
    list_display = ["titulo", "foro", "autor", "respuestas", "ultima_actividad", "fijado", "cerrado", "destacado"]
    list_filter = ["foro", "foro__tipo", "fijado", "cerrado", "destacado"]
    list_select_related = ["foro", "autor"]
    search_fields = ["titulo"]
    autocomplete_fields = ["foro", "autor", "consorcio", "institucion"]
    readonly_fields = ["respuestas", "ultimo_mensaje", "creado", "ultima_actividad"]
    date_hierarchy = "ultima_actividad"
    actions = [
        _marcar(services.fijar, True, _("Fijar los temas seleccionados")),
        _marcar(services.fijar, False, _("Desfijar los temas seleccionados")),
        _marcar(services.cerrar, True, _("Cerrar los temas seleccionados")),
        _marcar(services.cerrar, False, _("Reabrir los temas seleccionados")),
        _marcar(services.destacar, True, _("Destacar en la portada")),
        _marcar(services.destacar, False, _("Quitar de la portada")),
    ]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "titulo" in form.changed_data:
            services.indexar_titulo(tema=obj)  # the title lives in the opening post's search vector


@admin.register(Mensaje)
class MensajeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "autor", "creado", "editado_en", "oculto", "aceptada"]
    list_filter = ["oculto", "aceptada", "tema__foro"]
    list_select_related = ["tema", "autor"]
    search_fields = ["fuente", "tema__titulo"]
    autocomplete_fields = ["tema", "autor"]
    readonly_fields = ["tema", "autor", "fuente", "html", "creado", "editado_en", "oculto", "oculto_por", "aceptada"]
    fields = [*readonly_fields, "motivo_ocultacion"]
    date_hierarchy = "creado"
    actions = ["ocultar", "mostrar"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # posts are written on the site, where their HTML is made and counted

    def delete_model(self, request: HttpRequest, obj: Mensaje) -> None:
        services.borrar(mensajes=Mensaje.objects.filter(pk=obj.pk), por=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Mensaje]) -> None:
        services.borrar(mensajes=queryset, por=request.user)  # the topics' counters are recounted

    @admin.action(description=_("Ocultar los mensajes seleccionados (motivo: infringe las normas)"))
    def ocultar(self, request: HttpRequest, queryset: QuerySet[Mensaje]) -> None:
        for mensaje in queryset:
            services.ocultar(
                mensaje=mensaje,
                por=request.user,
                motivo=mensaje.motivo_ocultacion or _("Infringe las normas del foro."),
            )
        self.message_user(request, _("Mensajes ocultados: %(n)d.") % {"n": len(queryset)}, messages.SUCCESS)

    @admin.action(description=_("Mostrar de nuevo los mensajes seleccionados"))
    def mostrar(self, request: HttpRequest, queryset: QuerySet[Mensaje]) -> None:
        for mensaje in queryset:
            services.mostrar(mensaje=mensaje, por=request.user)
        self.message_user(request, _("Mensajes visibles de nuevo: %(n)d.") % {"n": len(queryset)}, messages.SUCCESS)


@admin.register(Reporte)
class ReporteAdmin(admin.ModelAdmin):
    list_display = ["mensaje", "usuario", "estado", "creado", "resuelto_por"]
    list_filter = ["estado"]
    list_select_related = ["mensaje__tema", "usuario", "resuelto_por"]
    search_fields = ["motivo", "mensaje__fuente"]
    autocomplete_fields = ["mensaje", "usuario"]
    readonly_fields = ["resuelto_por", "resuelto_en", "creado"]
    actions = ["resolver", "descartar"]

    @admin.action(description=_("Marcar como resueltos"))
    def resolver(self, request: HttpRequest, queryset: QuerySet[Reporte]) -> None:
        for reporte in queryset:
            services.resolver_reporte(reporte=reporte, por=request.user, estado=Reporte.Estado.RESUELTO)
        self.message_user(request, _("Reportes resueltos: %(n)d.") % {"n": len(queryset)}, messages.SUCCESS)

    @admin.action(description=_("Descartar"))
    def descartar(self, request: HttpRequest, queryset: QuerySet[Reporte]) -> None:
        for reporte in queryset:
            services.resolver_reporte(reporte=reporte, por=request.user, estado=Reporte.Estado.DESCARTADO)
        self.message_user(request, _("Reportes descartados: %(n)d.") % {"n": len(queryset)}, messages.SUCCESS)


@admin.register(Suscripcion)
class SuscripcionAdmin(admin.ModelAdmin):
    list_display = ["usuario", "tema", "foro", "creada"]
    list_filter = ["foro"]
    list_select_related = ["usuario", "tema", "foro"]
    search_fields = ["usuario__email", "tema__titulo", "foro__nombre"]
    autocomplete_fields = ["usuario", "tema", "foro"]
