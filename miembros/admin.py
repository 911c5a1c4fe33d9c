from django.contrib import admin

from .models import Institucion, Perfil


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
