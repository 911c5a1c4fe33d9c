"""Workflows of conversations: open, write, read, mute, leave, block, report, staff reading, notices.

Every function is keyword-only and typed. Writing a message and telling the live channel are one
transaction: ``pg_notify`` inside it is delivered by PostgreSQL only when it commits, so a listener
never hears of a message that was rolled back (README "Conversations").
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from comun.correo import encolar_correo
from comun.markdown import a_html
from consorcios.models import Consorcio
from miembros import services as miembros
from miembros.models import Institucion, MiembroInstitucion, RegistroAuditoria

from .models import Bloqueo, Conversacion, Denuncia, Mensaje, Participante

CANAL = "conversaciones"  # the PostgreSQL channel the live process LISTENs on
SAL_VIVO = "conversaciones.vivo"
VENTANA_RITMO = timedelta(hours=1)
ENLACE = re.compile(r"<a\s", re.IGNORECASE)


class Bloqueado(ValidationError):
    """The recipient blocked the author: the view shows it beside the form."""

    def __init__(self) -> None:
        super().__init__(_("No puede escribir a este miembro."), code="bloqueado")


class RitmoExcedido(ValidationError):
    def __init__(self, disponible_en: datetime) -> None:
        hora = timezone.localtime(disponible_en).strftime("%H:%M")
        super().__init__(
            _("Ha escrito muchos mensajes en poco tiempo. Podrá volver a escribir a las %(hora)s.") % {"hora": hora},
            code="ritmo",
        )


# --- Who may be contacted ----------------------------------------------------------------------


def editores(sobre: Model) -> QuerySet[AbstractBaseUser]:
    """Who answers for ``sobre``: a consortium's responsables, an institution's active administrators.

    "Contactar" writes to them without anybody seeing their addresses. Another app's object (an
    opportunity) passes its own editors to ``abrir_conversacion`` instead.
    """
    usuarios = get_user_model().objects.filter(is_active=True)
    if isinstance(sobre, Consorcio):
        return usuarios.filter(consorcios=sobre)
    if isinstance(sobre, Institucion):
        return usuarios.filter(
            vinculos_institucion__institucion=sobre,
            vinculos_institucion__rol=MiembroInstitucion.Rol.ADMINISTRADOR,
            vinculos_institucion__estado=MiembroInstitucion.Estado.ACTIVO,
        )
    return usuarios.none()


def bloqueado_por(*, autor: AbstractBaseUser, destinatarios) -> bool:
    """Whether any of ``destinatarios`` (users or ids) blocked ``autor``."""
    ids = [getattr(d, "pk", d) for d in destinatarios]
    return Bloqueo.objects.filter(quien_id__in=ids, a_quien=autor).exists()


# --- Anti-abuse (the forums' approach: foros/services.py) ----------------------------------------


def es_cuenta_nueva(usuario: AbstractBaseUser) -> bool:
    return usuario.date_joined > timezone.now() - timedelta(days=settings.FOROS_CUENTA_NUEVA_DIAS)


def comprobar_enlaces(*, usuario: AbstractBaseUser, cuerpo: str) -> None:
    """New accounts may put only a few links in a message (the links spam is made of)."""
    if usuario.is_staff or not es_cuenta_nueva(usuario):
        return
    maximo = settings.CONVERSACIONES_ENLACES_MAX_CUENTA_NUEVA
    if len(ENLACE.findall(a_html(cuerpo))) > maximo:
        raise ValidationError(
            {
                "cuerpo": ngettext(
                    "Las cuentas nuevas pueden incluir como máximo %(maximo)d enlace por mensaje.",
                    "Las cuentas nuevas pueden incluir como máximo %(maximo)d enlaces por mensaje.",
                    maximo,
                )
                % {"maximo": maximo}
            },
            code="enlaces",
        )


def _comprobar_ritmo(usuario: AbstractBaseUser) -> None:
    """Raise RitmoExcedido past the hourly quota. Inside the writing transaction, after locking the
    member's row, so messages sent at once queue here: counting and inserting are one step."""
    if usuario.is_staff:
        return
    list(get_user_model().objects.select_for_update().filter(pk=usuario.pk).values_list("pk"))
    limite = (
        settings.CONVERSACIONES_MENSAJES_POR_HORA_CUENTA_NUEVA
        if es_cuenta_nueva(usuario)
        else settings.CONVERSACIONES_MENSAJES_POR_HORA
    )
    recientes = list(
        Mensaje.objects.filter(autor=usuario, creado__gte=timezone.now() - VENTANA_RITMO)
        .order_by("-creado")
        .values_list("creado", flat=True)[:limite]
    )
    if len(recientes) >= limite:
        raise RitmoExcedido(recientes[-1] + VENTANA_RITMO)


