"""Staff's side of conversations: the report queue only. Conversations themselves are not browsable
in the admin; staff read one from its report (``conversaciones:denuncia_staff``), and each reading is
audited."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from . import services
from .models import Denuncia


@admin.register(Denuncia)
class DenunciaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "creada", "resuelta", "leer"]
    list_filter = ["resuelta"]
    list_select_related = ["mensaje"]
    readonly_fields = [
        "mensaje_id_",
        "denunciante_numero",
        "motivo",
        "creada",
        "resuelta",
        "resuelta_por",
        "resuelta_en",
        "leer",
    ]
    fields = readonly_fields
    actions = ["resolver"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=pgettext_lazy("conversaciones", "mensaje"))
    def mensaje_id_(self, obj: Denuncia) -> str:
        return f"#{obj.mensaje_id}"

    @admin.display(description=_("denunciante (número)"))
    def denunciante_numero(self, obj: Denuncia) -> str:
        return str(obj.denunciante_id or "—")

    @admin.display(description=_("conversación"))
    def leer(self, obj: Denuncia) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("conversaciones:denuncia_staff", args=[obj.pk]),
            _("Leer la conversación (queda registrado)"),
        )

    def has_resolver_permission(self, request) -> bool:
        return request.user.is_staff

    @admin.action(description=_("Marcar como resueltas"), permissions=["resolver"])
    def resolver(self, request, queryset) -> None:
        n = services.resolver(denuncias=queryset, por=request.user)
        self.message_user(
            request,
            ngettext("Se resolvió %(n)d denuncia.", "Se resolvieron %(n)d denuncias.", n) % {"n": n},
            messages.SUCCESS,
        )
