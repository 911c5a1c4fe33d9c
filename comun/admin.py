"""What the admins of the models staff review share: approving after a confirmation page and
rejecting with a reason. The words and the service calls are each app's (this app imports none)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class RechazoForm(forms.Form):
    """The reason staff give when rejecting; it is e-mailed to the people concerned."""

    motivo = forms.CharField(label=_("motivo del rechazo"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class RevisionAdminMixin:
    """Bulk moderation for a ``ModelAdmin``. Each approval and each rejection e-mails someone, which
    cannot be taken back, so an approval first shows a page listing the rows it will change and a
    rejection asks for its reason on an intermediate page.

    The ModelAdmin declares its actions (their names and descriptions are its own) and calls
    ``aprobar_confirmando`` or ``rechazar_con_motivo`` from them; it sets the texts below and
    defines ``aprobar_uno(request, objeto)`` and ``rechazar_uno(request, objeto, motivo)`` with its
    app's services (this app imports none, so it cannot call them itself).
    """

    estado_aprobado: str  # rows already in this state are left alone by an approval
    orden_revision = "nombre"
    titulo_aprobacion: str  # the confirmation page's question
    consecuencia_aprobacion: str  # what will happen, to whom
    boton_aprobacion: str
    titulo_rechazo: str
    plantilla_rechazo: str  # extends admin/rechazar_con_motivo.html: to whom the reason goes, each row's name
    aprobados: str  # ngettext_lazy(…, …, "n"): the message after an approval, e.g. "%(n)d consortia published"
    rechazados: str

    def pendientes(self, queryset):
        return queryset.exclude(estado=self.estado_aprobado).order_by(self.orden_revision)

    def _contexto(self, request, **contexto) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "accion": request.POST["action"],  # the page posts back to the action that showed it
            **contexto,
        }

    def aprobar_confirmando(self, request, queryset) -> TemplateResponse | None:
        pendientes = self.pendientes(queryset)
        if not request.POST.get("confirmado"):
            return TemplateResponse(
                request,
                "admin/confirmar_accion.html",
                self._contexto(
                    request,
                    title=self.titulo_aprobacion,
                    objetos=pendientes,
                    consecuencia=self.consecuencia_aprobacion,
                    boton=self.boton_aprobacion,
                    action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
                ),
            )
        n = 0
        for objeto in pendientes:
            self.aprobar_uno(request, objeto)
            n += 1
        self.message_user(request, self.aprobados % {"n": n}, messages.SUCCESS)
        return None

    def rechazar_con_motivo(self, request, queryset) -> TemplateResponse | None:
        form = RechazoForm(request.POST if "aplicar" in request.POST else None)
        if form.is_valid():
            with transaction.atomic():
                n = 0
                for objeto in queryset:
                    self.rechazar_uno(request, objeto, form.cleaned_data["motivo"])
                    n += 1
            self.message_user(request, self.rechazados % {"n": n}, messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            self.plantilla_rechazo,
            self._contexto(
                request,
                title=self.titulo_rechazo,
                objetos=queryset,
                form=form,
                seleccion=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            ),
        )
