from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AfinidadesConfig(AppConfig):
    name = "afinidades"
    verbose_name = _("Afinidades entre consorcios")

    def ready(self) -> None:
        from . import signals

        signals.conectar()