# --- Opening and writing -------------------------------------------------------------------------


def _clave(ids: list[int], sobre_tipo: ContentType | None, sobre_id: int | None) -> str:
    """The key of a conversation that must not exist twice: two people, or anyone about a subject."""
    if sobre_tipo is None and len(ids) != 2:
        return ""
    return f"{sobre_tipo.pk if sobre_tipo else 0}:{sobre_id or 0}:" + ",".join(str(i) for i in sorted(ids))


def _existente(autor: AbstractBaseUser, token: uuid.UUID | None) -> Mensaje | None:
    if token is None:
        return None
    return Mensaje.objects.select_related("conversacion").filter(autor=autor, token=token).first()


def abrir_conversacion(
    *,
    iniciador: AbstractBaseUser,
    destinatarios,
    cuerpo: str,
    asunto: str = "",
    sobre: Model | None = None,
    cita: str = "",
    token: uuid.UUID | None = None,
) -> Conversacion:
    """Start a conversation with ``destinatarios`` (and its first message), or continue the one the same
    people already have about the same subject. Refused when a recipient blocked the initiator."""
    if existente := _existente(iniciador, token):
        return existente.conversacion
    otros = sorted({d.pk for d in destinatarios} - {iniciador.pk})
    if not otros:
        raise ValidationError(_("Elija al menos un destinatario."), code="sin_destinatarios")
    maximo = settings.CONVERSACIONES_MAX_PARTICIPANTES
    if len(otros) + 1 > maximo:
        raise ValidationError(
            _("Una conversación admite como máximo %(maximo)d participantes.") % {"maximo": maximo}, code="grupo"
        )
    if bloqueado_por(autor=iniciador, destinatarios=otros):
        raise Bloqueado()
    sobre_tipo = ContentType.objects.get_for_model(sobre) if sobre is not None else None
    sobre_id = sobre.pk if sobre is not None else None
    clave = _clave([iniciador.pk, *otros], sobre_tipo, sobre_id)
    try:
        with transaction.atomic():
            conversacion = None
            if clave:
                conversacion = Conversacion.objects.select_for_update().filter(clave=clave).first()
            if conversacion is None:
                conversacion = Conversacion.objects.create(
                    # Without a subject of its own, a conversation is called after what it is about.
                    asunto=(asunto.strip() or (str(sobre) if sobre is not None else ""))[:200],
                    sobre_tipo=sobre_tipo,
                    sobre_id=sobre_id,
                    cita=cita,
                    clave=clave,
                )
                Participante.objects.bulk_create(
                    Participante(conversacion=conversacion, miembro_id=pk) for pk in [iniciador.pk, *otros]
                )
            else:
                # Whoever had left the conversation is back in it: it is the same people's thread.
                Participante.objects.filter(conversacion=conversacion).update(salio_en=None)
            escribir(conversacion=conversacion, autor=iniciador, cuerpo=cuerpo, token=token)
    except IntegrityError:
        # The same form submitted twice at once, or two "Contactar" at once: the other one made it.
        if existente := _existente(iniciador, token):
            return existente.conversacion
        if clave and (conversacion := Conversacion.objects.filter(clave=clave).first()):
            escribir(conversacion=conversacion, autor=iniciador, cuerpo=cuerpo, token=token)
            return conversacion
        raise
    return conversacion


