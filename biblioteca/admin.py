"""Admin of this app; imported explicitly by redconsorcios.admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from comun.admin import RevisionAdminMixin
from comun.cache import invalidar

from . import services
from .models import Documento, Evento, Inscripcion, Noticia, SesionEvento, Tema
from .tasks import extraer_texto_documento
from .validators import validar_documento


@admin.register(Tema)
class TemaAdmin(TranslationAdmin):
    list_display = ["nombre", "slug"]
    search_fields = ["nombre_es", "nombre_pt", "nombre_en"]
    prepopulated_fields = {"slug": ["nombre"]}


class DocumentoAdminForm(forms.ModelForm):
    class Meta:
        model = Documento
        fields = [
            "titulo", "slug", "tipo", "resumen", "autores", "institucion", "paises", "idioma", "anio", "fecha",
            "temas", "consorcios", "licencia", "archivo", "enlace", "portada", "motivo_rechazo", "subido_por",
        ]  # fmt: skip

    # Staff who add a document publish it in the same form (it is theirs: no one to review it).
    publicar = forms.BooleanField(
        label=_("Publicar al guardar"),
        required=False,
        help_text=_("Se publica con la fecha de hoy. Sin marcar, queda pendiente de revisión."),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data.get("archivo")
        self.formato = None
        if archivo and hasattr(archivo, "content_type"):  # a new upload: check it like members' uploads
            self.formato = validar_documento(archivo)
        return archivo


@admin.display(description=_("vista previa"))
def vista_previa(obj) -> str:
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Ver"))


@admin.register(Documento)
class DocumentoAdmin(RevisionAdminMixin, admin.ModelAdmin):
    form = DocumentoAdminForm
    list_display = ["titulo", "tipo", "anio", "idioma", "estado", "institucion", "subido_por", vista_previa]
    list_filter = ["estado", "tipo", "idioma", "anio"]
    list_select_related = ["institucion", "subido_por"]
    search_fields = ["titulo", "autores", "resumen"]
    autocomplete_fields = ["institucion", "subido_por", "consorcios"]
    filter_horizontal = ["temas"]
    prepopulated_fields = {"slug": ["titulo"]}
    readonly_fields = ["estado", "nombre_original", "tamano", "tipo_mime", "publicado_en", "creado", "actualizado"]
    date_hierarchy = "creado"
    actions = ["publicar", "rechazar"]
    fieldsets = [
        (None, {"fields": ["titulo", "slug", "tipo", "resumen", "autores", "institucion", "paises", "idioma"]}),
        (_("Publicación"), {"fields": ["anio", "fecha", "temas", "licencia"]}),
        (_("Archivo y enlace"), {"fields": ["archivo", "enlace", "portada", "nombre_original", "tamano", "tipo_mime"]}),
        (
            _("Revisión"),
            {"fields": ["estado", "motivo_rechazo", "subido_por", "publicado_en", "creado", "actualizado"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """The "publish" box only while the document is not published yet."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.publicado:
            return fieldsets
        *otros, (titulo, opciones) = fieldsets
        return [*otros, (titulo, {**opciones, "fields": ["publicar", *opciones["fields"]]})]

    def save_model(self, request, obj, form, change):
        formato = getattr(form, "formato", None)
        if formato is not None:
            obj.nombre_original = obj.archivo.name.rsplit("/", 1)[-1][:255]
            obj.tamano = obj.archivo.size
            obj.tipo_mime = formato.mime
            obj.archivo.name = f"documento.{formato.extension}"
        if not change and obj.subido_por_id is None:
            obj.subido_por = request.user
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("publicar") and not obj.publicado:
            services.publicar_documento(documento=obj)
        if formato is not None:
            transaction.on_commit(lambda: extraer_texto_documento.enqueue(documento_id=obj.pk))

    @admin.action(description=_("Publicar los documentos seleccionados"), permissions=["change"])
    def publicar(self, request, queryset) -> TemplateResponse | None:
        return self.aprobar_confirmando(request, queryset)

    @admin.action(description=_("Rechazar los documentos seleccionados…"), permissions=["change"])
    def rechazar(self, request, queryset) -> TemplateResponse | None:
        return self.rechazar_con_motivo(request, queryset.select_related("subido_por__perfil"))

    # Moderation (comun.admin.RevisionAdminMixin): each publication e-mails the uploader.
    estado_aprobado = Documento.Estado.PUBLICADO
    orden_revision = "titulo"
    titulo_aprobacion = _("¿Publicar los documentos seleccionados?")
    consecuencia_aprobacion = _(
        "Cada documento se publicará en la biblioteca y quien lo subió recibirá un correo "
        "avisándole. Un correo enviado no se puede retirar. Los ya publicados no cambian."
    )
    boton_aprobacion = _("Sí, publicar")
    titulo_rechazo = _("Rechazar documentos")
    plantilla_rechazo = "admin/biblioteca/rechazar.html"

    def pendientes(self, queryset):
        return super().pendientes(queryset).select_related("subido_por__perfil")

    def aprobar_uno(self, request, objeto: Documento) -> None:
        services.publicar_documento(documento=objeto)

    def rechazar_uno(self, request, objeto: Documento, motivo: str) -> None:
        services.rechazar_documento(documento=objeto, motivo=motivo)

    aprobados = ngettext_lazy("Se publicó %(n)d documento.", "Se publicaron %(n)d documentos.", "n")
    rechazados = ngettext_lazy("Se rechazó %(n)d documento.", "Se rechazaron %(n)d documentos.", "n")


