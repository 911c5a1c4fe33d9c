from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeguimientosConfig(AppConfig):
    name = "seguimientos"
    verbose_name = _("Seguimientos y Mi red")
