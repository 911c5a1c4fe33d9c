"""Workflows of the registry: register, review, edit, share responsibility.

Views and the admin call these; each runs in one transaction and e-mails only
after it commits (``encolar_correo``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comun.correo import encolar_correo
from miembros.models import Consentimiento
from miembros.services import correos_staff, dar_consentimiento, nombre_visible, retirar_consentimiento

from .models import Consorcio, HistorialCambio

# Paths of the section that a consortium's slug must not shadow (see urls.py).
SLUGS_RESERVADOS = {"mapa", "registrar", "mios"}


def _slug_libre(nombre: str, *, al_azar: bool = False) -> str:
    """The first free ``nombre``, ``nombre-2``…; with a random suffix after a lost race."""
    base = slugify(nombre)[:200] or "consorcio"
    slug, n = base, 2
    if al_azar:
        slug = f"{base}-{get_random_string(6, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    while slug in SLUGS_RESERVADOS or Consorcio.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class YaRegistrado(Exception):
    """The submitter's own form arrived twice: ``consorcio`` is the one the first request created."""

    def __init__(self, consorcio: Consorcio):
        super().__init__(consorcio.pk)
        self.consorcio = consorcio


INTENTOS = 5  # a lost race for a slug or a token is retried with a fresh one


def _responsables_por_idioma(consorcio: Consorcio) -> dict[str, list[str]]:
    """E-mails of the responsables who still want review e-mails (miembros.Perfil.avisos_revision),
    grouped by their preferred language."""
    grupos: dict[str, list[str]] = defaultdict(list)
    filas = (
        consorcio.responsables.filter(is_active=True)
        .exclude(email="")
        .exclude(perfil__avisos_revision=False)
        .values_list("email", "perfil__idioma")
    )
    for correo, idioma in filas:
        grupos[idioma or settings.LANGUAGE_CODE].append(correo)
    return grupos


def _avisar_responsables(consorcio: Consorcio, componer: Callable[[], tuple[str, str]]) -> None:
    """One message per language, composed (subject, text) with that language active."""
    for idioma, correos in _responsables_por_idioma(consorcio).items():
        with translation.override(idioma):
            asunto, texto = componer()
        encolar_correo(asunto=asunto, texto=texto, destinatarios=correos)


def _registrar_historial(
    consorcio: Consorcio, usuario, accion: HistorialCambio.Accion, campos: Iterable[str] = ()
) -> None:
    HistorialCambio.objects.create(
        consorcio=consorcio,
        usuario=usuario if usuario is not None and usuario.is_authenticated else None,
        accion=accion,
        campos=sorted(set(campos)),
    )


def _notificar_staff(consorcio: Consorcio) -> None:
    enlace = settings.SITE_URL + reverse("admin:consorcios_consorcio_change", args=[consorcio.pk])
    encolar_correo(
        asunto=_("Nuevo consorcio por revisar: %(nombre)s") % {"nombre": consorcio.nombre},
        texto=_("Se registró el consorcio «%(nombre)s» y espera su revisión:\n\n%(enlace)s\n")
        % {"nombre": consorcio.nombre, "enlace": enlace},
        destinatarios=correos_staff(),
    )


def registrar_consorcio(
    *, consorcio: Consorcio, usuario, guardar_relaciones: Callable[[Consorcio], None] | None = None
) -> Consorcio:
    """Save a new consortium as pending, make its submitter responsable and tell staff.

    ``guardar_relaciones`` saves what needs the primary key (many-to-many fields,
    member firms) inside the same transaction. Two people registering the same name at
    once get two slugs; the submitter's own double submit raises ``YaRegistrado``.
    """
    consorcio.estado = Consorcio.Estado.PENDIENTE
    consorcio.motivo_rechazo = ""
    for intento in range(INTENTOS):
        if previo := ya_registrado(usuario, consorcio.token_envio):
            raise YaRegistrado(previo)
        if consorcio.token_envio and Consorcio.objects.filter(token_envio=consorcio.token_envio).exists():
            consorcio.token_envio = uuid.uuid4()  # someone else's token: this is a new submission
        if intento or not consorcio.slug:
            consorcio.slug = _slug_libre(consorcio.nombre, al_azar=intento > 0)
        try:
            with transaction.atomic():
                consorcio.save(force_insert=True)
                consorcio.responsables.add(usuario)
                if guardar_relaciones:
                    guardar_relaciones(consorcio)
                _registrar_historial(consorcio, usuario, HistorialCambio.Accion.REGISTRADO)
                if consorcio.publicar_contacto:
                    _consentimiento_contacto(consorcio, usuario, formulario=FORMULARIO_REGISTRO)
                _notificar_staff(consorcio)
            return consorcio
        except IntegrityError:
            # Another request took the slug or the token between the checks and the insert.
            consorcio.pk = None
            if intento == INTENTOS - 1:
                raise
    raise AssertionError("unreachable")


