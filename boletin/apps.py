from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoletinConfig(AppConfig):
    name = "boletin"
    verbose_name = _("Boletín")

    def ready(self) -> None:
        from miembros.signals import consentimiento_retirado

        from . import services

        consentimiento_retirado.connect(services.baja_por_consentimiento, dispatch_uid="boletin:consentimiento")
