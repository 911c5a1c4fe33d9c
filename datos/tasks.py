"""Background work of the open data: the nightly full dumps."""

from __future__ import annotations

from django.tasks import task


@task()
def reconstruir_volcados() -> list[str]:
    """Rebuild every dump (datos/volcados.py); returns the files written."""
    from .volcados import reconstruir

    return [volcado.nombre for volcado in reconstruir()]
