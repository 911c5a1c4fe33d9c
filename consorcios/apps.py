from django.apps import AppConfig
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _


def _etiquetas_tras_sectores(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Linking or unlinking sectors writes the search labels of the consortia concerned again."""
    from .models import Consorcio

    if reverse and action == "pre_clear":  # a sector unlinked from all: remember from which
        instance._consorcios_antes = list(instance.consorcios.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        pks = [instance.pk]
    elif action == "post_clear":
        pks = getattr(instance, "_consorcios_antes", [])
    else:
        pks = list(pk_set or ())
    Consorcio.objects.filter(pk__in=pks).actualizar_etiquetas()


class ConsorciosConfig(AppConfig):
    name = "consorcios"
    verbose_name = _("Registro de consorcios")

    def ready(self) -> None:
        from comun.cache import vigilar
        from miembros.models import Institucion
        from miembros.signals import consentimiento_retirado

        from . import models, services

        consentimiento_retirado.connect(services.dejar_de_publicar_contacto, dispatch_uid="consorcios:contacto")
        m2m_changed.connect(
            _etiquetas_tras_sectores, sender=models.Consorcio.sectores.through, dispatch_uid="consorcios:etiquetas"
        )
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
