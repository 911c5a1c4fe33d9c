"""The boletín's workflows: double opt-in, unsubscribe, composing and resumable sending (the worker's
task that calls them is in ``tasks``; this module never imports it)."""

from __future__ import annotations

import logging
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comun.correo import encolar_correo
from miembros.models import Consentimiento
from miembros.services import dar_consentimiento, retirar_consentimiento

from . import fuentes
from .models import Elemento, Entrega, Numero, Suscriptor

logger = logging.getLogger(__name__)

SAL_CONFIRMAR = "boletin.confirmar"
SAL_BAJA = "boletin.baja"
CONFIRMACION_VALIDA = timedelta(days=getattr(settings, "BOLETIN_CONFIRMACION_DIAS", 3))
TAMANO_LOTE = getattr(settings, "BOLETIN_TAMANO_LOTE", 50)
# The consent a member gives on "Mi suscripción al boletín" (its button's words, version named here).
VERSION_CONSENTIMIENTO = "boletin-1"
FORMULARIO_MIEMBRO = "boletin:mi_suscripcion"
FORMULARIO_BAJA = "boletin:baja"


def _url(nombre: str, token: str, idioma: str) -> str:
    with translation.override(idioma):
        return settings.SITE_URL + reverse(nombre, args=[token])


def token_confirmacion(suscriptor: Suscriptor) -> str:
    return signing.TimestampSigner(salt=SAL_CONFIRMAR).sign_object({"id": suscriptor.pk, "email": suscriptor.email})


def token_baja(suscriptor: Suscriptor) -> str:
    # No expiry: an unsubscribe link in a years-old e-mail must still work.
    return signing.Signer(salt=SAL_BAJA).sign_object({"id": suscriptor.pk, "email": suscriptor.email})


def url_baja(suscriptor: Suscriptor) -> str:
    return _url("boletin:baja", token_baja(suscriptor), suscriptor.idioma)


def _buscar(email: str) -> Suscriptor | None:
    return Suscriptor.objects.annotate(email_min=Lower("email")).filter(email_min=email.lower()).first()


def solicitar_suscripcion(*, email: str, idioma: str) -> Suscriptor:
    """Anyone: record the request and e-mail a confirmation link. Nothing else is sent before it."""
    with transaction.atomic():
        suscriptor = _buscar(email)
        if suscriptor is None:
            suscriptor = Suscriptor.objects.create(email=email, idioma=idioma)
        elif suscriptor.activo:
            return suscriptor  # already subscribed: say nothing new (and reveal nothing)
        else:
            suscriptor.idioma = idioma
            suscriptor.save(update_fields=["idioma"])
        with translation.override(idioma):
            enlace = _url("boletin:confirmar", token_confirmacion(suscriptor), idioma)
            encolar_correo(
                asunto=_("Confirma tu suscripción al boletín de la Red de Consorcios"),
                texto=render_to_string("boletin/correo/confirmar.txt", {"enlace": enlace}),
                destinatarios=[suscriptor.email],
            )
    return suscriptor


def confirmar(*, token: str) -> Suscriptor:
    """Raises signing.BadSignature (or SignatureExpired) on a forged or stale link."""
    datos = signing.TimestampSigner(salt=SAL_CONFIRMAR).unsign_object(token, max_age=CONFIRMACION_VALIDA)
    suscriptor = Suscriptor.objects.get(pk=datos["id"], email=datos["email"])
    suscriptor.confirmado_en = suscriptor.confirmado_en or timezone.now()
    suscriptor.baja_en = None
    suscriptor.save(update_fields=["confirmado_en", "baja_en"])
    return suscriptor


def dar_de_baja(*, token: str) -> Suscriptor:
    """Raises signing.BadSignature on a forged link. Idempotent."""
    datos = signing.Signer(salt=SAL_BAJA).unsign_object(token)
    suscriptor = Suscriptor.objects.get(pk=datos["id"], email=datos["email"])
    if suscriptor.baja_en is None:
        suscriptor.baja_en = timezone.now()
        suscriptor.save(update_fields=["baja_en"])
    if suscriptor.usuario_id:  # the link in the e-mail withdraws the member's consent too
        retirar_consentimiento(usuario=suscriptor.usuario, tipo=Consentimiento.Tipo.BOLETIN)
    return suscriptor


