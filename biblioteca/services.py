"""Workflows of the library: upload, review and notification."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from comun.cache import invalidar
from comun.correo import encolar_correo
from miembros.models import Consentimiento
from miembros.services import correos_staff, dar_consentimiento, retirar_consentimiento

from . import icalendario
from .models import Documento, Evento, Inscripcion
from .tasks import extraer_texto_documento
from .validators import Formato


def slug_unico(modelo, titulo: str, *, al_azar: bool = False) -> str:
    """A slug from the title, with a short random suffix when it is taken (or after a lost race)."""
    base = (slugify(titulo) or "documento")[:280]
    slug = f"{base}-{get_random_string(6, 'abcdefghijkmnpqrstuvwxyz23456789')}" if al_azar else base
    while modelo.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(6, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return slug


def _url_absoluta(ruta: str) -> str:
    """Links in e-mails: they are rendered in a task, away from any request."""
    return f"{settings.SITE_URL}{ruta}"


class YaSubido(Exception):
    """The member's own form arrived twice: ``documento`` is the one the first request created."""

    def __init__(self, documento: Documento):
        super().__init__(documento.pk)
        self.documento = documento


INTENTOS = 5  # a lost race for a slug or a submission key is retried with a fresh one


def ya_subido(usuario, clave: uuid.UUID | None) -> Documento | None:
    """The document this member already uploaded with this form's key, if any."""
    if clave is None:
        return None
    return Documento.objects.filter(subido_por=usuario, clave_envio=clave).first()


def subir_documento(
    *,
    documento: Documento,
    formato: Formato | None,
    subido_por,
    clave_envio: uuid.UUID | None = None,
    guardar_relaciones: Callable[[], None] | None = None,
) -> Documento:
    """Store a member's upload as pending, queue its text extraction and tell staff.

    ``documento`` is an unsaved instance from the upload form; its file (if any) was
    already checked by content, and ``formato`` is what that check found.
    ``guardar_relaciones`` saves the many-to-many fields in the same transaction. Two
    uploads of the same title at once get two slugs; the member's own double submit
    raises ``YaSubido``.
    """
    documento.subido_por = subido_por
    documento.estado = Documento.Estado.PENDIENTE
    if documento.archivo:
        documento.nombre_original = documento.archivo.name.rsplit("/", 1)[-1][:255]
        documento.tamano = documento.archivo.size
        documento.tipo_mime = formato.mime if formato else ""
        # The stored name comes from upload_to (a UUID); the extension from the content.
        documento.archivo.name = f"documento.{formato.extension}" if formato else documento.archivo.name
    for intento in range(INTENTOS):
        if previo := ya_subido(subido_por, clave_envio):
            raise YaSubido(previo)
        if clave_envio and Documento.objects.filter(clave_envio=clave_envio).exists():
            clave_envio = uuid.uuid4()  # someone else's key: this is a new submission
        documento.clave_envio = clave_envio
        documento.slug = slug_unico(Documento, documento.titulo, al_azar=intento > 0)
        try:
            with transaction.atomic():
                documento.save(force_insert=True)
                if guardar_relaciones:
                    guardar_relaciones()
                _tras_subir(documento)
            return documento
        except IntegrityError:
            # Another request took the slug or the key between the checks and the insert.
            documento.pk = None
            if intento == INTENTOS - 1:
                raise
    raise AssertionError("unreachable")


def _tras_subir(documento: Documento) -> None:
    if documento.archivo:
        transaction.on_commit(lambda: extraer_texto_documento.enqueue(documento_id=documento.pk))
    with override("es"):
        asunto = _("Documento para revisar: %(titulo)s") % {"titulo": documento.titulo}
        texto = render_to_string(
            "biblioteca/correo/documento_pendiente.txt",
            {
                "documento": documento,
                "url": _url_absoluta(reverse("admin:biblioteca_documento_change", args=[documento.pk])),
            },
        )
    encolar_correo(asunto=asunto, texto=texto, destinatarios=correos_staff())


def _avisar_autor(documento: Documento, plantilla: str, asunto: str) -> None:
    usuario = documento.subido_por
    if usuario is None or not usuario.email:
        return
    perfil = getattr(usuario, "perfil", None)
    if perfil is not None and not perfil.avisos_revision:
        return  # the member turned review e-mails off in their profile
    idioma = getattr(perfil, "idioma", "es") or "es"
    with override(idioma):
        texto = render_to_string(
            plantilla, {"documento": documento, "url": _url_absoluta(documento.get_absolute_url())}
        )
        encolar_correo(asunto=_(asunto) % {"titulo": documento.titulo}, texto=texto, destinatarios=[usuario.email])


