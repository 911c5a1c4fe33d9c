"""Background sending of an issue, in batches, resumable.

The arrow goes one way: the admin action and ``manage.py reanudar_boletines`` call this module,
this module calls ``services``, and ``services`` never imports it.
"""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from . import services
from .models import Numero


@task()
def enviar_lote(numero_id: int) -> int:
    """Send a batch of an issue; enqueue the next batch while deliveries remain."""
    pendientes = services.entregar_pendientes(numero_id=numero_id)
    if pendientes:
        enviar_lote.enqueue(numero_id)
    return pendientes


def iniciar_envio(*, numero: Numero) -> int:
    """Record one delivery per active subscriber and enqueue the worker once that is committed.
    Safe to call twice. Returns how many deliveries are pending."""
    with transaction.atomic():
        pendientes = services.registrar_entregas(numero=numero)
        transaction.on_commit(lambda: enviar_lote.enqueue(numero.pk))
    return pendientes


def reanudar() -> list[int]:
    """Re-enqueue every issue with pending deliveries (after a worker died)."""
    numeros = services.numeros_con_entregas_pendientes()
    for numero_id in numeros:
        enviar_lote.enqueue(numero_id)
    return numeros
