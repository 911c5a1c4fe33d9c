from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import ClaveAPI


class NombreRepetido(Exception):
    """The member already has a live key of that name."""


@transaction.atomic
def crear_clave(*, miembro, nombre: str) -> tuple[ClaveAPI, str]:
    """A new key for the member; returns it and its full text, which is never shown again."""
    if ClaveAPI.objects.vigentes().filter(miembro=miembro, nombre=nombre).exists():
        raise NombreRepetido
    clave, texto = ClaveAPI.nueva(miembro=miembro, nombre=nombre)
    clave.save()
    return clave, texto


def revocar_clave(*, clave: ClaveAPI) -> None:
    """From now on the key is refused (401); it stays in the member's list as revoked."""
    ClaveAPI.objects.filter(pk=clave.pk, revocada_en__isnull=True).update(revocada_en=timezone.now())
