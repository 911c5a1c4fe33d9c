from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedConfig(AppConfig):
    name = "red"
    verbose_name = _("La Red: instituciones miembro")

    def ready(self) -> None:
        from comun.cache import vigilar
        from consorcios.models import Consorcio
        from miembros.models import MiembroInstitucion

        # The institutions' pages and filters show their consortia (and their sectors) and their
        # links: those writes make the "red" section stale too (miembros watches Institucion).
        vigilar(Consorcio, MiembroInstitucion, secciones=["red"])
