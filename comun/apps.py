from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComunConfig(AppConfig):
    """The small base every app may use (Markdown, e-mail, upload validators, template tags,
    caching, the open-data licences). It imports no other app of the portal."""

    name = "comun"
    verbose_name = _("Base común")

    def ready(self) -> None:
        from .cache import SECCIONES, vigilar
        from .models import LicenciaDatos

        # Every section's pages name a licence (JSON-LD, the open-data page): all of them go stale.
        vigilar(LicenciaDatos, secciones=SECCIONES)
