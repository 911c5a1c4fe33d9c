from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MiembrosConfig(AppConfig):
    name = "miembros"
    verbose_name = _("Miembros e instituciones")

    def ready(self) -> None:
        from . import signals  # noqa: F401
