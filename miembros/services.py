"""Members' workflows: consent records, account deletion (the request and its grace period), the staff
audit log, and the member's own data for the export."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from comun.correo import encolar_correo

from .models import Baja, Consentimiento, MiembroInstitucion, Perfil, RegistroAuditoria
from .signals import consentimiento_retirado


def dar_consentimiento(
    *,
    usuario: AbstractBaseUser,
    tipo: str,
    version: str,
    texto: str,
    formulario: str,
    referencia: str = "",
    descripcion: str = "",
) -> Consentimiento:
    """Record a consent; one already in force is kept as it is (its date is when it was first given)."""
    vigente = Consentimiento.objects.vigentes().filter(usuario=usuario, tipo=tipo, referencia=referencia).first()
    if vigente is not None:
        return vigente
    try:
        with transaction.atomic():
            return Consentimiento.objects.create(
                usuario=usuario,
                tipo=tipo,
                referencia=str(referencia),
                descripcion=descripcion[:300],
                version=version,
                texto=str(texto),
                formulario=formulario,
            )
    except IntegrityError:  # a double submit recorded it between the check and the insert
        return Consentimiento.objects.vigentes().get(usuario=usuario, tipo=tipo, referencia=referencia)


def retirar_consentimiento(*, usuario: AbstractBaseUser, tipo: str, referencia: str = "") -> bool:
    """Mark the consent in force as withdrawn and tell the app acting on it (only if one was in force,
    so a listener that calls back here ends the round)."""
    retirados = (
        Consentimiento.objects.vigentes()
        .filter(usuario=usuario, tipo=tipo, referencia=str(referencia))
        .update(retirado_en=timezone.now())
    )
    if retirados:
        consentimiento_retirado.send(sender=Consentimiento, usuario=usuario, tipo=tipo, referencia=str(referencia))
    return bool(retirados)


# The text a member agrees to when publishing their promoter profile; a new wording gets a new version.
VERSION_PERFIL_PUBLICO = "perfil-publico-2026-1"


def texto_perfil_publico(campos: list[str]) -> str:
    """What the member agreed to, naming the fields they chose, in the language of the request."""
    nombres = ", ".join(str(Perfil.CampoPublico(c).label) for c in Perfil.CampoPublico.values if c in campos)
    return _(
        "Publicar en mi perfil de promotor/a de la Red, visible para cualquier visitante: %(campos)s. "
        "Mi correo y mi teléfono nunca se muestran; puedo retirar este consentimiento cuando quiera."
    ) % {"campos": nombres}


def publicar_perfil(*, perfil: Perfil, campos: list[str], formulario: str = "miembros:perfil") -> bool:
    """Make public exactly ``campos`` of the member's promoter profile (none: the profile is private).

    Each change of the choice is a consent of its own: the one in force is withdrawn and a new one,
    naming the fields now public, is recorded; withdrawing it (the consents page) hides the profile
    again (``_ocultar_perfil`` below). Returns whether the choice changed.
    """
    elegidos = [c for c in Perfil.CampoPublico.values if c in set(campos)]
    if elegidos == perfil.campos_publicos:
        return False
    tipo = Consentimiento.Tipo.PERFIL_PUBLICO
    with transaction.atomic():
        retirar_consentimiento(usuario=perfil.usuario, tipo=tipo)
        perfil.campos_publicos = elegidos
        perfil.save(update_fields=["campos_publicos"])
        if elegidos:
            dar_consentimiento(
                usuario=perfil.usuario,
                tipo=tipo,
                version=VERSION_PERFIL_PUBLICO,
                texto=texto_perfil_publico(elegidos),
                formulario=formulario,
            )
    return True


def solicitar_baja(
    *, usuario: AbstractBaseUser, conservar_mensajes: bool, staff: AbstractBaseUser | None = None, motivo: str = ""
) -> Baja:
    """Deactivate the account now and schedule its erasure after ``BAJA_GRACIA_DIAS`` days.

    Deactivated, the member is signed out everywhere (Django refuses inactive accounts on every
    request) and gets no e-mail. A second request keeps the first date. ``staff`` acting on the
    member's behalf (a request made outside the portal) leaves an audit record.
    """
    ahora = timezone.now()
    with transaction.atomic():
        baja, creada = Baja.objects.get_or_create(
            usuario=usuario,
            defaults={
                "conservar_mensajes": conservar_mensajes,
                "solicitada_en": ahora,
                "borrar_desde": ahora + timedelta(days=settings.BAJA_GRACIA_DIAS),
            },
        )
        get_user_model().objects.filter(pk=usuario.pk).update(is_active=False)
        usuario.is_active = False
        if creada:
            _avisar_baja(usuario, baja)
        if staff is not None and creada:
            auditar(staff=staff, accion=RegistroAuditoria.Accion.BAJA, miembro_id=usuario.pk, motivo=motivo)
    return baja


def _avisar_baja(usuario: AbstractBaseUser, baja: Baja) -> None:
    """The member is told the erasure date and how to keep the account, in their language (after commit)."""
    perfil = Perfil.objects.filter(usuario=usuario).first()
    with translation.override((perfil.idioma if perfil else "") or settings.LANGUAGE_CODE):
        fecha = formats.date_format(baja.borrar_desde, "DATE_FORMAT")
        texto = render_to_string(
            "miembros/correo/baja.txt", {"fecha": fecha, "entrar": settings.SITE_URL + reverse("account_login")}
        )
        encolar_correo(
            asunto=_("Su cuenta se borrará el %(fecha)s") % {"fecha": fecha}, texto=texto, destinatarios=[usuario.email]
        )


def restaurar_cuenta(*, usuario: AbstractBaseUser) -> bool:
    """Cancel a pending deletion (the member logged in within the grace period). Whether there was one."""
    with transaction.atomic():
        borradas, _detalle = Baja.objects.filter(usuario=usuario).delete()
        if borradas:
            get_user_model().objects.filter(pk=usuario.pk).update(is_active=True)
            usuario.is_active = True
    return bool(borradas)


def auditar(*, staff: AbstractBaseUser | None, accion: str, miembro_id: int, motivo: str = "") -> RegistroAuditoria:
    return RegistroAuditoria.objects.create(staff=staff, accion=accion, miembro_id=miembro_id, motivo=motivo[:300])


def correos_staff() -> list[str]:
    """The addresses of active staff: who is told of a new submission (consortium, document, institution)."""
    return list(
        get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="").values_list("email", flat=True)
    )


def nombre_visible(usuario) -> str:
    """How a member signs an invitation or a message others receive: their profile name, never their address."""
    perfil = getattr(usuario, "perfil", None)
    return (perfil.nombre if perfil is not None else "") or _("Un miembro de la Red")


def datos_de_miembro(usuario: AbstractBaseUser) -> dict[str, list[dict]]:
    """The account, profile, consents, e-mail addresses and second factors of ``usuario``, for the export.

    Of the second factors only their kind and dates: never a secret or a recovery code.
    Five queries, whatever the number of rows.
    """
    perfil = Perfil.objects.select_related("institucion").filter(usuario=usuario).first()
    cuenta = {
        "usuario": usuario.get_username(),
        "correo": usuario.email,
        "alta": usuario.date_joined,
        "ultimo_ingreso": usuario.last_login,
    }
    if perfil is not None:
        cuenta |= {
            "nombre": perfil.nombre,
            "rol": perfil.rol,
            "institucion": str(perfil.institucion) if perfil.institucion else "",
            "pais": str(perfil.pais),
            "presentacion": perfil.bio,
            "especialidad": perfil.especialidad,
            "idiomas": list(perfil.idiomas),
            "campos_publicos_del_perfil": list(perfil.campos_publicos),
            "idioma": perfil.idioma,
            "avisos_foros": perfil.avisos_foros,
            "frecuencia_foros": perfil.frecuencia_foros,
            "avisos_revision": perfil.avisos_revision,
            "avisos_afinidades": perfil.avisos_afinidades,
            "avisos_conversaciones": perfil.avisos_conversaciones,
        }
    return {
        "perfil": [cuenta],
        "consentimientos": [
            {
                "consentimiento": c.tipo,
                "sobre": c.descripcion,
                "version": c.version,
                "texto": c.texto,
                "formulario": c.formulario,
                "dado_en": c.dado_en,
                "retirado_en": c.retirado_en,
            }
            for c in Consentimiento.objects.filter(usuario=usuario)
        ],
        "instituciones": [
            {"institucion": v.institucion.nombre, "rol": v.rol, "estado": v.estado, "desde": v.creado}
            for v in MiembroInstitucion.objects.filter(usuario=usuario).select_related("institucion").order_by("pk")
        ],
        "correos": [
            {"correo": e.email, "verificado": e.verified, "principal": e.primary}
            for e in EmailAddress.objects.filter(user=usuario).order_by("pk")
        ],
        "verificacion_en_dos_pasos": [
            {"tipo": a.type, "creado": a.created_at, "ultimo_uso": a.last_used_at}
            for a in Authenticator.objects.filter(user=usuario).order_by("pk")
        ],
    }
