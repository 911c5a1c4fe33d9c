from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForosConfig(AppConfig):
    name = "foros"
    verbose_name = _("Foros")
