from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BibliotecaConfig(AppConfig):
    name = "biblioteca"
    verbose_name = _("Biblioteca virtual")
