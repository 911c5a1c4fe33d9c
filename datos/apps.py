from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatosConfig(AppConfig):
    """Open data: the "Datos abiertos" page, its DCAT-AP description and the nightly full dumps.

    It reads every content app (like boletin) and nothing imports it."""

    name = "datos"
    verbose_name = _("Datos abiertos")