def escribir(
    *, conversacion: Conversacion, autor: AbstractBaseUser, cuerpo: str, token: uuid.UUID | None = None
) -> Mensaje:
    """Add a message, move the author's read mark to it and tell the live channel (on commit)."""
    if existente := _existente(autor, token):
        return existente
    if not cuerpo.strip():
        raise ValidationError({"cuerpo": pgettext("conversaciones", "Escriba un mensaje.")}, code="vacio")
    comprobar_enlaces(usuario=autor, cuerpo=cuerpo)
    with transaction.atomic():
        activos = list(
            Participante.objects.activos().filter(conversacion=conversacion).values_list("miembro_id", flat=True)
        )
        if autor.pk not in activos:
            raise PermissionDenied(_("No participa en esta conversación."))
        otros = [pk for pk in activos if pk != autor.pk]
        if bloqueado_por(autor=autor, destinatarios=otros):
            raise Bloqueado()
        _comprobar_ritmo(autor)
        # The conversation's row is locked so that ultimo_mensaje only ever moves forward.
        Conversacion.objects.select_for_update().filter(pk=conversacion.pk).values_list("pk").get()
        mensaje = Mensaje.objects.create(conversacion=conversacion, autor=autor, cuerpo=cuerpo, token=token)
        Conversacion.objects.filter(pk=conversacion.pk).update(ultimo_mensaje=mensaje.pk, actualizada=mensaje.creado)
        Participante.objects.filter(conversacion=conversacion, miembro=autor).update(ultimo_leido=mensaje.pk)
        conversacion.ultimo_mensaje, conversacion.actualizada = mensaje.pk, mensaje.creado
        _notificar_vivo(conversacion_id=conversacion.pk, mensaje_id=mensaje.pk, participantes=activos)
    return mensaje


def _notificar_vivo(*, conversacion_id: int, mensaje_id: int, participantes: list[int]) -> None:
    """Tell the live processes, through PostgreSQL: delivered on commit, dropped on rollback."""
    carga = json.dumps({"c": conversacion_id, "m": mensaje_id, "p": participantes}, separators=(",", ":"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CANAL, carga])


# --- Reading, muting, leaving ----------------------------------------------------------------


def participante_de(*, conversacion_id: int, usuario: AbstractBaseUser) -> Participante:
    """The member's active place in a conversation, or Participante.DoesNotExist (the views' 404)."""
    return (
        Participante.objects.activos()
        .select_related("conversacion")
        .get(conversacion_id=conversacion_id, miembro_id=usuario.pk)
    )


def marcar_leido(*, conversacion: Conversacion, usuario: AbstractBaseUser, mensaje_id: int) -> None:
    """Move the read mark forward to ``mensaje_id`` (never backwards, never past the last message)."""
    hasta = min(mensaje_id, conversacion.ultimo_mensaje)
    Participante.objects.activos().filter(conversacion=conversacion, miembro=usuario, ultimo_leido__lt=hasta).update(
        ultimo_leido=hasta
    )


def silenciar(*, conversacion: Conversacion, usuario: AbstractBaseUser, valor: bool = True) -> None:
    """A muted conversation sends no e-mail and does not count in the header; it stays in the inbox."""
    Participante.objects.activos().filter(conversacion=conversacion, miembro=usuario).update(silenciada=valor)


def salir(*, conversacion: Conversacion, usuario: AbstractBaseUser) -> None:
    """Leave: the conversation goes from the member's inbox; the others keep it and its messages."""
    Participante.objects.activos().filter(conversacion=conversacion, miembro=usuario).update(salio_en=timezone.now())


def no_leidos(usuario: AbstractBaseUser) -> int:
    """How many of the member's conversations (not muted) have a message they have not read. One query."""
    if not usuario.is_authenticated:
        return 0
    return (
        Participante.objects.activos()
        .filter(miembro=usuario, silenciada=False, conversacion__ultimo_mensaje__gt=F("ultimo_leido"))
        .count()
    )


# --- Safety -------------------------------------------------------------------------------------


def bloquear(*, quien: AbstractBaseUser, a_quien: AbstractBaseUser) -> Bloqueo:
    if quien.pk == a_quien.pk:
        raise ValidationError(_("No puede bloquearse a sí mismo/a."))
    bloqueo, _creado = Bloqueo.objects.get_or_create(quien=quien, a_quien=a_quien)
    return bloqueo


def desbloquear(*, quien: AbstractBaseUser, a_quien: AbstractBaseUser) -> int:
    borrados, _detalle = Bloqueo.objects.filter(quien=quien, a_quien=a_quien).delete()
    return borrados


