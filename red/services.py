"""Workflows of the network: joining the Red, staff review, administrators and promoters.

Views and the admin call these; each runs in one transaction and e-mails only after it commits
(``encolar_correo``), in each recipient's language (``Perfil.idioma``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comun.correo import encolar_correo
from consorcios.models import Consorcio
from miembros.models import Institucion, MiembroInstitucion, Perfil
from miembros.services import correos_staff, nombre_visible

Rol, Estado = MiembroInstitucion.Rol, MiembroInstitucion.Estado


class YaSolicitada(Exception):
    """The applicant's own form arrived twice: ``institucion`` is the one the first request created."""

    def __init__(self, institucion: Institucion):
        super().__init__(institucion.pk)
        self.institucion = institucion


def ya_solicitada(usuario, token: uuid.UUID | str | None) -> Institucion | None:
    """The institution this member already applied for with this form's token, if any."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Institucion.objects.filter(token_envio=token, vinculos__usuario=usuario).first()


def _avisar(usuarios: Iterable, componer: Callable[[], tuple[str, str]]) -> None:
    """One message per language, composed (subject, text) with that language active."""
    grupos: dict[str, list[str]] = {}
    for usuario in usuarios:
        if usuario.is_active and usuario.email:
            perfil = getattr(usuario, "perfil", None)
            grupos.setdefault((perfil.idioma if perfil else "") or settings.LANGUAGE_CODE, []).append(usuario.email)
    for idioma, correos in grupos.items():
        with translation.override(idioma):
            asunto, texto = componer()
        encolar_correo(asunto=asunto, texto=texto, destinatarios=correos)


def administradores(institucion: Institucion):
    User = get_user_model()
    return User.objects.filter(
        vinculos_institucion__institucion=institucion,
        vinculos_institucion__rol=Rol.ADMINISTRADOR,
        vinculos_institucion__estado=Estado.ACTIVO,
    ).select_related("perfil")


def es_administrador(institucion: Institucion, usuario) -> bool:
    """One query. Staff administer every institution."""
    if not usuario.is_authenticated:
        return False
    if usuario.is_staff:
        return True
    return institucion.vinculos.filter(usuario=usuario, rol=Rol.ADMINISTRADOR, estado=Estado.ACTIVO).exists()


def _sincronizar_perfil(usuario, institucion: Institucion | None = None) -> None:
    """Perfil.institucion follows the member's active links: the one just activated, or, when a
    link ends, another active one (or none)."""
    if institucion is None:
        vinculo = MiembroInstitucion.objects.filter(usuario=usuario, estado=Estado.ACTIVO).order_by("creado").first()
        institucion = vinculo.institucion if vinculo else None
    Perfil.objects.filter(usuario=usuario).update(institucion=institucion)


def solicitar_ingreso(*, institucion: Institucion, usuario, consorcios: Iterable[Consorcio] = ()) -> Institucion:
    """Save an application to join the Red: the institution waits for staff, and the applicant is
    its first administrator. The member's own double submit raises ``YaSolicitada``."""
    if previa := ya_solicitada(usuario, institucion.token_envio):
        raise YaSolicitada(previa)
    institucion.estado = Institucion.Estado.SOLICITADA
    institucion.motivo_rechazo = ""
    institucion.consorcios_solicitados = sorted({c.pk for c in consorcios})
    institucion.slug = ""
    try:
        with transaction.atomic():
            institucion.save(force_insert=True)
            MiembroInstitucion.objects.create(
                institucion=institucion, usuario=usuario, rol=Rol.ADMINISTRADOR, estado=Estado.ACTIVO
            )
            _sincronizar_perfil(usuario, institucion)
            enlace = settings.SITE_URL + reverse("admin:miembros_institucion_change", args=[institucion.pk])
            encolar_correo(
                asunto=_("Nueva solicitud para unirse a la Red: %(nombre)s") % {"nombre": institucion.nombre},
                texto=_("La institución «%(nombre)s» pidió unirse a la Red y espera su revisión:\n\n%(enlace)s\n")
                % {"nombre": institucion.nombre, "enlace": enlace},
                destinatarios=correos_staff(),
            )
    except IntegrityError:
        # The same token arrived twice at once: the other request created it.
        institucion.pk = None
        if previa := ya_solicitada(usuario, institucion.token_envio):
            raise YaSolicitada(previa) from None
        raise
    return institucion


