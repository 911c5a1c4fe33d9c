from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OportunidadesConfig(AppConfig):
    name = "oportunidades"
    verbose_name = _("Oportunidades de cooperación")

    def ready(self) -> None:
        from comun.cache import vigilar

        from . import models

        # Consortia's and institutions' pages and the site search show the current opportunities:
        # a write makes the pages of the "oportunidades" section stale (comun/cache.py).
        vigilar(models.Oportunidad, secciones=["oportunidades"])