# The consent checkbox of the registry's form (Consorcio.publicar_contacto): the version names its
# help text; a new wording gets a new version, so each record says which text the member agreed to.
VERSION_CONSENTIMIENTO_CONTACTO = "contacto-1"
FORMULARIO_REGISTRO = "consorcios:registrar"
FORMULARIO_EDICION = "consorcios:editar"


def _consentimiento_contacto(consorcio: Consorcio, usuario, *, formulario: str) -> None:
    """Record the published-contact consent as the checkbox now stands (given, or withdrawn)."""
    if consorcio.publicar_contacto:
        dar_consentimiento(
            usuario=usuario,
            tipo=Consentimiento.Tipo.CONTACTO_CONSORCIO,
            referencia=str(consorcio.pk),
            descripcion=consorcio.nombre,
            version=VERSION_CONSENTIMIENTO_CONTACTO,
            texto=str(Consorcio._meta.get_field("publicar_contacto").help_text),
            formulario=formulario,
        )
    else:
        retirar_consentimiento(
            usuario=usuario, tipo=Consentimiento.Tipo.CONTACTO_CONSORCIO, referencia=str(consorcio.pk)
        )


def dejar_de_publicar_contacto(*, usuario, tipo: str, referencia: str, **kwargs) -> None:
    """Receiver of ``consentimiento_retirado``: a withdrawn consent hides the consortium's contact at once."""
    if tipo != Consentimiento.Tipo.CONTACTO_CONSORCIO:
        return
    for consorcio in Consorcio.objects.filter(pk=referencia, responsables=usuario, publicar_contacto=True):
        consorcio.publicar_contacto = False
        consorcio.save(update_fields=["publicar_contacto"])  # save(), not update(): cached pages follow
        _registrar_historial(consorcio, usuario, HistorialCambio.Accion.EDITADO, ["publicar_contacto"])


def datos_de_miembro(usuario) -> dict[str, list[dict]]:
    """The consortia ``usuario`` is responsable for, with their history entries, for
    the member's data export. Other responsables appear by nothing (their addresses are theirs); history
    entries are listed with whether this member made them. Four queries, whatever the number of rows.
    """
    consorcios = list(
        Consorcio.objects.filter(responsables=usuario)
        .prefetch_related("sectores", "instituciones_promotoras")
        .order_by("pk")
    )
    pks = [c.pk for c in consorcios]
    historial = HistorialCambio.objects.filter(consorcio_id__in=pks).order_by("consorcio_id", "fecha", "pk")
    return {
        "consorcios": [
            {
                "id": c.pk,
                "nombre": c.nombre,
                "slug": c.slug,
                "tipo": c.tipo,
                "pais": str(c.pais),
                "estado": c.estado,
                "motivo_rechazo": c.motivo_rechazo,
                "sectores": [s.nombre for s in c.sectores.all()],
                "instituciones_promotoras": [str(i) for i in c.instituciones_promotoras.all()],
                "sitio_web": c.sitio_web,
                "correo_contacto": c.correo_contacto,
                "telefono_contacto": c.telefono_contacto,
                "publicar_contacto": c.publicar_contacto,
                "logo": c.logo.name,
                "creado": c.creado,
                "actualizado": c.actualizado,
            }
            for c in consorcios
        ],
        "historial_consorcios": [
            {
                "consorcio": h.consorcio_id,
                "fecha": h.fecha,
                "accion": h.accion,
                "campos": h.campos,
                "hecho_por_mi": h.usuario_id == usuario.pk,
            }
            for h in historial
        ],
    }


