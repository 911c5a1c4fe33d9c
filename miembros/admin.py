from django.contrib import admin

from .models import Consentimiento, Perfil

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
