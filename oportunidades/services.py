"""Workflows of cooperation opportunities: publish (pending review), approve, reject, edit, renew,
close, "Me interesa", and the reminder before the deadline.

Views and the admin call these; each runs in one transaction and e-mails only after it commits
(``encolar_correo``). Who may publish for what is decided here (``publicadores_de``) and checked
again by the views' lookups.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from comun.correo import encolar_correo
from consorcios.models import Consorcio
from conversaciones.models import Conversacion
from conversaciones.services import Bloqueado, abrir_conversacion
from miembros.models import Institucion, MiembroInstitucion
from miembros.services import correos_staff

from .models import AVISO_DIAS, Interes, Oportunidad, validar_fecha_limite


class YaPublicada(Exception):
    """The editor's own form arrived twice: ``oportunidad`` is the one the first request created."""

    def __init__(self, oportunidad: Oportunidad):
        super().__init__(oportunidad.pk)
        self.oportunidad = oportunidad


def consorcios_que_edita(usuario):
    """Published consortia ``usuario`` is responsable for: they may publish opportunities for them."""
    return Consorcio.objects.publicados().filter(responsables=usuario).order_by("nombre")


def instituciones_que_edita(usuario):
    """Member institutions of the Red where ``usuario`` is an active administrator or promoter."""
    return (
        Institucion.objects.miembros()
        .filter(vinculos__usuario=usuario, vinculos__estado=MiembroInstitucion.Estado.ACTIVO)
        .order_by("nombre")
    )


def puede_publicar_para(usuario, *, consorcio: Consorcio | None = None, institucion: Institucion | None = None) -> bool:
    """One query: whether ``usuario`` edits this published consortium or this member institution."""
    if not usuario.is_authenticated:
        return False
    if consorcio is not None:
        return consorcios_que_edita(usuario).filter(pk=consorcio.pk).exists()
    if institucion is not None:
        return instituciones_que_edita(usuario).filter(pk=institucion.pk).exists()
    return False


