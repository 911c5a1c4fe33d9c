from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsorciosConfig(AppConfig):
    name = "consorcios"
    verbose_name = _("Registro de consorcios")

    def ready(self) -> None:
        from comun.cache import vigilar
        from miembros.models import Institucion

        from . import models

        # What the registry's pages show: a write to any of these makes them stale (comun/cache.py).
        vigilar(
            models.Sector,
            models.Consorcio,
            models.EmpresaMiembro,
            models.IndicadorAnual,
            models.Actividad,
            Institucion,  # the promoting institutions' names, on profiles and in the filters
            secciones=["consorcios"],
        )
