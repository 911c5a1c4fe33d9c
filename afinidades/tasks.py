"""Background work of the matchmaking: never inside a request (issue 25)."""

from __future__ import annotations

from django.tasks import task


@task()
def recalcular_afinidades(*, consorcio_ids: list[int]) -> None:
    """Rewrite the matches of these consortia, and the pairs that point to them."""
    from .calculo import recalcular, recalcular_oportunidades

    recalcular(consorcio_ids)
    recalcular_oportunidades()


@task()
def recalcular_afinidades_oportunidades() -> None:
    """Rewrite the consortia that fit each open opportunity."""
    from .calculo import recalcular_oportunidades

    recalcular_oportunidades()
