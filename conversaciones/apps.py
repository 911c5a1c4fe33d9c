from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversacionesConfig(AppConfig):
    name = "conversaciones"
    verbose_name = _("Conversaciones")
