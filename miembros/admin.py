from django.contrib import admin

from .models import Consentimiento, Institucion, Perfil


@admin.register(Institucion)
class InstitucionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "sigla", "tipo", "pais"]
    list_filter = ["tipo", "pais"]
    search_fields = ["nombre", "sigla"]


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
