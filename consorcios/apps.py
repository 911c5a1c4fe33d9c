from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsorciosConfig(AppConfig):
    name = "consorcios"
    verbose_name = _("Registro de consorcios")
