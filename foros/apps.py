from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForosConfig(AppConfig):
    name = "foros"
    verbose_name = _("Foros")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save, pre_delete

        from comun.cache import invalidar, vigilar
        from consorcios.models import Consorcio
        from miembros.models import Perfil

        from . import models

        # What the forums' pages show (read marks, subscriptions and reports are private: not here).
        vigilar(models.Foro, models.Tema, models.Mensaje, Perfil, secciones=["foros"])

        def nombre_cambiado(update_fields=None, **kwargs) -> None:
            # Authors' names come from their account too; a sign-in saves only last_login.
            if update_fields is None or set(update_fields) - {"last_login"}:
                invalidar("foros")

        post_save.connect(nombre_cambiado, sender=get_user_model(), weak=False, dispatch_uid="cache:foros:usuario")

        def consorcio_cambiado(instance, **kwargs) -> None:
            # A topic names and links its consortium: only a consortium that has topics makes the
            # forums stale (any other save of the registry leaves them kept). Before a deletion, as
            # the topics' link is then cleared with an update, which sends no signal.
            if models.Tema.objects.filter(consorcio_id=instance.pk).exists():
                invalidar("foros")

        for senal in (post_save, pre_delete):
            senal.connect(
                consorcio_cambiado, sender=Consorcio, weak=False, dispatch_uid=f"cache:foros:consorcio:{senal}"
            )