@transaction.atomic
def publicar_documento(*, documento: Documento) -> None:
    documento.estado = Documento.Estado.PUBLICADO
    documento.motivo_rechazo = ""
    documento.publicado_en = documento.publicado_en or timezone.now()
    documento.save(update_fields=["estado", "motivo_rechazo", "publicado_en", "actualizado"])
    _avisar_autor(
        documento, "biblioteca/correo/documento_publicado.txt", gettext_noop("Tu documento se publicó: %(titulo)s")
    )


@transaction.atomic
def rechazar_documento(*, documento: Documento, motivo: str) -> None:
    if not motivo.strip():
        raise ValueError("Un rechazo necesita motivo.")
    documento.estado = Documento.Estado.RECHAZADO
    documento.motivo_rechazo = motivo.strip()
    documento.save(update_fields=["estado", "motivo_rechazo", "actualizado"])
    _avisar_autor(
        documento, "biblioteca/correo/documento_rechazado.txt", gettext_noop("Tu documento no se publicó: %(titulo)s")
    )


def datos_de_miembro(usuario) -> dict[str, list[dict]]:
    """The documents ``usuario`` uploaded and their event registrations, for the member's data export;
    ``archivo`` and ``portada`` are names in the default storage (the export copies the files). Two
    queries, whatever the number of rows.
    """
    return {
        "documentos": [
            {
                "id": d.pk,
                "titulo": d.titulo,
                "slug": d.slug,
                "tipo": d.tipo,
                "resumen": d.resumen,
                "autores": d.autores,
                "anio": d.anio,
                "idioma": d.idioma,
                "licencia": d.licencia,
                "enlace": d.enlace,
                "estado": d.estado,
                "motivo_rechazo": d.motivo_rechazo,
                "nombre_original": d.nombre_original,
                "archivo": d.archivo.name,
                "portada": d.portada.name,
                "creado": d.creado,
                "publicado_en": d.publicado_en,
            }
            for d in Documento.objects.filter(subido_por=usuario)
            .only(
                "titulo",
                "slug",
                "tipo",
                "resumen",
                "autores",
                "anio",
                "idioma",
                "licencia",
                "enlace",
                "estado",
                "motivo_rechazo",
                "nombre_original",
                "archivo",
                "portada",
                "creado",
                "publicado_en",
            )
            .order_by("pk")
        ],
        "inscripciones_eventos": [
            {
                "evento": i.evento.titulo,
                "inicio": i.evento.inicio,
                "estado": i.estado,
                "comparte_sus_datos": i.compartir_datos,
                "inscrita_el": i.creada,
                "cancelada_el": i.cancelada_en,
                "asistio": i.asistio,
            }
            for i in Inscripcion.objects.filter(usuario=usuario).select_related("evento").order_by("pk")
        ],
    }


def borrar_datos_de_miembro(usuario, *, conservar_mensajes: bool = True) -> None:
    """Before a member's account is erased: their published documents stay, as the institution's or the
    staff's (nobody's upload once the account is gone); those never published go, with their files
    (deleted from storage once the transaction commits, so a rollback loses nothing)."""
    sin_publicar = Documento.objects.filter(subido_por=usuario).exclude(estado=Documento.Estado.PUBLICADO)
    archivos = [nombre for a, p in sin_publicar.values_list("archivo", "portada") for nombre in (a, p) if nombre]
    sin_publicar.delete()
    transaction.on_commit(partial(_borrar_archivos, archivos))
    invalidar("biblioteca")


def _borrar_archivos(nombres: list[str]) -> None:
    for nombre in nombres:
        default_storage.delete(nombre)


# --- Event registrations ---------------------------------------------------------------------------

SAL_CANCELACION = "biblioteca.inscripcion"
# The version of Inscripcion.TEXTO_CONSENTIMIENTO, recorded with each consent (miembros.Consentimiento).
VERSION_DATOS_EVENTO = "2026-12"


class InscripcionCerrada(ValidationError):
    """The event takes no registrations (closed, over, or not published)."""


def inscribir(*, evento: Evento, usuario, compartir_datos: bool) -> Inscripcion:
    """Register ``usuario``: a confirmed place while the ``cupo`` lasts, else the waiting list.

    The event's row is locked while places are counted, so two members registering at once can never
    both take the last place; a double submit returns the registration already made.
    """
    with transaction.atomic():
        evento = Evento.objects.select_for_update().get(pk=evento.pk)
        if not evento.admite_inscripciones:
            raise InscripcionCerrada(_("Las inscripciones de este evento están cerradas."), code="cerrada")
        existente = Inscripcion.objects.vigentes().filter(evento=evento, usuario=usuario).first()
        if existente is not None:
            return existente
        confirmadas = evento.inscripciones.filter(estado=Inscripcion.Estado.CONFIRMADA).count()
        libre = evento.cupo is None or confirmadas < evento.cupo
        inscripcion = Inscripcion.objects.create(
            evento=evento,
            usuario=usuario,
            estado=Inscripcion.Estado.CONFIRMADA if libre else Inscripcion.Estado.EN_ESPERA,
            compartir_datos=compartir_datos,
        )
        if compartir_datos:
            dar_consentimiento(
                usuario=usuario,
                tipo=Consentimiento.Tipo.DATOS_EVENTO,
                version=VERSION_DATOS_EVENTO,
                texto=str(Inscripcion.TEXTO_CONSENTIMIENTO),
                formulario="biblioteca:evento",
                referencia=str(evento.pk),
                descripcion=evento.titulo,
            )
        _avisar_inscripcion(inscripcion)
    return inscripcion


