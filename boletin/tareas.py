from django.tasks import task

from . import services


@task()
def enviar_lote(numero_id: int) -> int:
    """Send a batch of an issue; enqueue the next batch while deliveries remain."""
    pendientes = services.entregar_pendientes(numero_id=numero_id)
    if pendientes:
        enviar_lote.enqueue(numero_id)
    return pendientes