def denunciar(*, mensaje: Mensaje, denunciante: AbstractBaseUser, motivo: str) -> Denuncia:
    """Report a message to staff (a second pending report by the same member is the same one); staff are
    e-mailed after commit with a link to the report in the admin, never with the message itself."""
    if not motivo.strip():
        raise ValidationError({"motivo": _("Indique el motivo de la denuncia.")})
    if not Participante.objects.activos().filter(conversacion_id=mensaje.conversacion_id, miembro=denunciante).exists():
        raise PermissionDenied(_("No participa en esta conversación."))
    try:
        with transaction.atomic():
            denuncia, creada = Denuncia.objects.get_or_create(
                mensaje=mensaje, denunciante=denunciante, resuelta=False, defaults={"motivo": motivo.strip()[:2000]}
            )
    except IntegrityError:
        return Denuncia.objects.get(mensaje=mensaje, denunciante=denunciante, resuelta=False)
    if creada:
        enlace = settings.SITE_URL + reverse("admin:conversaciones_denuncia_change", args=[denuncia.pk])
        encolar_correo(
            asunto=_("Denuncia de un mensaje privado"),
            texto=_("Un miembro denunció un mensaje de una conversación privada. Revíselo en: %(enlace)s")
            % {"enlace": enlace},
            destinatarios=miembros.correos_staff(),
        )
    return denuncia


def resolver(*, denuncias: QuerySet[Denuncia], por: AbstractBaseUser) -> int:
    if not por.is_staff:
        raise PermissionDenied
    return denuncias.filter(resuelta=False).update(resuelta=True, resuelta_por=por, resuelta_en=timezone.now())


def abrir_como_staff(*, conversacion: Conversacion, staff: AbstractBaseUser, denuncia: Denuncia) -> Conversacion:
    """Staff read a conversation only through a report of one of its messages, and every reading is
    written to the audit log (who, when, which conversation, which report)."""
    if not staff.is_staff:
        raise PermissionDenied
    if denuncia.mensaje.conversacion_id != conversacion.pk:
        raise PermissionDenied
    miembros.auditar(
        staff=staff,
        accion=RegistroAuditoria.Accion.LECTURA_CONVERSACION,
        miembro_id=denuncia.mensaje.autor_id or 0,
        motivo=f"conversación {conversacion.pk}, denuncia {denuncia.pk}",
    )
    return conversacion


# --- The live channel's token -------------------------------------------------------------------


def token_vivo(usuario: AbstractBaseUser) -> str:
    """The signed, short-lived token of a member's event stream. It carries the session auth hash,
    so changing the password (which logs out every session) revokes it too."""
    return signing.TimestampSigner(salt=SAL_VIVO).sign_object({"u": usuario.pk, "h": usuario.get_session_auth_hash()})


def leer_token_vivo(token: str) -> AbstractBaseUser | None:
    """The active member a token belongs to, or None when it is forged, expired or revoked."""
    try:
        datos = signing.TimestampSigner(salt=SAL_VIVO).unsign_object(token, max_age=settings.VIVO_TOKEN_SEGUNDOS)
    except signing.BadSignature:
        return None
    usuario = get_user_model().objects.filter(pk=datos.get("u"), is_active=True).first()
    if usuario is None or not signing.constant_time_compare(usuario.get_session_auth_hash(), datos.get("h", "")):
        return None
    return usuario


# --- E-mail notices ---------------------------------------------------------------------------