class PublicacionAdmin(TranslationAdmin):
    """News and events: their texts in es, pt and en, side by side (biblioteca/translation.py)."""

    list_filter = ["estado"]
    search_fields = ["titulo_es", "titulo_pt", "titulo_en"]
    prepopulated_fields = {"slug": ["titulo"]}
    actions = ["publicar", "pasar_a_borrador"]

    @admin.action(description=_("Publicar los elementos seleccionados"), permissions=["change"])
    def publicar(self, request, queryset):
        n = queryset.update(estado=self.model.Estado.PUBLICADO)
        invalidar("biblioteca")  # update() sends no signal
        self.message_user(request, ngettext("Se publicó %d elemento.", "Se publicaron %d elementos.", n) % n)

    @admin.action(description=_("Pasar a borrador los elementos seleccionados"), permissions=["change"])
    def pasar_a_borrador(self, request, queryset):
        n = queryset.update(estado=self.model.Estado.BORRADOR)
        invalidar("biblioteca")  # update() sends no signal
        self.message_user(request, ngettext("%d elemento pasó a borrador.", "%d elementos pasaron a borrador.", n) % n)


@admin.register(Noticia)
class NoticiaAdmin(PublicacionAdmin):
    list_display = ["titulo", "publicada_en", "estado", vista_previa]
    date_hierarchy = "publicada_en"
    fields = [
        "titulo",
        "slug",
        "resumen",
        "cuerpo",
        "imagen",
        "publicada_en",
        "estado",
        "eventos",
        "consorcios",
        "instituciones",
    ]
    autocomplete_fields = ["eventos", "consorcios", "instituciones"]


class InscripcionInline(admin.TabularInline):
    """Who registered, read-only: places change only through the members' own forms and the waiting list."""

    model = Inscripcion
    extra = 0
    can_delete = False
    fields = ["usuario", "estado", "creada", "compartir_datos", "asistio"]
    readonly_fields = fields
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class SesionEventoInline(TranslationStackedInline):
    model = SesionEvento
    extra = 0
    fields = ["orden", "titulo", "ponentes", "sala", "inicio", "fin", "documentos"]
    autocomplete_fields = ["documentos"]


@admin.display(description=_("inscripciones"))
def enlace_asistentes(obj) -> str:
    if not obj.pk or not obj.inscripciones_abiertas:
        return "—"
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">CSV</a>',
        reverse("biblioteca:asistentes", args=[obj.slug]),
        _("Lista de asistentes"),
        reverse("biblioteca:asistentes_csv", args=[obj.slug]),
    )


@admin.register(Evento)
class EventoAdmin(PublicacionAdmin):
    list_display = ["titulo", "inicio", "fin", "modalidad", "pais", "estado", enlace_asistentes, vista_previa]
    list_filter = ["estado", "modalidad", "pais", "inscripciones_abiertas"]
    date_hierarchy = "inicio"
    fields = [
        "titulo",
        "slug",
        "descripcion",
        "inicio",
        "fin",
        "modalidad",
        "lugar",
        "pais",
        "enlace",
        "estado",
        "inscripciones_abiertas",
        "cupo",
        "organizadores",
        "consorcios",
        enlace_asistentes,
    ]
    readonly_fields = [enlace_asistentes]
    autocomplete_fields = ["organizadores", "consorcios"]
    inlines = [SesionEventoInline, InscripcionInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "cupo" in form.changed_data:
            services.completar_cupo(evento=obj)  # a larger cupo confirms the waiting list in order
