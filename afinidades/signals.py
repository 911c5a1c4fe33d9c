"""A change to a consortium recomputes its matches in the background, after the commit."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from consorcios.models import Consorcio, EmpresaMiembro
from oportunidades.models import Oportunidad

from .tasks import recalcular_afinidades, recalcular_afinidades_oportunidades


def _encolar(pks) -> None:
    pks = sorted({int(pk) for pk in pks if pk})
    if pks:
        transaction.on_commit(lambda: recalcular_afinidades.enqueue(consorcio_ids=pks))


def _consorcio_guardado(sender, instance: Consorcio, raw: bool = False, **kwargs) -> None:
    if not raw:
        _encolar([instance.pk])


def _empresa_guardada(sender, instance: EmpresaMiembro, raw: bool = False, **kwargs) -> None:
    if not raw:
        _encolar([instance.consorcio_id])


def _relacion_cambiada(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Sectors linked or unlinked, from either side."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        _encolar([instance.pk])
    elif pk_set:
        _encolar(pk_set)


def _oportunidad_cambiada(sender, instance=None, raw: bool = False, action: str = "post_add", **kwargs) -> None:
    """An opportunity saved, or its sectors changed: its fitting consortia are computed again."""
    if not raw and action in {"post_add", "post_remove", "post_clear"}:
        transaction.on_commit(recalcular_afinidades_oportunidades.enqueue)


def conectar() -> None:
    post_save.connect(_oportunidad_cambiada, sender=Oportunidad, dispatch_uid="afinidades:oportunidad")
    m2m_changed.connect(_oportunidad_cambiada, sender=Oportunidad.sectores.through, dispatch_uid="afinidades:op")
    post_save.connect(_consorcio_guardado, sender=Consorcio, dispatch_uid="afinidades:consorcio")
    post_save.connect(_empresa_guardada, sender=EmpresaMiembro, dispatch_uid="afinidades:empresa")
    m2m_changed.connect(_relacion_cambiada, sender=Consorcio.sectores.through, dispatch_uid="afinidades:sectores")