def ya_registrado(usuario, token: uuid.UUID | str | None) -> Consorcio | None:
    """The consortium this member already registered with this form's token, if any."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Consorcio.objects.filter(token_envio=token, responsables=usuario).first()


def aprobar(*, consorcio: Consorcio, usuario) -> Consorcio:
    """Publish a consortium and tell its responsables."""
    with transaction.atomic():
        consorcio.estado = Consorcio.Estado.PUBLICADO
        consorcio.motivo_rechazo = ""
        consorcio.publicado_en = consorcio.publicado_en or timezone.now()
        consorcio.verificado_en = timezone.now()  # staff just checked it
        consorcio.cambios_por_revisar = False
        consorcio.save(
            update_fields=[
                "estado",
                "motivo_rechazo",
                "publicado_en",
                "verificado_en",
                "cambios_por_revisar",
                "actualizado",
            ]
        )
        _registrar_historial(consorcio, usuario, HistorialCambio.Accion.APROBADO, ["estado"])

        def componer() -> tuple[str, str]:
            datos = {"nombre": consorcio.nombre, "enlace": settings.SITE_URL + consorcio.get_absolute_url()}
            return (
                _("Su consorcio fue publicado: %(nombre)s") % datos,
                _("El consorcio «%(nombre)s» fue aprobado y ya es público en la Red:\n\n%(enlace)s\n") % datos,
            )

        _avisar_responsables(consorcio, componer)
    return consorcio


def rechazar(*, consorcio: Consorcio, usuario, motivo: str) -> Consorcio:
    """Reject a consortium with a reason the responsables see and receive."""
    motivo = motivo.strip()
    if not motivo:
        raise ValidationError(_("Escriba el motivo del rechazo."), code="sin_motivo")
    with transaction.atomic():
        consorcio.estado = Consorcio.Estado.RECHAZADO
        consorcio.motivo_rechazo = motivo
        consorcio.save(update_fields=["estado", "motivo_rechazo", "actualizado"])
        _registrar_historial(consorcio, usuario, HistorialCambio.Accion.RECHAZADO, ["estado", "motivo_rechazo"])

        def componer() -> tuple[str, str]:
            datos = {
                "nombre": consorcio.nombre,
                "motivo": motivo,
                "enlace": settings.SITE_URL + reverse("consorcios:mios"),
            }
            return (
                _("Su consorcio no fue aprobado: %(nombre)s") % datos,
                _(
                    "El consorcio «%(nombre)s» no fue aprobado por este motivo:\n\n%(motivo)s\n\n"
                    "Puede corregirlo y enviarlo de nuevo desde %(enlace)s\n"
                )
                % datos,
            )

        _avisar_responsables(consorcio, componer)
    return consorcio


def actualizar(
    *, consorcio: Consorcio, usuario, campos: Iterable[str], guardar: Callable[[Consorcio], None]
) -> Consorcio:
    """Save a responsable's edit and record which fields changed.

    A published consortium stays public, counts as verified by its responsable, and waits for staff to
    look at the change (``cambios_por_revisar``); a rejected one goes back to review.
    """
    campos = list(campos)
    with transaction.atomic():
        volver_a_revision = consorcio.estado == Consorcio.Estado.RECHAZADO
        if volver_a_revision:
            consorcio.estado = Consorcio.Estado.PENDIENTE
        guardar(consorcio)
        if campos and consorcio.es_publico:
            consorcio.verificado_en = timezone.now()
            consorcio.cambios_por_revisar = True
            consorcio.save(update_fields=["verificado_en", "cambios_por_revisar"])
        if "publicar_contacto" in campos:
            _consentimiento_contacto(consorcio, usuario, formulario=FORMULARIO_EDICION)
        if volver_a_revision:
            _notificar_staff(consorcio)
        if campos or volver_a_revision:
            _registrar_historial(
                consorcio,
                usuario,
                HistorialCambio.Accion.REENVIADO if volver_a_revision else HistorialCambio.Accion.EDITADO,
                campos,
            )
    return consorcio


def verificar(*, consorcio: Consorcio, usuario) -> Consorcio:
    """A responsable confirms the published record is still true ("Datos verificados el …")."""
    with transaction.atomic():
        consorcio.verificado_en = timezone.now()
        consorcio.save(update_fields=["verificado_en"])
        _registrar_historial(consorcio, usuario, HistorialCambio.Accion.VERIFICADO)
    return consorcio


def marcar_revisado(*, consorcio: Consorcio, usuario) -> None:
    """Staff looked at a responsable's changes to a published record (the history lists them)."""
    with transaction.atomic():
        Consorcio.objects.filter(pk=consorcio.pk).update(cambios_por_revisar=False)
        _registrar_historial(consorcio, usuario, HistorialCambio.Accion.REVISADO)


def recordar_verificaciones(*, ahora=None) -> int:
    """E-mail the responsables of each published record due for verification, once per verification
    (``manage.py recordar_verificaciones``, daily). Returns how many records were reminded."""
    ahora = ahora or timezone.now()
    recordados = 0
    for consorcio in Consorcio.objects.por_recordar(ahora).order_by("pk"):

        def componer(consorcio: Consorcio = consorcio) -> tuple[str, str]:
            datos = {
                "nombre": consorcio.nombre,
                "fecha": formats.date_format(consorcio.verificado_en, "DATE_FORMAT"),
                "enlace": settings.SITE_URL + reverse("consorcios:editar", args=[consorcio.slug]),
                "dias": settings.CONSORCIOS_VERIFICACION_CADUCA_DIAS
                - settings.CONSORCIOS_VERIFICACION_RECORDATORIO_DIAS,
            }
            return (
                _("¿Siguen vigentes los datos de %(nombre)s?") % datos,
                _(
                    "Los datos del consorcio «%(nombre)s» se confirmaron por última vez el %(fecha)s. "
                    "Revíselos y confírmelos, o corríjalos, desde esta página:\n\n%(enlace)s\n\n"
                    "Si pasan %(dias)s días más sin confirmarlos, su página avisará a los visitantes de que "
                    "pueden estar desactualizados.\n"
                )
                % datos,
            )

        with transaction.atomic():
            _avisar_responsables(consorcio, componer)
            Consorcio.objects.filter(pk=consorcio.pk).update(recordado_en=ahora)
        recordados += 1
    return recordados