def avisar_no_leidos(*, ahora: datetime | None = None) -> int:
    """E-mail each member whose conversations have messages unread for CONVERSACIONES_AVISO_MINUTOS that
    no notice covered yet: one e-mail per member listing those conversations, in their language.

    Not for muted conversations, nor members who turned the notices off. ``avisado_hasta`` moves to the
    newest message covered, so the next run never repeats it. Returns the e-mails enqueued.
    """
    ahora = ahora or timezone.now()
    limite = ahora - timedelta(minutes=settings.CONVERSACIONES_AVISO_MINUTOS)
    pendiente = (
        Mensaje.objects.filter(
            conversacion_id=OuterRef("conversacion_id"),
            creado__lte=limite,
            pk__gt=Greatest(OuterRef("ultimo_leido"), OuterRef("avisado_hasta")),
            eliminado=False,
        )
        .exclude(autor_id=OuterRef("miembro_id"))
        .order_by()
        .values("conversacion_id")
        .annotate(ultimo=Max("pk"))
        .values("ultimo")
    )
    filas = list(
        Participante.objects.activos()
        .filter(silenciada=False, miembro__is_active=True, miembro__perfil__avisos_conversaciones=True)
        .exclude(miembro__email="")
        .filter(conversacion__ultimo_mensaje__gt=Greatest(F("ultimo_leido"), F("avisado_hasta")))
        .annotate(pendiente=Subquery(pendiente))
        .filter(pendiente__isnull=False)
        .select_related("conversacion", "miembro__perfil")
        .order_by("miembro_id", "-conversacion__actualizada")
    )
    por_miembro: dict[int, list[Participante]] = {}
    for fila in filas:
        por_miembro.setdefault(fila.miembro_id, []).append(fila)
    for participaciones in por_miembro.values():
        usuario = participaciones[0].miembro
        with transaction.atomic():
            for p in participaciones:
                Participante.objects.filter(pk=p.pk).update(avisado_hasta=Greatest(F("avisado_hasta"), p.pendiente))
            with translation.override(usuario.perfil.idioma or settings.LANGUAGE_CODE):
                contexto = {
                    "conversaciones": [
                        {
                            "titulo": str(p.conversacion),
                            "enlace": settings.SITE_URL + p.conversacion.get_absolute_url(),
                        }
                        for p in participaciones
                    ],
                    "perfil": settings.SITE_URL + reverse("miembros:perfil"),
                }
                encolar_correo(
                    asunto=ngettext(
                        "Tiene mensajes sin leer en %(n)d conversación",
                        "Tiene mensajes sin leer en %(n)d conversaciones",
                        len(participaciones),
                    )
                    % {"n": len(participaciones)},
                    texto=render_to_string("conversaciones/correo/aviso.txt", contexto),
                    destinatarios=[usuario.email],
                )
    return len(por_miembro)


# --- Personal data --------------------------------------------------------------------------------


def datos_de_miembro(usuario: AbstractBaseUser) -> dict[str, list[dict]]:
    """The member's messages, conversations, blocks and reports, for the data export. Of other members
    nothing: not their messages, not their names. Four queries, whatever the number of rows."""
    return {
        "conversaciones": [
            {
                "conversacion_id": p.conversacion_id,
                "asunto": p.conversacion.asunto,
                "silenciada": p.silenciada,
                "salio_en": p.salio_en,
                "unido_en": p.unido_en,
            }
            for p in Participante.objects.filter(miembro=usuario).select_related("conversacion").order_by("pk")
        ],
        "mensajes_conversaciones": [
            {"id": m.pk, "conversacion_id": m.conversacion_id, "texto": m.cuerpo, "creado": m.creado}
            for m in Mensaje.objects.filter(autor=usuario, eliminado=False).order_by("pk")
        ],
        "bloqueos": [
            {"miembro": b.a_quien_id, "creado": b.creado} for b in Bloqueo.objects.filter(quien=usuario).order_by("pk")
        ],
        "denuncias_conversaciones": [
            {"mensaje_id": d.mensaje_id, "motivo": d.motivo, "creada": d.creada, "resuelta": d.resuelta}
            for d in Denuncia.objects.filter(denunciante=usuario).order_by("pk")
        ],
    }


def borrar_datos_de_miembro(usuario: AbstractBaseUser, *, conservar_mensajes: bool = True) -> None:
    """Before a member's account is erased: their messages become "mensaje eliminado" (their private
    text is never kept, whatever they chose for the forums), their places in conversations go, and a
    conversation nobody else is in goes with them. The others keep theirs."""
    Mensaje.objects.filter(autor=usuario).update(cuerpo="", cuerpo_html="", eliminado=True)
    suyas = list(Participante.objects.filter(miembro=usuario).values_list("conversacion_id", flat=True))
    Participante.objects.filter(miembro=usuario).delete()
    Conversacion.objects.filter(pk__in=suyas).exclude(
        pk__in=Participante.objects.activos().values("conversacion_id")
    ).delete()


def url_vivo(usuario: AbstractBaseUser) -> str:
    """The address of the member's event stream (VIVO_URL), with its token; empty when there is no live channel."""
    if not settings.VIVO_URL:
        return ""
    return f"{settings.VIVO_URL}?{urlencode({'t': token_vivo(usuario)})}"
