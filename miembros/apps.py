from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MiembrosConfig(AppConfig):
    name = "miembros"
    verbose_name = _("Miembros e instituciones")

    def ready(self) -> None:
        from comun.cache import vigilar

        from . import models, signals  # noqa: F401

        # Institutions are listed in the profile form's select (the registry and the library
        # watch them too, for their own pages); profiles are the promoters' public pages.
        vigilar(models.Institucion, models.Perfil, secciones=["red"])
