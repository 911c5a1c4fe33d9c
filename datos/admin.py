from django.contrib import admin

from comun.models import LicenciaDatos

from .models import Volcado


@admin.register(LicenciaDatos)
class LicenciaDatosAdmin(admin.ModelAdmin):
    """Staff choose the licence of each kind of open data; the page and the DCAT show it."""

    list_display = ["conjunto", "licencia"]
    list_editable = ["licencia"]


@admin.register(Volcado)
class VolcadoAdmin(admin.ModelAdmin):
    """The nightly dumps, read-only: ``manage.py reconstruir_volcados`` writes them."""

    list_display = ["nombre", "filas", "tamano", "generado"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