def cancelar_inscripcion(*, inscripcion: Inscripcion) -> None:
    """Cancel a registration; a confirmed place passes to the first on the waiting list, who is e-mailed."""
    with transaction.atomic():
        evento = Evento.objects.select_for_update().get(pk=inscripcion.evento_id)
        inscripcion = Inscripcion.objects.select_for_update().get(pk=inscripcion.pk)
        if inscripcion.estado == Inscripcion.Estado.CANCELADA:
            return
        liberaba_plaza = inscripcion.estado == Inscripcion.Estado.CONFIRMADA
        inscripcion.estado = Inscripcion.Estado.CANCELADA
        inscripcion.cancelada_en = timezone.now()
        inscripcion.save(update_fields=["estado", "cancelada_en"])
        if inscripcion.compartir_datos:
            retirar_consentimiento(
                usuario=inscripcion.usuario, tipo=Consentimiento.Tipo.DATOS_EVENTO, referencia=str(evento.pk)
            )
        if liberaba_plaza:
            completar_cupo(evento=evento)


def completar_cupo(*, evento: Evento) -> int:
    """Confirm the waiting list in order while places are free (after a cancellation, or when staff
    raise the ``cupo``). The caller holds the event's lock or calls it in its own transaction."""
    with transaction.atomic():
        evento = Evento.objects.select_for_update().get(pk=evento.pk)
        espera = evento.inscripciones.filter(estado=Inscripcion.Estado.EN_ESPERA).order_by("creada", "pk")
        if evento.cupo is not None:
            confirmadas = evento.inscripciones.filter(estado=Inscripcion.Estado.CONFIRMADA).count()
            espera = espera[: max(0, evento.cupo - confirmadas)]
        ascendidas = list(espera.select_related("usuario__perfil", "evento"))
        for inscripcion in ascendidas:
            inscripcion.estado = Inscripcion.Estado.CONFIRMADA
            inscripcion.save(update_fields=["estado"])
            _avisar_inscripcion(inscripcion, ascendida=True)
    return len(ascendidas)


def enlace_cancelacion(inscripcion: Inscripcion) -> str:
    token = signing.Signer(salt=SAL_CANCELACION).sign(str(inscripcion.pk))
    return settings.SITE_URL + reverse("biblioteca:cancelar_por_enlace", args=[token])


def leer_enlace_cancelacion(token: str) -> Inscripcion | None:
    try:
        pk = signing.Signer(salt=SAL_CANCELACION).unsign(token)
    except signing.BadSignature:
        return None
    return Inscripcion.objects.select_related("evento").filter(pk=pk).first()


def _avisar_inscripcion(inscripcion: Inscripcion, *, ascendida: bool = False) -> None:
    """The member's confirmation (with the event as .ics) or waiting-list notice, in their language,
    with a link to cancel; sent after commit."""
    usuario, evento = inscripcion.usuario, inscripcion.evento
    perfil = getattr(usuario, "perfil", None)
    idioma = getattr(perfil, "idioma", "") or settings.LANGUAGE_CODE
    confirmada = inscripcion.estado == Inscripcion.Estado.CONFIRMADA
    with override(idioma):
        contexto = {
            "evento": evento,
            "confirmada": confirmada,
            "ascendida": ascendida,
            "enlace_evento": settings.SITE_URL + evento.get_absolute_url(),
            "enlace_cancelar": enlace_cancelacion(inscripcion),
        }
        texto = render_to_string("biblioteca/correo/inscripcion.txt", contexto)
        if confirmada:
            asunto = _("Inscripción confirmada: %(evento)s") % {"evento": evento.titulo}
            adjuntos = [
                [f"{evento.slug[:60]}.ics", icalendario.calendario([evento], nombre=evento.titulo), "text/calendar"]
            ]
        else:
            asunto = _("En lista de espera: %(evento)s") % {"evento": evento.titulo}
            adjuntos = None
    encolar_correo(asunto=asunto, texto=texto, destinatarios=[usuario.email], adjuntos=adjuntos)