def aprobar(*, institucion: Institucion) -> Institucion:
    """Make the institution a member, link the consortia it said it promotes, tell its administrators."""
    with transaction.atomic():
        institucion.estado = Institucion.Estado.MIEMBRO
        institucion.motivo_rechazo = ""
        institucion.save(update_fields=["estado", "motivo_rechazo", "actualizado"])
        for consorcio in Consorcio.objects.publicados().filter(pk__in=institucion.consorcios_solicitados):
            consorcio.instituciones_promotoras.add(institucion)

        def componer() -> tuple[str, str]:
            datos = {"nombre": institucion.nombre, "enlace": settings.SITE_URL + institucion.get_absolute_url()}
            return (
                _("Bienvenida a la Red: %(nombre)s") % datos,
                _(
                    "La solicitud de «%(nombre)s» fue aprobada: ya es miembro de la Red de Consorcios.\n\n"
                    "Su página es %(enlace)s\n\nComo administrador/a puede completarla e invitar a sus promotores.\n"
                )
                % datos,
            )

        _avisar(administradores(institucion), componer)
    return institucion


def rechazar(*, institucion: Institucion, motivo: str) -> Institucion:
    """Reject an application with a reason its administrators receive."""
    motivo = motivo.strip()
    if not motivo:
        raise ValidationError(_("Escriba el motivo del rechazo."), code="sin_motivo")
    with transaction.atomic():
        institucion.estado = Institucion.Estado.RECHAZADA
        institucion.motivo_rechazo = motivo
        institucion.save(update_fields=["estado", "motivo_rechazo", "actualizado"])

        def componer() -> tuple[str, str]:
            datos = {"nombre": institucion.nombre, "motivo": motivo}
            return (
                _("Su solicitud para unirse a la Red no fue aprobada: %(nombre)s") % datos,
                _("La solicitud de «%(nombre)s» para unirse a la Red no fue aprobada por este motivo:\n\n%(motivo)s\n")
                % datos,
            )

        _avisar(administradores(institucion), componer)
    return institucion


# Invitations to be a promoter of an institution: a signed link, as the registry's co-editor
# invitations (consorcios.services.invitar_responsable), valid RED_INVITACION_DIAS days.
INVITACION_SAL = "red.invitacion"


class InvitacionInvalida(ValidationError):
    """An invitation link that is forged, expired, withdrawn, or meant for another address."""


def _dias_invitacion() -> int:
    return settings.CONSORCIOS_INVITACION_DIAS


def invitar_promotor(*, institucion: Institucion, usuario, correo: str) -> None:
    """Invite a colleague as a promoter: if the address belongs to a member not yet linked, they get
    a signed link and are linked only when they accept it while logged in.

    The inviter learns nothing either way (the view says the same thing), so the form cannot tell
    who has an account; nobody is linked without their consent.
    """
    from allauth.account.models import EmailAddress

    correo = correo.strip().lower()
    direccion = (
        EmailAddress.objects.filter(email__iexact=correo, verified=True, user__is_active=True)
        .exclude(user__in=institucion.vinculos.filter(estado=Estado.ACTIVO).values("usuario"))
        .select_related("user__perfil")
        .first()
    )
    if direccion is None:
        return
    with transaction.atomic():
        vinculo, _creado = MiembroInstitucion.objects.get_or_create(
            institucion=institucion, usuario=direccion.user, defaults={"rol": Rol.PROMOTOR, "estado": Estado.INVITADO}
        )
        if vinculo.estado == Estado.PEDIDO:
            # They had asked to join: the invitation answers the request.
            vinculo.estado = Estado.INVITADO
            vinculo.save(update_fields=["estado"])
        token = signing.dumps({"i": institucion.pk, "e": correo}, salt=INVITACION_SAL, compress=True)
        enlace = settings.SITE_URL + reverse("red:invitacion", args=[token])
        dias = _dias_invitacion()
        perfil = getattr(direccion.user, "perfil", None)
        with translation.override((perfil.idioma if perfil else "") or settings.LANGUAGE_CODE):
            encolar_correo(
                asunto=_("Invitación a sumarse a %(nombre)s en la Red de Consorcios") % {"nombre": institucion.nombre},
                texto=ngettext(
                    "%(quien)s le invita a sumarse como promotor/a a «%(nombre)s» en la Red de Consorcios.\n\n"
                    "Para aceptar, ingrese a la Red y abra este enlace (vale %(dias)d día):\n\n%(enlace)s\n\n"
                    "Si no espera esta invitación, ignore este mensaje.\n",
                    "%(quien)s le invita a sumarse como promotor/a a «%(nombre)s» en la Red de Consorcios.\n\n"
                    "Para aceptar, ingrese a la Red y abra este enlace (vale %(dias)d días):\n\n%(enlace)s\n\n"
                    "Si no espera esta invitación, ignore este mensaje.\n",
                    dias,
                )
                % {"quien": nombre_visible(usuario), "nombre": institucion.nombre, "enlace": enlace, "dias": dias},
                destinatarios=[direccion.email],
            )


