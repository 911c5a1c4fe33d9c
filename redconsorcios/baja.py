"""Erasing a member's account, and the retention periods (README "Personal data").

A member asks from their profile (``miembros.services.solicitar_baja``): the account is deactivated at
once and erased here once its grace period is over. Erasure spans the apps, so the project composes it,
as it does the data export: each app's ``borrar_datos_de_miembro(usuario, conservar_mensajes=…)`` takes
what is the member's out of its records (posts stay signed "Miembro retirado", consortia stay with their
other responsables or with staff, published documents stay), then the account itself is deleted with
everything that cascades from it (profile, consents, addresses, second factors, subscriptions).

``manage.py retencion`` runs it all daily: accounts past their grace period, accounts never confirmed,
the boletín's old records, expired exports.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

import afinidades.services
import biblioteca.services
import boletin.services
import consorcios.services
import conversaciones.services
import foros.services
import seguimientos.services
from miembros import services as miembros
from miembros.models import Baja, Consentimiento, RegistroAuditoria

from . import exportacion

logger = logging.getLogger(__name__)

SERVICIOS = (
    foros.services,
    consorcios.services,
    biblioteca.services,
    boletin.services,
    seguimientos.services,
    afinidades.services,
    conversaciones.services,
)


def borrar_cuenta(usuario, *, conservar_mensajes: bool, accion: str = RegistroAuditoria.Accion.BORRADO) -> None:
    """Erase ``usuario`` now, in one transaction, and leave an audit record (by number only)."""
    with transaction.atomic():
        # Withdrawn first, so every app acting on a consent stops as it would on the consents page.
        for consentimiento in Consentimiento.objects.vigentes().filter(usuario=usuario):
            miembros.retirar_consentimiento(
                usuario=usuario, tipo=consentimiento.tipo, referencia=consentimiento.referencia
            )
        for servicio in SERVICIOS:
            servicio.borrar_datos_de_miembro(usuario, conservar_mensajes=conservar_mensajes)
        exportacion.borrar_de(usuario_id=usuario.pk)
        numero = usuario.pk
        usuario.delete()
        miembros.auditar(staff=None, accion=accion, miembro_id=numero)


def borrar_vencidas(*, ahora=None) -> int:
    """Erase the accounts whose grace period is over. One account's failure does not stop the others."""
    borradas = 0
    for baja in Baja.objects.vencidas(ahora).select_related("usuario"):
        try:
            borrar_cuenta(baja.usuario, conservar_mensajes=baja.conservar_mensajes)
        except Exception:
            logger.exception("No se pudo borrar la cuenta %s", baja.usuario_id)
        else:
            borradas += 1
    return borradas


def sin_confirmar(*, ahora=None):
    """Accounts signed up more than RETENCION_SIN_CONFIRMAR_DIAS ago whose address was never confirmed
    (and so never signed in). Accounts staff made without an address are not sign-ups: they stay."""
    limite = (ahora or timezone.now()) - timedelta(days=settings.RETENCION_SIN_CONFIRMAR_DIAS)
    return (
        get_user_model()
        .objects.filter(date_joined__lt=limite, last_login__isnull=True, is_staff=False, emailaddress__isnull=False)
        .exclude(emailaddress__verified=True)
        .distinct()
    )


def aplicar_retencion(*, ahora=None) -> dict[str, int]:
    """Every retention period at once; how many of each were removed."""
    resultado = {"cuentas_borradas": borrar_vencidas(ahora=ahora), "cuentas_sin_confirmar": 0}
    for usuario in sin_confirmar(ahora=ahora):
        borrar_cuenta(usuario, conservar_mensajes=False, accion=RegistroAuditoria.Accion.SIN_CONFIRMAR)
        resultado["cuentas_sin_confirmar"] += 1
    resultado |= boletin.services.aplicar_retencion(ahora=ahora)
    resultado["exportaciones"] = exportacion.purgar(ahora=ahora)
    return resultado
