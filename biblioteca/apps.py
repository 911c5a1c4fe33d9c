from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BibliotecaConfig(AppConfig):
    name = "biblioteca"
    verbose_name = _("Biblioteca virtual")

    def ready(self) -> None:
        from comun.cache import vigilar
        from miembros.models import Institucion

        from .models import Documento, Evento, Noticia, Tema

        # What the library's public pages show: a write to any of these makes them stale
        # (comun/cache.py). Bulk writes send no signal and call invalidar("biblioteca") themselves.
        vigilar(
            Tema,
            Documento,
            Noticia,
            Evento,
            Institucion,  # the publishing institution's name, on documents and results
            secciones=["biblioteca"],
        )