def suscribir_miembro(*, usuario, idioma: str) -> Suscriptor:
    """A logged-in member's address is already verified: no opt-in e-mail needed."""
    suscriptor = _buscar(usuario.email) or Suscriptor(email=usuario.email)
    suscriptor.usuario = usuario
    suscriptor.idioma = idioma
    suscriptor.confirmado_en = suscriptor.confirmado_en or timezone.now()
    suscriptor.baja_en = None
    suscriptor.save()
    dar_consentimiento(
        usuario=usuario,
        tipo=Consentimiento.Tipo.BOLETIN,
        version=VERSION_CONSENTIMIENTO,
        texto=_("Recibir el boletín"),
        formulario=FORMULARIO_MIEMBRO,
    )
    return suscriptor


def baja_miembro(*, usuario) -> None:
    Suscriptor.objects.filter(usuario=usuario, baja_en__isnull=True).update(baja_en=timezone.now())
    retirar_consentimiento(usuario=usuario, tipo=Consentimiento.Tipo.BOLETIN)


def baja_por_consentimiento(*, usuario, tipo: str, **kwargs) -> None:
    """Receiver of ``consentimiento_retirado``: withdrawn on the consents page, the boletín stops."""
    if tipo == Consentimiento.Tipo.BOLETIN:
        baja_miembro(usuario=usuario)


def datos_de_miembro(usuario) -> dict[str, list[dict]]:
    """The member's boletín subscription (by account or by address), for the data export. One query."""
    return {
        "boletin": [
            {
                "correo": s.email,
                "idioma": s.idioma,
                "alta_solicitada": s.creado,
                "confirmado_en": s.confirmado_en,
                "baja_en": s.baja_en,
            }
            for s in Suscriptor.objects.annotate(email_min=Lower("email")).filter(
                Q(usuario=usuario) | Q(email_min=usuario.email.lower())
            )
        ]
    }


def suscripcion_de(usuario) -> Suscriptor | None:
    return _buscar(usuario.email)


# --- Composing ----------------------------------------------------------------------


def siguiente_numero() -> tuple[int, timezone.datetime]:
    """The next issue's number and the date its activity starts from (the last issue's creation)."""
    ultimo = Numero.objects.order_by("-numero").first()
    if ultimo is None:
        return 1, timezone.now() - timedelta(days=90)
    return ultimo.numero + 1, ultimo.creado


def prellenar(*, numero: Numero) -> int:
    """Fill an issue with what happened since ``numero.desde``; staff then choose what stays."""
    elementos = [
        Elemento(numero=numero, seccion=seccion, titulo=titulo[:250], url=url, resumen=resumen, orden=orden)
        for seccion, items in fuentes.actividad_desde(numero.desde)
        for orden, (titulo, url, resumen) in enumerate(items)
    ]
    Elemento.objects.bulk_create(elementos)
    return len(elementos)


# --- Sending ------------------------------------------------------------------------


def _contexto(numero: Numero) -> dict:
    elementos = [e for e in numero.elementos.all() if e.incluido]
    secciones = []
    for valor, nombre in Elemento.Seccion.choices:
        items = [e for e in elementos if e.seccion == valor]
        if items:
            secciones.append({"nombre": nombre, "elementos": items})
    return {"numero": numero, "secciones": secciones, "SITE_URL": settings.SITE_URL}


def message_id(entrega: Entrega) -> str:
    """The Message-ID of one delivery, the same at every attempt and on every worker: a copy sent again
    after a worker died (see ``entregar_pendientes``) is the same message to mail servers and clients."""
    dominio = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "redconsorcios.org"
    return f"<boletin.{entrega.numero_id}.{entrega.pk}@{dominio}>"


