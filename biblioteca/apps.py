from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _precalcular_al_confirmar(**kwargs) -> None:
    """After a document is saved or deleted, and once it is committed: the slow searches again."""
    from .tasks import precalcular_busquedas

    transaction.on_commit(precalcular_busquedas.enqueue, robust=True)


class BibliotecaConfig(AppConfig):
    name = "biblioteca"
    verbose_name = _("Biblioteca virtual")

    def ready(self) -> None:
        from .models import Documento

        post_save.connect(_precalcular_al_confirmar, sender=Documento, dispatch_uid="biblioteca-precalcular-save")
        post_delete.connect(_precalcular_al_confirmar, sender=Documento, dispatch_uid="biblioteca-precalcular-delete")