INVITACION_SAL = "consorcios.invitacion"


class InvitacionInvalida(ValidationError):
    """An invitation link that is forged, expired, or meant for another address."""


def invitar_responsable(*, consorcio: Consorcio, usuario, correo: str) -> None:
    """Invite a colleague to co-edit: if the address belongs to a member, they get a signed link
    and become a responsable only when they accept it while logged in.

    The inviter learns nothing either way (the view says the same thing), so the form cannot tell
    who has an account; and nobody is made a responsable without their consent.
    """
    from allauth.account.models import EmailAddress

    correo = correo.strip().lower()
    direccion = (
        EmailAddress.objects.filter(email__iexact=correo, verified=True, user__is_active=True)
        .exclude(user__in=consorcio.responsables.all())
        .select_related("user__perfil")
        .first()
    )
    if direccion is None:
        return
    token = signing.dumps({"c": consorcio.pk, "e": correo}, salt=INVITACION_SAL, compress=True)
    enlace = settings.SITE_URL + reverse("consorcios:invitacion", args=[token])
    dias = settings.CONSORCIOS_INVITACION_DIAS
    with translation.override(direccion.user.perfil.idioma or settings.LANGUAGE_CODE):
        encolar_correo(
            asunto=_("Invitación a editar el consorcio %(nombre)s") % {"nombre": consorcio.nombre},
            texto=ngettext(
                "%(quien)s le invita a editar el consorcio «%(nombre)s» en la Red de Consorcios.\n\n"
                "Para aceptar, ingrese a la Red y abra este enlace (vale %(dias)d día):\n\n%(enlace)s\n\n"
                "Si no espera esta invitación, ignore este mensaje.\n",
                "%(quien)s le invita a editar el consorcio «%(nombre)s» en la Red de Consorcios.\n\n"
                "Para aceptar, ingrese a la Red y abra este enlace (vale %(dias)d días):\n\n%(enlace)s\n\n"
                "Si no espera esta invitación, ignore este mensaje.\n",
                dias,
            )
            % {"quien": nombre_visible(usuario), "nombre": consorcio.nombre, "enlace": enlace, "dias": dias},
            destinatarios=[direccion.email],
        )


def leer_invitacion(token: str, *, usuario) -> Consorcio:
    """The consortium an invitation link is for, if it is genuine, unexpired and meant for one of
    the user's verified addresses; InvitacionInvalida otherwise."""
    try:
        datos = signing.loads(token, salt=INVITACION_SAL, max_age=timedelta(days=settings.CONSORCIOS_INVITACION_DIAS))
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
    consorcio = Consorcio.objects.filter(pk=datos["c"]).first()
    if consorcio is None:
        raise InvitacionInvalida(_("Este enlace de invitación no es válido."), code="invalida")
    return consorcio


def aceptar_invitacion(*, token: str, usuario) -> Consorcio:
    """Make the invited member a responsable of the consortium (accepting twice changes nothing)."""
    consorcio = leer_invitacion(token, usuario=usuario)
    with transaction.atomic():
        if not consorcio.responsables.filter(pk=usuario.pk).exists():
            consorcio.responsables.add(usuario)
            _registrar_historial(consorcio, usuario, HistorialCambio.Accion.RESPONSABLE, ["responsables"])
    return consorcio


def borrar_datos_de_miembro(usuario, *, conservar_mensajes: bool = True) -> None:
    """Before a member's account is erased: their consortia stay with their other responsables, or with
    staff (the admin lists consortia without responsables); the history says a responsable left, and a
    contact that was the member's own address is removed (it is theirs, not the consortium's)."""
    for consorcio in Consorcio.objects.filter(responsables=usuario).order_by("pk"):
        campos = ["responsables"]
        if usuario.email and consorcio.correo_contacto.lower() == usuario.email.lower():
            consorcio.correo_contacto = consorcio.telefono_contacto = ""
            consorcio.publicar_contacto = False
            campos += ["correo_contacto", "telefono_contacto", "publicar_contacto"]
            consorcio.save(update_fields=campos[1:])  # save(), not update(): cached pages follow
        consorcio.responsables.remove(usuario)
        _registrar_historial(consorcio, None, HistorialCambio.Accion.RETIRADO, campos)
