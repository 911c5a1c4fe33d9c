from django.contrib import admin

from .models import Baja, Consentimiento, Perfil, RegistroAuditoria

# Institucion's admin is red.admin.InstitucionAdmin: approving an application links consortia
# (red.services), which this app may not import (README, "Architecture").


@admin.register(Perfil)
class PerfilAdmin(admin.ModelAdmin):
    list_display = ["__str__", "usuario", "rol", "institucion", "pais", "idioma"]
    list_filter = ["rol", "idioma", "pais"]
    list_select_related = ["usuario", "institucion"]
    search_fields = ["nombre", "usuario__email", "institucion__nombre"]
    autocomplete_fields = ["usuario", "institucion"]


@admin.register(Consentimiento)
class ConsentimientoAdmin(admin.ModelAdmin):
    list_display = ["usuario", "tipo", "descripcion", "version", "formulario", "dado_en", "retirado_en"]
    list_filter = ["tipo", "version"]
    list_select_related = ["usuario"]
    search_fields = ["usuario__email", "descripcion"]
    autocomplete_fields = ["usuario"]
    date_hierarchy = "dado_en"


@admin.register(Baja)
class BajaAdmin(admin.ModelAdmin):
    """Accounts deactivated and waiting to be erased: staff see when, and may not edit the request."""

    list_display = ["usuario", "solicitada_en", "borrar_desde", "conservar_mensajes"]
    list_select_related = ["usuario"]
    search_fields = ["usuario__email"]
    date_hierarchy = "borrar_desde"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RegistroAuditoria)
class RegistroAuditoriaAdmin(admin.ModelAdmin):
    """Read-only: an audit log nobody edits or deletes from the admin."""

    list_display = ["cuando", "accion", "miembro_id", "staff", "motivo"]
    list_filter = ["accion"]
    list_select_related = ["staff"]
    search_fields = ["=miembro_id", "motivo"]
    date_hierarchy = "cuando"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
