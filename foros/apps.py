from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForosConfig(AppConfig):
    name = "foros"
    verbose_name = _("Foros")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from comun.cache import invalidar, vigilar
        from miembros.models import Perfil

        from . import models

        # What the forums' pages show (read marks, subscriptions and reports are private: not here).
        vigilar(models.Foro, models.Tema, models.Mensaje, Perfil, secciones=["foros"])

        def nombre_cambiado(update_fields=None, **kwargs) -> None:
            # Authors' names come from their account too; a sign-in saves only last_login.
            if update_fields is None or set(update_fields) - {"last_login"}:
                invalidar("foros")

        post_save.connect(nombre_cambiado, sender=get_user_model(), weak=False, dispatch_uid="cache:foros:usuario")
