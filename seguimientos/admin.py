from django.contrib import admin

from .models import PreferenciasSeguimiento, Seguimiento


@admin.register(Seguimiento)
class SeguimientoAdmin(admin.ModelAdmin):
    list_display = ["miembro", "consorcio", "institucion", "pais", "sector", "foro", "tipo_oportunidad", "creado"]
    list_filter = ["tipo_oportunidad", "sector"]
    search_fields = ["miembro__email", "consorcio__nombre", "institucion__nombre", "foro__nombre"]
    list_select_related = ["miembro", "consorcio", "institucion", "sector", "foro"]
    autocomplete_fields = ["miembro", "consorcio", "institucion"]
    date_hierarchy = "creado"


@admin.register(PreferenciasSeguimiento)
class PreferenciasSeguimientoAdmin(admin.ModelAdmin):
    list_display = ["miembro", "frecuencia", "ultimo_resumen_en", "creado"]
    list_filter = ["frecuencia"]
    search_fields = ["miembro__email"]
    list_select_related = ["miembro"]
    autocomplete_fields = ["miembro"]
    # The feed's secret is the member's: staff see neither it nor a way to set it.
    exclude = ["token_feed"]
    readonly_fields = ["ultimo_resumen_en", "creado"]