def ya_publicada(usuario, token: uuid.UUID | str | None) -> Oportunidad | None:
    """The opportunity this member already sent with this form's token, if any."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Oportunidad.objects.filter(token_envio=token, autor=usuario).first()


def _enlace_admin(oportunidad: Oportunidad) -> str:
    return settings.SITE_URL + reverse("admin:oportunidades_oportunidad_change", args=[oportunidad.pk])


def _notificar_staff(oportunidad: Oportunidad) -> None:
    datos = {
        "titulo": oportunidad.titulo,
        "publicador": str(oportunidad.publicador),
        "enlace": _enlace_admin(oportunidad),
    }
    encolar_correo(
        asunto=_("Nueva oportunidad por revisar: %(titulo)s") % datos,
        texto=_("%(publicador)s publicó la oportunidad «%(titulo)s», que espera su revisión:\n\n%(enlace)s\n") % datos,
        destinatarios=correos_staff(),
    )


def _editores_por_idioma(oportunidad: Oportunidad) -> dict[str, list[str]]:
    """E-mails of the editors who still want review e-mails (miembros.Perfil.avisos_revision, as for
    consortia), grouped by their preferred language."""
    grupos: dict[str, list[str]] = defaultdict(list)
    editores = oportunidad.editores().exclude(email="").exclude(perfil__avisos_revision=False)
    for correo, idioma in editores.values_list("email", "perfil__idioma"):
        grupos[idioma or settings.LANGUAGE_CODE].append(correo)
    return grupos


def _avisar_editores(oportunidad: Oportunidad, componer: Callable[[], tuple[str, str]]) -> None:
    """One message per language, composed (subject, text) with that language active."""
    for idioma, correos in _editores_por_idioma(oportunidad).items():
        with translation.override(idioma):
            asunto, texto = componer()
        encolar_correo(asunto=asunto, texto=texto, destinatarios=correos)


def publicar_oportunidad(
    *, oportunidad: Oportunidad, autor, guardar_relaciones: Callable[[Oportunidad], None] | None = None
) -> Oportunidad:
    """Save a new opportunity as pending review and tell staff.

    ``oportunidad`` carries its consortium or institution, which ``autor`` must edit.
    ``guardar_relaciones`` saves the many-to-many fields in the same transaction. The author's own
    double submit (same ``token_envio``) raises ``YaPublicada`` with the first one.
    """
    if not puede_publicar_para(autor, consorcio=oportunidad.consorcio, institucion=oportunidad.institucion):
        raise PermissionDenied
    if previa := ya_publicada(autor, oportunidad.token_envio):
        raise YaPublicada(previa)
    if oportunidad.token_envio and Oportunidad.objects.filter(token_envio=oportunidad.token_envio).exists():
        oportunidad.token_envio = uuid.uuid4()  # someone else's token: this is a new submission
    oportunidad.estado = Oportunidad.Estado.PENDIENTE
    oportunidad.motivo_rechazo = ""
    oportunidad.autor = autor
    try:
        with transaction.atomic():
            oportunidad.save(force_insert=True)
            if guardar_relaciones:
                guardar_relaciones(oportunidad)
                oportunidad.actualizar_etiquetas()
            _notificar_staff(oportunidad)
    except IntegrityError:
        # The same form's second request inserted between the check and the insert.
        oportunidad.pk = None
        if previa := ya_publicada(autor, oportunidad.token_envio):
            raise YaPublicada(previa) from None
        raise
    return oportunidad


def aprobar(*, oportunidad: Oportunidad, por) -> Oportunidad:
    """Publish it (staff) and tell its editors."""
    with transaction.atomic():
        oportunidad.estado = Oportunidad.Estado.PUBLICADA
        oportunidad.motivo_rechazo = ""
        oportunidad.publicada_en = oportunidad.publicada_en or timezone.now()
        oportunidad.cambios_por_revisar = False
        oportunidad.save(
            update_fields=["estado", "motivo_rechazo", "publicada_en", "cambios_por_revisar", "actualizada"]
        )

        def componer() -> tuple[str, str]:
            datos = {"titulo": oportunidad.titulo, "enlace": settings.SITE_URL + oportunidad.get_absolute_url()}
            return (
                _("Su oportunidad fue publicada: %(titulo)s") % datos,
                _("La oportunidad «%(titulo)s» fue aprobada y ya es pública en la Red:\n\n%(enlace)s\n") % datos,
            )

        _avisar_editores(oportunidad, componer)
    return oportunidad


def rechazar(*, oportunidad: Oportunidad, por, motivo: str) -> Oportunidad:
    """Reject it (staff) with a reason its editors receive and see in "Mis oportunidades"."""
    motivo = motivo.strip()
    if not motivo:
        raise ValidationError(_("Escriba el motivo del rechazo."), code="sin_motivo")
    with transaction.atomic():
        oportunidad.estado = Oportunidad.Estado.RECHAZADA
        oportunidad.motivo_rechazo = motivo
        oportunidad.save(update_fields=["estado", "motivo_rechazo", "actualizada"])

        def componer() -> tuple[str, str]:
            datos = {
                "titulo": oportunidad.titulo,
                "motivo": motivo,
                "enlace": settings.SITE_URL + reverse("oportunidades:mias"),
            }
            return (
                _("Su oportunidad no fue aprobada: %(titulo)s") % datos,
                _(
                    "La oportunidad «%(titulo)s» no fue aprobada por este motivo:\n\n%(motivo)s\n\n"
                    "Puede corregirla y enviarla de nuevo desde %(enlace)s\n"
                )
                % datos,
            )

        _avisar_editores(oportunidad, componer)
    return oportunidad


def actualizar(
    *, oportunidad: Oportunidad, por, campos: Iterable[str], guardar: Callable[[Oportunidad], None]
) -> Oportunidad:
    """Save an editor's change, as the registry does with a consortium: a published opportunity stays
    public and waits for staff to look at the change (``cambios_por_revisar``); a rejected one goes
    back to review (staff are told)."""
    campos = list(campos)
    with transaction.atomic():
        volver_a_revision = oportunidad.estado == Oportunidad.Estado.RECHAZADA
        if volver_a_revision:
            oportunidad.estado = Oportunidad.Estado.PENDIENTE
        if campos and oportunidad.estado == Oportunidad.Estado.PUBLICADA:
            oportunidad.cambios_por_revisar = True
        guardar(oportunidad)
        oportunidad.save()  # the state, the flag and the labels of the sectors just linked
        if volver_a_revision:
            _notificar_staff(oportunidad)
    return oportunidad


def renovar(*, oportunidad: Oportunidad, por, hasta: date) -> Oportunidad:
    """Move the deadline (at most PLAZO_MAXIMO_DIAS ahead); an expired published one is back at once."""
    if oportunidad.estado not in {Oportunidad.Estado.PUBLICADA, Oportunidad.Estado.PENDIENTE}:
        raise ValidationError(_("Solo se renueva una oportunidad publicada o pendiente."), code="estado")
    validar_fecha_limite(hasta)
    with transaction.atomic():
        oportunidad.fecha_limite = hasta
        oportunidad.renovada_en = timezone.now()
        oportunidad.avisada_en = None  # the reminder is for the new deadline
        oportunidad.save(update_fields=["fecha_limite", "renovada_en", "avisada_en", "actualizada"])
    return oportunidad


def cerrar(*, oportunidad: Oportunidad, por) -> Oportunidad:
    """The editors found what they sought (or gave up): it leaves every public place for good."""
    with transaction.atomic():
        oportunidad.estado = Oportunidad.Estado.CERRADA
        oportunidad.cerrada_en = timezone.now()
        oportunidad.save(update_fields=["estado", "cerrada_en", "actualizada"])
    return oportunidad


def registrar_interes(*, oportunidad: Oportunidad, miembro) -> tuple[Interes, bool]:
    """ "Me interesa": one record per member (a second click finds the first). Not for its own
    editors, and only on a published, current opportunity. Returns (interest, created)."""
    if not oportunidad.es_publica:
        raise ValidationError(_("Esta oportunidad ya no está abierta."), code="cerrada")
    if oportunidad.es_editor(miembro):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return Interes.objects.get_or_create(oportunidad=oportunidad, miembro=miembro)
    except IntegrityError:  # the same click arrived twice at once
        return Interes.objects.get(oportunidad=oportunidad, miembro=miembro), False


def conversacion_de_interes(*, oportunidad: Oportunidad, miembro) -> Conversacion | None:
    """ "Me interesa", the conversation: open one with the opportunity's editors, the opportunity
    quoted, or find the one already open. None when nobody can answer (no active editor) or an
    editor blocked the member: their interest is recorded all the same (registrar_interes)."""
    tipo = ContentType.objects.get_for_model(Oportunidad)
    existente = (
        Conversacion.objects.filter(sobre_tipo=tipo, sobre_id=oportunidad.pk, participantes__miembro=miembro)
        .order_by("pk")
        .first()
    )
    if existente is not None:
        return existente
    editores = list(oportunidad.editores())
    if not editores:
        return None
    cita = f"{oportunidad.titulo}\n{oportunidad.get_tipo_display()} · {oportunidad.publicador.nombre}"
    try:
        return abrir_conversacion(
            iniciador=miembro,
            destinatarios=editores,
            cuerpo=str(_("Me interesa esta oportunidad.")),
            sobre=oportunidad,
            cita=cita,
        )
    except Bloqueado:
        return None


def avisar_vencimiento(*, hoy: date | None = None) -> int:
    """E-mail the editors of each published opportunity whose deadline is AVISO_DIAS away or less,
    once per deadline, with links to the pages to renew or close it (``manage.py avisar_vencimiento``,
    daily). Returns how many opportunities were reminded."""
    hoy = hoy or timezone.localdate()
    avisadas = 0
    pendientes = (
        Oportunidad.objects.publicadas(hoy)
        .filter(fecha_limite__lte=hoy + timedelta(days=AVISO_DIAS), avisada_en__isnull=True)
        .select_related("consorcio", "institucion")
        .order_by("pk")
    )
    for oportunidad in pendientes:

        def componer(oportunidad: Oportunidad = oportunidad) -> tuple[str, str]:
            datos = {
                "titulo": oportunidad.titulo,
                "fecha": formats.date_format(oportunidad.fecha_limite, "DATE_FORMAT"),
                "renovar": settings.SITE_URL + reverse("oportunidades:renovar", args=[oportunidad.pk]),
                "cerrar": settings.SITE_URL + reverse("oportunidades:cerrar", args=[oportunidad.pk]),
            }
            return (
                _("Su oportunidad vence el %(fecha)s: %(titulo)s") % datos,
                _(
                    "La oportunidad «%(titulo)s» deja de mostrarse después del %(fecha)s.\n\n"
                    "Si sigue abierta, renuévela: %(renovar)s\n"
                    "Si ya encontró lo que buscaba, ciérrela: %(cerrar)s\n"
                )
                % datos,
            )

        with transaction.atomic():
            _avisar_editores(oportunidad, componer)
            Oportunidad.objects.filter(pk=oportunidad.pk).update(avisada_en=timezone.now())
        avisadas += 1
    return avisadas


def datos_de_miembro(usuario) -> dict[str, list[dict]]:
    """For the member's data export: the opportunities they wrote, and those they said "Me interesa"
    to (by title and address only: the other side's people are theirs). Two queries, whatever the rows."""
    escritas = Oportunidad.objects.filter(autor=usuario).select_related("consorcio", "institucion").order_by("pk")
    intereses = Interes.objects.filter(miembro=usuario).select_related("oportunidad").order_by("pk")
    return {
        "oportunidades": [
            {
                "id": o.pk,
                "titulo": o.titulo,
                "tipo": o.tipo,
                "publicada_por": str(o.publicador),
                "estado": o.estado,
                "motivo_rechazo": o.motivo_rechazo,
                "fecha_limite": o.fecha_limite,
                "creada": o.creada,
            }
            for o in escritas
        ],
        "intereses_oportunidades": [
            {"oportunidad": i.oportunidad.titulo, "id": i.oportunidad_id, "creado": i.creado} for i in intereses
        ],
    }
