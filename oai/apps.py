from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class OaiConfig(AppConfig):
    name = "oai"
    verbose_name = _("OAI-PMH")

    def ready(self) -> None:
        from biblioteca.models import Documento

        from .models import anotar_borrado

        # Every deletion, the admin's bulk one included, sends it (QuerySet.delete() collects).
        pre_delete.connect(anotar_borrado, sender=Documento, dispatch_uid="oai_anotar_borrado")