def leer_invitacion(token: str, *, usuario) -> MiembroInstitucion:
    """The pending link an invitation is for, if the link is genuine, unexpired, not withdrawn and
    meant for one of the user's verified addresses; InvitacionInvalida otherwise."""
    try:
        datos = signing.loads(token, salt=INVITACION_SAL, max_age=timedelta(days=_dias_invitacion()))
    except signing.SignatureExpired as caducada:
        raise InvitacionInvalida(
            _("Esta invitación caducó. Pida a quien le invitó que le envíe otra."), code="caducada"
        ) from caducada
    except signing.BadSignature as falsa:
        raise InvitacionInvalida(_("Este enlace de invitación no es válido."), code="invalida") from falsa
    if not usuario.emailaddress_set.filter(email__iexact=datos["e"], verified=True).exists():
        raise InvitacionInvalida(
            _("Esta invitación se envió a otra dirección de correo. Ingrese con la cuenta que la recibió."),
            code="otra_direccion",
        )
    vinculo = (
        MiembroInstitucion.objects.filter(institucion_id=datos["i"], usuario=usuario)
        .select_related("institucion")
        .first()
    )
    if vinculo is None:
        raise InvitacionInvalida(_("Esta invitación fue retirada."), code="retirada")
    return vinculo


def aceptar_invitacion(*, token: str, usuario) -> Institucion:
    """Make the invited member an active promoter (accepting twice changes nothing)."""
    vinculo = leer_invitacion(token, usuario=usuario)
    with transaction.atomic():
        if vinculo.estado != Estado.ACTIVO:
            vinculo.estado = Estado.ACTIVO
            vinculo.save(update_fields=["estado"])
            _sincronizar_perfil(usuario, vinculo.institucion)
    return vinculo.institucion


def pedir_vinculo(*, institucion: Institucion, usuario) -> MiembroInstitucion:
    """ "Soy parte de esta institución": a request its administrators confirm (asking twice is one request)."""
    with transaction.atomic():
        vinculo, creado = MiembroInstitucion.objects.get_or_create(
            institucion=institucion, usuario=usuario, defaults={"rol": Rol.PROMOTOR, "estado": Estado.PEDIDO}
        )
        if creado:
            enlace = settings.SITE_URL + reverse("red:editar", kwargs={"slug": institucion.slug})

            def componer() -> tuple[str, str]:
                datos = {"quien": nombre_visible(usuario), "nombre": institucion.nombre, "enlace": enlace}
                return (
                    _("%(quien)s pide sumarse a %(nombre)s") % datos,
                    _(
                        "%(quien)s dice ser parte de «%(nombre)s» y pide sumarse como promotor/a.\n\n"
                        "Confírmelo o recházelo en %(enlace)s\n"
                    )
                    % datos,
                )

            _avisar(administradores(institucion).exclude(pk=usuario.pk), componer)
    return vinculo


def confirmar_vinculo(*, vinculo: MiembroInstitucion) -> MiembroInstitucion:
    """An administrator confirms a member's request: the member becomes an active promoter."""
    with transaction.atomic():
        vinculo.estado = Estado.ACTIVO
        vinculo.save(update_fields=["estado"])
        _sincronizar_perfil(vinculo.usuario, vinculo.institucion)
    return vinculo


def quitar_vinculo(*, vinculo: MiembroInstitucion) -> None:
    """Remove a promoter, decline a request or withdraw an invitation. The last active
    administrator cannot be removed: the institution would have nobody to keep it."""
    with transaction.atomic():
        if (
            vinculo.rol == Rol.ADMINISTRADOR
            and vinculo.estado == Estado.ACTIVO
            and not vinculo.institucion.vinculos.filter(rol=Rol.ADMINISTRADOR, estado=Estado.ACTIVO)
            .exclude(pk=vinculo.pk)
            .exists()
        ):
            raise ValidationError(
                _("Es el único administrador de la institución: nombre otro antes de irse."), code="ultimo_admin"
            )
        era_activo = vinculo.estado == Estado.ACTIVO
        vinculo.delete()
        if era_activo and Perfil.objects.filter(usuario=vinculo.usuario, institucion=vinculo.institucion).exists():
            _sincronizar_perfil(vinculo.usuario)