def mensaje(
    *, numero: Numero, email: str, idioma: str, enlace_baja: str | None, message_id: str | None = None
) -> EmailMultiAlternatives:
    """The e-mail of an issue for one address: HTML and plain text with the same links."""
    with translation.override(idioma):
        contexto = {**_contexto(numero), "enlace_baja": enlace_baja}
        texto = render_to_string("boletin/correo/numero.txt", contexto)
        html = render_to_string("boletin/correo/numero.html", contexto)
        asunto = _("Boletín de la Red de Consorcios nº %(numero)s: %(titulo)s") % {
            "numero": numero.numero,
            "titulo": numero.titulo,
        }
    cabeceras = {}
    if enlace_baja:
        # RFC 8058 one-click unsubscribe for mail clients.
        cabeceras = {"List-Unsubscribe": f"<{enlace_baja}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    if message_id:
        cabeceras["Message-ID"] = message_id
    correo = EmailMultiAlternatives(
        subject=asunto, body=texto, from_email=settings.DEFAULT_FROM_EMAIL, to=[email], headers=cabeceras
    )
    correo.attach_alternative(html, "text/html")
    return correo


def enviar_prueba(*, numero: Numero, email: str, idioma: str) -> None:
    """A test copy to the staff member who asks; no delivery is recorded."""
    mensaje(numero=numero, email=email, idioma=idioma, enlace_baja=None).send()


def registrar_entregas(*, numero: Numero) -> int:
    """Record one delivery per active subscriber (once: safe to call twice) and stamp the issue as
    sent; return how many deliveries are pending. ``tasks.iniciar_envio`` then enqueues the worker."""
    with transaction.atomic():
        numero = Numero.objects.select_for_update().get(pk=numero.pk)
        if numero.enviado_en is None:
            numero.enviado_en = timezone.now()
            numero.save(update_fields=["enviado_en"])
        Entrega.objects.bulk_create(
            [Entrega(numero=numero, suscriptor=s) for s in Suscriptor.objects.activos()],
            ignore_conflicts=True,
        )
        return Entrega.objects.filter(numero=numero, enviado_en__isnull=True).count()


def entregar_pendientes(*, numero_id: int, tamano: int = TAMANO_LOTE) -> int:
    """Send one batch of pending deliveries; return how many are still pending.

    Each delivery is locked, sent and marked in its own transaction, so a worker
    that dies halfway leaves exactly the unsent ones pending, and two workers
    never take the same one (SKIP LOCKED).

    The window: a worker killed after the SMTP server accepted a message and before its
    transaction commits (one UPDATE and the COMMIT) leaves that one delivery pending, and it is
    sent again when the send resumes. At most one message per killed worker goes out twice, and
    both copies carry the same Message-ID (``message_id``), so receiving servers and clients can
    tell them apart from a new message. Closing the window entirely would need the mail server
    to take part in the transaction; marking before sending would instead lose that message.
    """
    numero = Numero.objects.prefetch_related("elementos").get(pk=numero_id)
    for _vuelta in range(tamano):
        with transaction.atomic():
            entrega = (
                Entrega.objects.select_for_update(skip_locked=True)
                .select_related("suscriptor")
                .filter(numero_id=numero_id, enviado_en__isnull=True)
                .order_by("pk")
                .first()
            )
            if entrega is None:
                break
            suscriptor = entrega.suscriptor
            if not suscriptor.activo:  # unsubscribed after the send started
                entrega.delete()
                continue
            mensaje(
                numero=numero,
                email=suscriptor.email,
                idioma=suscriptor.idioma,
                enlace_baja=url_baja(suscriptor),
                message_id=message_id(entrega),
            ).send()
            # From here to the end of the block is the window in which a kill sends this one twice.
            entrega.enviado_en = timezone.now()
            entrega.save(update_fields=["enviado_en"])
    return Entrega.objects.filter(numero_id=numero_id, enviado_en__isnull=True).count()


def numeros_con_entregas_pendientes() -> list[int]:
    """The issues a dead worker left half sent (``tasks.reanudar`` enqueues them again)."""
    return list(
        Entrega.objects.filter(enviado_en__isnull=True).values_list("numero_id", flat=True).distinct().order_by()
    )


def borrar_datos_de_miembro(usuario, *, conservar_mensajes: bool = True) -> None:
    """Before a member's account is erased: their subscription (by account or by address) and the record
    of what was sent to it go."""
    por_correo = Q(email_min=usuario.email.lower()) if usuario.email else Q(pk__in=[])
    Suscriptor.objects.annotate(email_min=Lower("email")).filter(Q(usuario=usuario) | por_correo).delete()


def aplicar_retencion(*, ahora=None) -> dict[str, int]:
    """Prune what the boletín keeps past its period: sign-ups never confirmed after
    RETENCION_SIN_CONFIRMAR_DIAS, delivery records after RETENCION_ENTREGAS_BOLETIN_DIAS."""
    ahora = ahora or timezone.now()
    _total, sin_confirmar = Suscriptor.objects.filter(
        confirmado_en__isnull=True, creado__lt=ahora - timedelta(days=settings.RETENCION_SIN_CONFIRMAR_DIAS)
    ).delete()
    entregas, _detalle = Entrega.objects.filter(
        enviado_en__lt=ahora - timedelta(days=settings.RETENCION_ENTREGAS_BOLETIN_DIAS)
    ).delete()
    return {
        "suscripciones_sin_confirmar": sin_confirmar.get("boletin.Suscriptor", 0),
        "entregas_boletin": entregas,
    }
