from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import services, tasks
from .models import Elemento, Entrega, Numero, Suscriptor


@admin.register(Suscriptor)
class SuscriptorAdmin(admin.ModelAdmin):
    list_display = ["email", "usuario", "idioma", "creado", "confirmado_en", "baja_en"]
    list_filter = ["idioma", ("confirmado_en", admin.EmptyFieldListFilter), ("baja_en", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["usuario"]
    autocomplete_fields = ["usuario"]


class ElementoInline(admin.TabularInline):
    model = Elemento
    extra = 0
    fields = ["incluido", "seccion", "orden", "titulo", "url", "resumen"]


@admin.register(Numero)
class NumeroAdmin(admin.ModelAdmin):
    list_display = ["numero", "titulo", "creado", "enviado_en", "entregas_enviadas", "vista_previa"]
    readonly_fields = ["creado", "enviado_en"]
    inlines = [ElementoInline]
    actions = ["enviar_prueba", "enviar_a_suscriptores"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        numero, desde = services.siguiente_numero()
        return {"numero": numero, "desde": desde}

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            cuantos = services.prellenar(numero=obj)
            messages.info(request, _("Se añadieron %(n)s elementos de la actividad reciente.") % {"n": cuantos})

    def get_queryset(self, request: HttpRequest):
        # Both delivery counts in the list's one query, not two more per issue.
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_entregas=Count("entregas"),
                n_enviadas=Count("entregas", filter=Q(entregas__enviado_en__isnull=False)),
            )
        )

    @admin.display(description=_("entregas enviadas"))
    def entregas_enviadas(self, obj: Numero) -> str:
        return f"{obj.n_enviadas} / {obj.n_entregas}"

    @admin.display(description=_("vista previa"))
    def vista_previa(self, obj: Numero) -> str:
        url = reverse("admin:boletin_numero_vista_previa", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Ver"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/vista-previa/",
                self.admin_site.admin_view(self.vista_previa_view),
                name="boletin_numero_vista_previa",
            ),
            *super().get_urls(),
        ]

    def vista_previa_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        numero = get_object_or_404(Numero.objects.prefetch_related("elementos"), pk=pk)
        correo = services.mensaje(numero=numero, email=request.user.email, idioma=get_language(), enlace_baja=None)
        return HttpResponse(correo.alternatives[0].content)

    @admin.action(description=_("Enviarme una prueba por correo"))
    def enviar_prueba(self, request: HttpRequest, queryset) -> None:
        for numero in queryset.prefetch_related("elementos"):
            services.enviar_prueba(numero=numero, email=request.user.email, idioma=get_language())
        self.message_user(request, _("Prueba enviada a %(email)s.") % {"email": request.user.email})

    @admin.action(description=_("Enviar a todos los suscriptores"), permissions=["change"])
    def enviar_a_suscriptores(self, request: HttpRequest, queryset) -> TemplateResponse | None:
        """Sends nothing until staff confirm on a page that says to how many people, as Django's own
        "delete selected" asks before deleting."""
        if not request.POST.get("confirmado"):
            return TemplateResponse(
                request,
                "boletin/admin/confirmar_envio.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("¿Enviar a todos los suscriptores?"),
                    "opts": self.model._meta,
                    "objetos": queryset.order_by("numero"),
                    "suscriptores": Suscriptor.objects.activos().count(),
                    "accion": "enviar_a_suscriptores",
                    "boton": _("Sí, enviar ahora"),
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for numero in queryset:
            pendientes = tasks.iniciar_envio(numero=numero)
            self.message_user(
                request,
                _("Número %(n)s: envío en curso a %(p)s suscriptores.") % {"n": numero.numero, "p": pendientes},
            )
        return None


@admin.register(Entrega)
class EntregaAdmin(admin.ModelAdmin):
    list_display = ["numero", "suscriptor", "enviado_en"]
    list_filter = ["numero", ("enviado_en", admin.EmptyFieldListFilter)]
    list_select_related = ["numero", "suscriptor"]
    search_fields = ["suscriptor__email"]
    raw_id_fields = ["suscriptor"]
