"""Explicit admin registration.

We use SimpleAdminConfig instead of admin autodiscovery because
django-leaflet's admin module imports GeoDjango, which needs the GDAL system
library. Each app's admin module is imported here instead.
"""

from allauth.account import admin as allauth_admin  # noqa: F401
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy
from django_tasks_db import admin as tareas_admin  # noqa: F401  (failed tasks, e.g. lost e-mails, with their traceback)

import biblioteca.admin  # noqa: F401
import boletin.admin  # noqa: F401
import consorcios.admin  # noqa: F401
import conversaciones.admin  # noqa: F401  (reports of private messages; conversations themselves are not here)
import datos.admin  # noqa: F401
import foros.admin  # noqa: F401
import miembros.admin  # noqa: F401
import oportunidades.admin  # noqa: F401  (review of cooperation opportunities)
import red.admin  # noqa: F401  (the institutions: review of applications, their members)
import seguimientos.admin  # noqa: F401
from miembros import services as miembros_services
from miembros.models import RegistroAuditoria

from . import exportacion

# Django 6.1's admin says these in English: its es and pt catalogues lack them (new or changed
# msgids). Marked here, makemessages keeps them in locale/, whose translations come before
# Django's own (LOCALE_PATHS). The admin's JavaScript ones (the time-zone note, the calendar's
# shortcuts) are in locale/<es|pt>/LC_MESSAGES/djangojs.po, kept by hand: makemessages does not
# write that domain here. tests/portal/test_admin_idioma.py finds any that is still missing.
MENSAJES_DEL_ADMIN_DE_DJANGO = [
    gettext_noop("Run"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Logout"),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected "
        "related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following "
        "related items will be deleted:"
    ),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
]


class MiembroAdmin(auth_admin.UserAdmin):
    """Django's user admin, plus what staff do for a member who asks outside the portal (by e-mail, by
    letter): prepare the copy of their data, or delete their account. Each leaves an audit record."""

    actions = ["exportar_a_peticion", "dar_de_baja_a_peticion"]

    def _confirmar(self, request, queryset, *, accion: str, titulo, consecuencia, boton) -> TemplateResponse:
        return TemplateResponse(
            request,
            "admin/confirmar_peticion.html",
            {
                **self.admin_site.each_context(request),
                "title": titulo,
                "opts": self.model._meta,
                "objetos": queryset,
                "consecuencia": consecuencia,
                "accion": accion,
                "boton": boton,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Preparar la copia de sus datos (a petición del miembro)"), permissions=["change"])
    def exportar_a_peticion(self, request, queryset) -> TemplateResponse | None:
        motivo = request.POST.get("motivo", "").strip()
        if not (request.POST.get("confirmado") and motivo):
            return self._confirmar(
                request,
                queryset,
                accion="exportar_a_peticion",
                titulo=_("¿Preparar la copia de los datos de estos miembros?"),
                consecuencia=_(
                    "Cada miembro recibirá en su dirección un enlace para descargar la copia de sus datos, con su "
                    "sesión iniciada. La acción queda en el registro de auditoría con su nombre y la petición."
                ),
                boton=_("Sí, preparar y enviar"),
            )
        for usuario in queryset:
            exportacion.solicitar_exportacion(usuario=usuario)
            miembros_services.auditar(
                staff=request.user,
                accion=RegistroAuditoria.Accion.EXPORTACION,
                miembro_id=usuario.pk,
                motivo=motivo,
            )
        self.message_user(request, _("Copias pedidas: los miembros recibirán el enlace por correo."), messages.SUCCESS)
        return None

    @admin.action(description=_("Dar de baja su cuenta (a petición del miembro)"), permissions=["change"])
    def dar_de_baja_a_peticion(self, request, queryset) -> TemplateResponse | None:
        motivo = request.POST.get("motivo", "").strip()
        miembros = queryset.filter(is_staff=False, is_superuser=False)
        if not (request.POST.get("confirmado") and motivo):
            return self._confirmar(
                request,
                miembros,
                accion="dar_de_baja_a_peticion",
                titulo=_("¿Dar de baja las cuentas de estos miembros?"),
                consecuencia=_(
                    "Cada cuenta se desactiva ahora y se borra al terminar el plazo de gracia; si el miembro inicia "
                    "sesión antes, la recupera. Sus mensajes conservan el texto, firmados «Miembro retirado». Las "
                    "cuentas del equipo no se dan de baja desde aquí. La acción queda en el registro de auditoría."
                ),
                boton=_("Sí, dar de baja"),
            )
        for usuario in miembros:
            miembros_services.solicitar_baja(
                usuario=usuario, conservar_mensajes=True, staff=request.user, motivo=motivo
            )
        self.message_user(request, _("Cuentas desactivadas; se borrarán al terminar el plazo."), messages.SUCCESS)
        return None


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), MiembroAdmin)
