"""Workflows of the forums: post, notify, edit, moderate.

Every function is keyword-only and typed. Writes that touch a topic's
denormalised fields take a row lock on the topic first (``select_for_update``),
so concurrent replies cannot leave ``respuestas`` or ``ultimo_mensaje`` wrong.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.postgres.search import SearchVector
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comun.cache import invalidar
from comun.correo import encolar_correo
from comun.markdown import a_html
from consorcios.models import Consorcio, Sector
from miembros.models import Institucion, Perfil

from .models import MIEMBRO_RETIRADO, SIN_NOMBRE, Foro, Lectura, Mensaje, RecopilacionForos, Reporte, Suscripcion, Tema

SAL_BAJA = "foros.baja"
VENTANA_RITMO = 3600  # seconds: the rate limits count posts in the last hour
ENLACE = re.compile(r"<a\s", re.IGNORECASE)


# --- Anti-abuse ------------------------------------------------------------------------


class RitmoExcedido(ValidationError):
    """Too many posts in the last hour; ``disponible_en`` says when the member may post again."""

    def __init__(self, disponible_en: datetime):
        self.disponible_en = disponible_en
        minutos = max(1, round((disponible_en - timezone.now()).total_seconds() / 60))
        hora = timezone.localtime(disponible_en).strftime("%H:%M")
        super().__init__(
            ngettext(
                "Ha publicado muchos mensajes en poco tiempo. Podrá volver a publicar a las %(hora)s "
                "(dentro de %(minutos)d minuto).",
                "Ha publicado muchos mensajes en poco tiempo. Podrá volver a publicar a las %(hora)s "
                "(dentro de %(minutos)d minutos).",
                minutos,
            )
            % {"hora": hora, "minutos": minutos},
            code="ritmo",
        )


def es_cuenta_nueva(usuario: AbstractBaseUser) -> bool:
    return usuario.date_joined > timezone.now() - timezone.timedelta(days=settings.FOROS_CUENTA_NUEVA_DIAS)


def comprobar_enlaces(*, usuario: AbstractBaseUser, fuente: str) -> None:
    """New accounts may put only a few links in a post, whether they write or edit it."""
    if usuario.is_staff or not es_cuenta_nueva(usuario):
        return
    enlaces = len(ENLACE.findall(a_html(fuente)))
    maximo = settings.FOROS_ENLACES_MAX_CUENTA_NUEVA
    if enlaces > maximo:
        raise ValidationError(
            {
                "fuente": ngettext(
                    "Las cuentas nuevas pueden incluir como máximo %(maximo)d enlace por mensaje.",
                    "Las cuentas nuevas pueden incluir como máximo %(maximo)d enlaces por mensaje.",
                    maximo,
                )
                % {"maximo": maximo}
            },
            code="enlaces",
        )


def _comprobar_ritmo(usuario: AbstractBaseUser) -> None:
    """Raise RitmoExcedido when the member has posted their hourly quota (staff are exempt).

    Called inside the transaction that writes the post, after locking the member's row: posts
    of one member sent at once queue here, so counting and inserting are one step. The posts
    themselves are the count (mensaje_autor_creado_idx), nothing a cache could lose.
    """
    if usuario.is_staff:
        return
    list(get_user_model().objects.select_for_update().filter(pk=usuario.pk).values_list("pk"))
    nueva = es_cuenta_nueva(usuario)
    limite = settings.FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA if nueva else settings.FOROS_MENSAJES_POR_HORA
    ventana = timedelta(seconds=VENTANA_RITMO)
    recientes = list(
        Mensaje.objects.filter(autor=usuario, creado__gte=timezone.now() - ventana)
        .order_by("-creado")
        .values_list("creado", flat=True)[:limite]
    )
    if len(recientes) >= limite:
        raise RitmoExcedido(recientes[-1] + ventana)


class VistasPreviasExcedidas(ValidationError):
    """Too many previews in the last hour."""

    def __init__(self, disponible_en: datetime):
        hora = timezone.localtime(disponible_en).strftime("%H:%M")
        super().__init__(
            _("Ha pedido muchas vistas previas en poco tiempo. Podrá volver a pedirlas a las %(hora)s.")
            % {"hora": hora},
            code="ritmo",
        )


def contar_vista_previa(*, usuario: AbstractBaseUser) -> None:
    """Count a preview, or raise VistasPreviasExcedidas past the hourly limit (staff are exempt).

    A preview renders Markdown just as a post does, so it is limited the same way: the times of
    the member's previews in the last hour, in the cache.
    """
    if usuario.is_staff:
        return
    clave = f"foros:previas:{usuario.pk}"
    ahora = time.time()
    recientes = [t for t in cache.get(clave, []) if t > ahora - VENTANA_RITMO]
    limite = settings.FOROS_VISTAS_PREVIAS_POR_HORA
    if len(recientes) >= limite:
        libre = recientes[len(recientes) - limite] + VENTANA_RITMO
        raise VistasPreviasExcedidas(datetime.fromtimestamp(libre, tz=UTC))
    cache.set(clave, [*recientes, ahora], VENTANA_RITMO)


# --- Writing ---------------------------------------------------------------------------


def indexar(*, mensaje: Mensaje, titulo: str = "") -> None:
    """Store the post's search vector: the topic title (A) for an opening post, the body (B)."""
    Mensaje.objects.filter(pk=mensaje.pk).update(
        busqueda=SearchVector(Value(titulo), weight="A", config="es_unaccent")
        + SearchVector("fuente", weight="B", config="es_unaccent")
    )


def indexar_titulo(*, tema: Tema) -> None:
    """Re-index the opening post after the topic's title changed (e.g. in the admin)."""
    inicial = Mensaje.objects.filter(tema=tema).order_by("creado", "pk").first()
    if inicial is not None:
        indexar(mensaje=inicial, titulo=tema.titulo)


def recontar(*, tema: Tema) -> None:
    """Recompute the topic's denormalised fields from its visible posts (caller holds the lock)."""
    datos = Mensaje.objects.visibles().filter(tema=tema).aggregate(n=Count("pk"), ultimo=Max("pk"))
    tema.respuestas = max(0, datos["n"] - 1)
    tema.ultimo_mensaje_id = datos["ultimo"]
    if datos["ultimo"]:
        tema.ultima_actividad = Mensaje.objects.values_list("creado", flat=True).get(pk=datos["ultimo"])
    Tema.objects.filter(pk=tema.pk).update(
        respuestas=tema.respuestas, ultimo_mensaje_id=tema.ultimo_mensaje_id, ultima_actividad=tema.ultima_actividad
    )
    # update() sends no signal: every change of posts (reply, hide, show, delete) ends here.
    invalidar("foros")


def _existente(autor: AbstractBaseUser, token: uuid.UUID | None) -> Mensaje | None:
    if token is None:
        return None
    return Mensaje.objects.select_related("tema__foro").filter(autor=autor, token=token).first()


def abrir_tema(
    *,
    foro: Foro,
    autor: AbstractBaseUser,
    titulo: str,
    fuente: str,
    token: uuid.UUID | None = None,
    pais: str = "",
    sector: Sector | None = None,
    consorcio: Consorcio | None = None,
    institucion: Institucion | None = None,
) -> Tema:
    """Open a topic with its first post, subscribe the author and notify the forum's subscribers.

    The topic may name a consortium its author is responsable of (staff: any); the consortium's page
    lists it.

    A question (forum of questions) may be addressed to a country and a sector: the promoters
    concerned are told in the background after commit (avisar_pregunta). Elsewhere both are ignored.
    """
    if not foro.de_preguntas:
        pais, sector = "", None
    if not foro.admite_temas_de(autor):
        raise PermissionDenied(_("En este foro solo el equipo de la Red abre temas."))
    if consorcio is not None and not (autor.is_staff or consorcio.responsables.filter(pk=autor.pk).exists()):
        raise PermissionDenied(_("Solo sus responsables pueden enlazar un tema a este consorcio."))
    if institucion is not None and not (
        autor.is_staff or Institucion.objects.de_miembro(autor).filter(pk=institucion.pk).exists()
    ):
        raise PermissionDenied(_("Solo sus miembros pueden enlazar un tema a esta institución."))
    if existente := _existente(autor, token):
        return existente.tema
    comprobar_enlaces(usuario=autor, fuente=fuente)
    try:
        with transaction.atomic():
            _comprobar_ritmo(autor)
            ahora = timezone.now()
            tema = Tema.objects.create(
                foro=foro,
                titulo=titulo,
                slug=slugify(titulo)[:80] or "tema",
                autor=autor,
                creado=ahora,
                ultima_actividad=ahora,
                pais=pais,
                sector=sector,
                consorcio=consorcio,
                institucion=institucion,
            )
            mensaje = Mensaje.objects.create(
                tema=tema, autor=autor, fuente=fuente, html=a_html(fuente), creado=ahora, token=token
            )
            indexar(mensaje=mensaje, titulo=titulo)
            recontar(tema=tema)
            suscribir(usuario=autor, tema=tema)
            marcar_leido(usuario=autor, tema=tema, mensaje_id=mensaje.pk)
            _notificar(mensaje=mensaje, nuevo_tema=True)
            if pais or sector:
                tema_id = tema.pk
                transaction.on_commit(lambda: avisar_pregunta.enqueue(tema_id=tema_id))
    except IntegrityError:
        # The same form submitted twice at once: the other request created it.
        if existente := _existente(autor, token):
            return existente.tema
        raise
    return tema


def responder(*, tema: Tema, autor: AbstractBaseUser, fuente: str, token: uuid.UUID | None = None) -> Mensaje:
    """Reply to a topic, subscribe the author and notify the topic's and the forum's subscribers."""
    if existente := _existente(autor, token):
        return existente
    comprobar_enlaces(usuario=autor, fuente=fuente)
    try:
        with transaction.atomic():
            _comprobar_ritmo(autor)
            tema = Tema.objects.select_for_update().select_related("foro").get(pk=tema.pk)
            if tema.cerrado and not autor.is_staff:
                raise PermissionDenied(_("Este tema está cerrado: no admite respuestas."))
            mensaje = Mensaje.objects.create(tema=tema, autor=autor, fuente=fuente, html=a_html(fuente), token=token)
            indexar(mensaje=mensaje)
            recontar(tema=tema)
            suscribir(usuario=autor, tema=tema)
            marcar_leido(usuario=autor, tema=tema, mensaje_id=mensaje.pk)
            _notificar(mensaje=mensaje)
    except IntegrityError:
        if existente := _existente(autor, token):
            return existente
        raise
    return mensaje


def editar_mensaje(*, mensaje: Mensaje, usuario: AbstractBaseUser, fuente: str) -> Mensaje:
    """The author edits their own post within the edit window; the post is marked as edited."""
    if not mensaje.editable_por(usuario):
        raise PermissionDenied(_("Solo puede editar sus propios mensajes durante un tiempo limitado."))
    comprobar_enlaces(usuario=usuario, fuente=fuente)
    with transaction.atomic():
        mensaje.fuente = fuente
        mensaje.html = a_html(fuente)
        mensaje.editado_en = timezone.now()
        mensaje.save(update_fields=["fuente", "html", "editado_en"])
        es_inicial = not Mensaje.objects.filter(tema_id=mensaje.tema_id, pk__lt=mensaje.pk).exists()
        indexar(mensaje=mensaje, titulo=mensaje.tema.titulo if es_inicial else "")
    return mensaje


def pagina_del_mensaje(mensaje: Mensaje) -> int:
    """The page of its topic where a post appears (one COUNT query)."""
    anteriores = Mensaje.objects.filter(tema_id=mensaje.tema_id).filter(
        Q(creado__lt=mensaje.creado) | Q(creado=mensaje.creado, pk__lt=mensaje.pk)
    )
    return anteriores.count() // settings.FOROS_MENSAJES_POR_PAGINA + 1


# --- Questions and their accepted answer -------------------------------------------------------


def aceptar_respuesta(*, tema: Tema, mensaje_id: int | None, por: AbstractBaseUser) -> Mensaje | None:
    """Mark a reply as the question's accepted answer, replacing the previous one, or unmark it (None).

    Only the asker and staff may (Tema.aceptacion_permitida_a). The answer is a visible reply of this
    very topic, never the question itself (Mensaje.clean says the same; the constraints
    mensaje_aceptada_unica and mensaje_aceptada_visible hold it in the database).
    """
    if not tema.aceptacion_permitida_a(por):
        raise PermissionDenied(_("Solo quien hizo la pregunta o el equipo de la Red eligen la respuesta aceptada."))
    with transaction.atomic():
        tema = Tema.objects.select_for_update().select_related("foro").get(pk=tema.pk)
        respuesta = None
        if mensaje_id is not None:
            respuesta = Mensaje.objects.filter(pk=mensaje_id, tema=tema).first()
            if respuesta is None:
                raise ValidationError(_("Ese mensaje no es una respuesta a esta pregunta."), code="otro_tema")
            if respuesta.oculto:
                raise ValidationError(
                    _("Un mensaje ocultado por la moderación no puede ser la respuesta aceptada."), code="oculto"
                )
            inicial = Mensaje.objects.filter(tema=tema).order_by("creado", "pk").values_list("pk", flat=True)
            if respuesta.pk == inicial.first():
                raise ValidationError(_("La pregunta no puede ser su propia respuesta."), code="pregunta")
        # Unmark first: the partial unique index allows one accepted post per topic at any moment.
        Mensaje.objects.filter(tema=tema, aceptada=True).exclude(pk=mensaje_id).update(aceptada=False)
        if respuesta is not None:
            Mensaje.objects.filter(pk=respuesta.pk).update(aceptada=True)
            respuesta.aceptada = True
        # update() sends no signal: the kept pages and fragments of the forums are told here.
        invalidar("foros")
    return respuesta


def destinatarios_de_pregunta(*, tema: Tema) -> QuerySet[AbstractBaseUser]:
    """Who is told of a question addressed to a country and/or a sector, once each, never the asker.

    The promoters of that country (Perfil.rol and Perfil.pais), and the responsables of the published
    consortia of that sector (of that country too when the question names both); only those who take
    forum e-mails (Perfil.avisos_foros). One function, so following a country or sector can replace it.
    """
    if not tema.pais and tema.sector_id is None:
        return get_user_model().objects.none()
    quienes = Q()
    if tema.pais:
        quienes |= Q(perfil__rol=Perfil.Rol.PROMOTOR, perfil__pais=tema.pais)
    if tema.sector_id is not None:
        consorcios = Consorcio.objects.publicados().filter(sectores=tema.sector_id)
        if tema.pais:
            consorcios = consorcios.filter(pais=tema.pais)
        responsables = Consorcio.responsables.through.objects.filter(consorcio__in=consorcios).values("user_id")
        quienes |= Q(pk__in=responsables)
    return (
        get_user_model()
        .objects.filter(quienes, is_active=True, perfil__avisos_foros=True)
        .exclude(email="")
        .exclude(pk=tema.autor_id)
        .select_related("perfil")
        .order_by("pk")
    )


@task()
def avisar_pregunta(*, tema_id: int) -> int:
    """E-mail the promoters concerned by a question, each in their language (enqueued after commit).

    Returns the number of e-mails enqueued.
    """
    tema = Tema.objects.select_related("foro", "sector", "autor__perfil").filter(pk=tema_id).first()
    if tema is None:
        return 0
    inicial = Mensaje.objects.filter(tema=tema).order_by("creado", "pk").first()
    if inicial is None or inicial.oculto:
        return 0
    autor = firma(tema.autor)
    enviados = 0
    for usuario in destinatarios_de_pregunta(tema=tema):
        idioma = usuario.perfil.idioma or settings.LANGUAGE_CODE
        with translation.override(idioma):
            contexto = {
                "tema": tema,
                "mensaje": inicial,
                "autor": autor,
                "pais": tema.pais.name if tema.pais else "",
                "sector": str(tema.sector) if tema.sector else "",
                "enlace": settings.SITE_URL + tema.get_absolute_url(),
                "perfil": settings.SITE_URL + reverse("miembros:perfil"),
            }
            encolar_correo(
                asunto=_("Una pregunta para los promotores de la Red: %(titulo)s") % {"titulo": tema.titulo},
                texto=render_to_string("foros/correo/pregunta.txt", contexto),
                destinatarios=[usuario.email],
            )
        enviados += 1
    return enviados


# --- Reading and subscriptions ---------------------------------------------------------------


def marcar_leido(*, usuario: AbstractBaseUser, tema: Tema, mensaje_id: int) -> None:
    """Move the member's read mark forward to ``mensaje_id`` (never backwards)."""
    if not Mensaje.objects.filter(pk=mensaje_id, tema=tema).exists():
        return
    lectura, creada = Lectura.objects.get_or_create(
        usuario=usuario, tema=tema, defaults={"ultimo_leido_id": mensaje_id}
    )
    if not creada:
        Lectura.objects.filter(pk=lectura.pk).filter(
            Q(ultimo_leido__isnull=True) | Q(ultimo_leido_id__lt=mensaje_id)
        ).update(ultimo_leido_id=mensaje_id, actualizada=timezone.now())


def suscribir(*, usuario: AbstractBaseUser, tema: Tema | None = None, foro: Foro | None = None) -> Suscripcion:
    suscripcion, _creada = Suscripcion.objects.get_or_create(usuario=usuario, tema=tema, foro=foro)
    return suscripcion


def desuscribir(*, usuario: AbstractBaseUser, tema: Tema | None = None, foro: Foro | None = None) -> int:
    borradas, _detalle = Suscripcion.objects.filter(usuario=usuario, tema=tema, foro=foro).delete()
    return borradas


def token_baja(*, usuario_id: int, tema_id: int | None = None, foro_id: int | None = None) -> str:
    """A signed, non-expiring token that unsubscribes one member from one topic or forum."""
    return signing.dumps({"u": usuario_id, "t": tema_id, "f": foro_id}, salt=SAL_BAJA, compress=True)


@dataclass
class Baja:
    usuario_id: int
    tema: Tema | None
    foro: Foro | None


def leer_token_baja(token: str) -> Baja | None:
    """What a token unsubscribes from, or None when it is forged or its target is gone."""
    try:
        datos = signing.loads(token, salt=SAL_BAJA)
    except signing.BadSignature:
        return None
    tema = Tema.objects.filter(pk=datos.get("t")).first() if datos.get("t") else None
    foro = Foro.objects.filter(pk=datos.get("f")).first() if datos.get("f") else None
    if tema is None and foro is None:
        return None
    return Baja(usuario_id=datos["u"], tema=tema, foro=foro)


def dar_de_baja(*, baja: Baja) -> int:
    borradas, _detalle = Suscripcion.objects.filter(usuario_id=baja.usuario_id, tema=baja.tema, foro=baja.foro).delete()
    return borradas


def _notificar(*, mensaje: Mensaje, nuevo_tema: bool = False) -> None:
    """E-mail each subscriber of the topic or its forum once, never the author, after commit.

    Members who turned forum e-mails off in their profile (Perfil.avisos_foros) get none;
    those who chose a daily digest (Perfil.frecuencia_foros) get it from enviar_recopilaciones().

    Each e-mail carries its own signed unsubscribe link (and List-Unsubscribe headers),
    for the topic subscription when there is one, else for the forum subscription.
    """
    tema = mensaje.tema
    suscripciones = (
        Suscripcion.objects.filter(Q(tema=tema) | Q(foro_id=tema.foro_id))
        .exclude(usuario_id=mensaje.autor_id)
        .filter(usuario__is_active=True, usuario__perfil__avisos_foros=True)
        .filter(usuario__perfil__frecuencia_foros=Perfil.Frecuencia.INMEDIATA)
        .exclude(usuario__email="")
        .select_related("usuario__perfil")
        .order_by("usuario_id", "foro_id")  # topic subscriptions (foro NULL) sort last
    )
    por_usuario: dict[int, Suscripcion] = {}
    for suscripcion in suscripciones:
        # Keep the topic subscription over the forum one for the unsubscribe link.
        if suscripcion.usuario_id not in por_usuario or suscripcion.tema_id:
            por_usuario[suscripcion.usuario_id] = suscripcion
    if not por_usuario:
        return
    autor = firma(mensaje.autor)
    for suscripcion in por_usuario.values():
        usuario = suscripcion.usuario
        idioma = getattr(getattr(usuario, "perfil", None), "idioma", None) or settings.LANGUAGE_CODE
        with translation.override(idioma):
            enlace = settings.SITE_URL + reverse("foros:mensaje", kwargs={"pk": mensaje.pk})
            baja = settings.SITE_URL + reverse(
                "foros:baja",
                kwargs={
                    "token": token_baja(usuario_id=usuario.pk, tema_id=suscripcion.tema_id, foro_id=suscripcion.foro_id)
                },
            )
            contexto = {
                "tema": tema,
                "mensaje": mensaje,
                "autor": autor,
                "enlace": enlace,
                "baja": baja,
                "nuevo_tema": nuevo_tema,
                "por_foro": suscripcion.foro_id is not None,
            }
            if nuevo_tema:
                asunto = _("Nuevo tema en «%(foro)s»: %(titulo)s") % {"foro": tema.foro.nombre, "titulo": tema.titulo}
            else:
                asunto = _("Nueva respuesta en «%(titulo)s»") % {"titulo": tema.titulo}
            encolar_correo(
                asunto=asunto,
                texto=render_to_string("foros/correo/nuevo_mensaje.txt", contexto),
                destinatarios=[usuario.email],
                cabeceras={"List-Unsubscribe": f"<{baja}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
            )


def firma(usuario: AbstractBaseUser | None) -> str:
    """The public name of a member: never the e-mail address (it is the username here)."""
    if usuario is None:
        return str(MIEMBRO_RETIRADO)
    perfil = getattr(usuario, "perfil", None)
    return (perfil.nombre if perfil else "") or usuario.get_full_name() or SIN_NOMBRE % {"numero": usuario.pk}


# --- Moderation ------------------------------------------------------------------------------


def _exigir_staff(usuario: AbstractBaseUser) -> None:
    if not usuario.is_staff:
        raise PermissionDenied(_("Solo el equipo de moderación puede hacer esto."))


def ocultar(*, mensaje: Mensaje, por: AbstractBaseUser, motivo: str) -> Mensaje:
    """Hide a post from members, with the reason shown in its place."""
    _exigir_staff(por)
    if not motivo.strip():
        raise ValidationError({"motivo": _("Indique el motivo de la ocultación.")})
    with transaction.atomic():
        tema = Tema.objects.select_for_update().get(pk=mensaje.tema_id)
        # A hidden post is no longer the accepted answer: the question is unanswered again.
        Mensaje.objects.filter(pk=mensaje.pk).update(
            oculto=True, motivo_ocultacion=motivo.strip(), oculto_por=por, aceptada=False
        )
        recontar(tema=tema)
    mensaje.refresh_from_db()
    return mensaje


def borrar(*, mensajes: QuerySet[Mensaje], por: AbstractBaseUser) -> int:
    """Delete posts (staff, from the admin) and recount the topics they were in. Returns how many went."""
    _exigir_staff(por)
    with transaction.atomic():
        # Topics locked in primary key order, as every other writer locks one topic at a time.
        temas = list(Tema.objects.select_for_update().filter(pk__in=mensajes.values("tema_id")).order_by("pk"))
        borrados, _por_modelo = Mensaje.objects.filter(pk__in=list(mensajes.values_list("pk", flat=True))).delete()
        for tema in temas:
            recontar(tema=tema)
    return borrados


def mostrar(*, mensaje: Mensaje, por: AbstractBaseUser) -> Mensaje:
    _exigir_staff(por)
    with transaction.atomic():
        tema = Tema.objects.select_for_update().get(pk=mensaje.tema_id)
        Mensaje.objects.filter(pk=mensaje.pk).update(oculto=False, motivo_ocultacion="", oculto_por=None)
        recontar(tema=tema)
    mensaje.refresh_from_db()
    return mensaje


def reportar(*, mensaje: Mensaje, usuario: AbstractBaseUser, motivo: str) -> Reporte:
    """Report a post to the moderators; a second pending report by the same member is the same report."""
    reporte, _creado = Reporte.objects.get_or_create(
        mensaje=mensaje, usuario=usuario, estado=Reporte.Estado.PENDIENTE, defaults={"motivo": motivo}
    )
    return reporte


def resolver_reporte(*, reporte: Reporte, por: AbstractBaseUser, estado: str) -> Reporte:
    _exigir_staff(por)
    if estado not in {Reporte.Estado.RESUELTO, Reporte.Estado.DESCARTADO}:
        raise ValidationError(_("Estado de reporte no válido."))
    reporte.estado = estado
    reporte.resuelto_por = por
    reporte.resuelto_en = timezone.now()
    reporte.save(update_fields=["estado", "resuelto_por", "resuelto_en"])
    return reporte


def _cambiar_tema(tema: Tema, **campos) -> Tema:
    """Write a topic's moderation fields. update() sends no signal: the kept pages and fragments are told here."""
    Tema.objects.filter(pk=tema.pk).update(**campos)
    for nombre, valor in campos.items():
        setattr(tema, nombre, valor)
    invalidar("foros")
    return tema


def fijar(*, tema: Tema, por: AbstractBaseUser, valor: bool = True) -> Tema:
    _exigir_staff(por)
    return _cambiar_tema(tema, fijado=valor)


def cerrar(*, tema: Tema, por: AbstractBaseUser, valor: bool = True) -> Tema:
    _exigir_staff(por)
    return _cambiar_tema(tema, cerrado=valor)


def destacar(*, tema: Tema, por: AbstractBaseUser, valor: bool = True) -> Tema:
    _exigir_staff(por)
    return _cambiar_tema(tema, destacado=valor)


def mover(*, tema: Tema, por: AbstractBaseUser, foro: Foro) -> Tema:
    _exigir_staff(por)
    return _cambiar_tema(tema, foro=foro)


def enviar_recopilaciones(*, ahora: datetime | None = None) -> int:
    """The daily digest for members who chose it: one e-mail with the new posts of what they follow.

    Run once a day (`manage.py enviar_recopilacion_foros` from cron). Each member's digest covers the
    posts since their previous one (RecopilacionForos.enviado_hasta, or the last 24 hours), never their
    own posts nor hidden ones. Returns the number of e-mails enqueued.
    """
    ahora = ahora or timezone.now()
    miembros = (
        get_user_model()
        .objects.filter(
            is_active=True,
            perfil__avisos_foros=True,
            perfil__frecuencia_foros=Perfil.Frecuencia.DIARIA,
            suscripciones_foro__isnull=False,
        )
        .exclude(email="")
        .select_related("perfil", "recopilacion_foros")
        .distinct()
    )
    enviados = 0
    for usuario in miembros:
        anterior = getattr(usuario, "recopilacion_foros", None)
        desde = anterior.enviado_hasta if anterior else ahora - timedelta(days=1)
        suscripciones = Suscripcion.objects.filter(usuario=usuario)
        mensajes = list(
            Mensaje.objects.filter(creado__gt=desde, creado__lte=ahora, oculto=False)
            .filter(Q(tema__in=suscripciones.values("tema")) | Q(tema__foro__in=suscripciones.values("foro")))
            .exclude(autor=usuario)
            .select_related("tema__foro")
            .order_by("tema_id", "creado")
        )
        with transaction.atomic():
            RecopilacionForos.objects.update_or_create(usuario=usuario, defaults={"enviado_hasta": ahora})
            if not mensajes:
                continue
            temas: dict[int, dict] = {}
            for mensaje in mensajes:
                entrada = temas.setdefault(mensaje.tema_id, {"tema": mensaje.tema, "nuevos": 0, "primero": mensaje})
                entrada["nuevos"] += 1
            idioma = usuario.perfil.idioma or settings.LANGUAGE_CODE
            with translation.override(idioma):
                for entrada in temas.values():
                    entrada["enlace"] = settings.SITE_URL + reverse(
                        "foros:mensaje", kwargs={"pk": entrada["primero"].pk}
                    )
                perfil_url = settings.SITE_URL + reverse("miembros:perfil")
                encolar_correo(
                    asunto=_("Resumen de los foros de la Red: %(n)s mensajes nuevos") % {"n": len(mensajes)},
                    texto=render_to_string(
                        "foros/correo/recopilacion.txt", {"temas": list(temas.values()), "perfil": perfil_url}
                    ),
                    destinatarios=[usuario.email],
                )
            enviados += 1
    return enviados


def datos_de_miembro(usuario: AbstractBaseUser) -> dict[str, list[dict]]:
    """The member's posts, subscriptions and reports, for the data export. Of other members nothing but
    the public title of the topic a post belongs to. Three queries, whatever the number of rows.
    """
    return {
        "mensajes_foros": [
            {
                "id": m.pk,
                "tema": m.tema.titulo,
                "tema_id": m.tema_id,
                "texto": m.fuente,
                "creado": m.creado,
                "editado_en": m.editado_en,
                "oculto": m.oculto,
                "motivo_ocultacion": m.motivo_ocultacion,
            }
            for m in Mensaje.objects.filter(autor=usuario).select_related("tema").order_by("pk")
        ],
        "suscripciones_foros": [
            {
                "tema": s.tema.titulo if s.tema else None,
                "foro": s.foro.nombre if s.foro else None,
                "creada": s.creada,
            }
            for s in Suscripcion.objects.filter(usuario=usuario).select_related("tema", "foro").order_by("pk")
        ],
        "reportes_foros": [
            {"mensaje_id": r.mensaje_id, "motivo": r.motivo, "estado": r.estado, "creado": r.creado}
            for r in Reporte.objects.filter(usuario=usuario).order_by("pk")
        ],
    }


def borrar_datos_de_miembro(usuario: AbstractBaseUser, *, conservar_mensajes: bool) -> None:
    """Before a member's account is erased: their posts stay (the account's deletion leaves them signed
    "Miembro retirado"), without their text if they chose so; subscriptions, read marks and digests go
    with the account. Re-indexes what lost its text, so search finds nothing of it."""
    if not conservar_mensajes:
        suyos = Mensaje.objects.filter(autor=usuario)
        suyos.update(fuente="", html="", busqueda=None)
        # An opening post still carries its topic's title in the index (the title stays on the topic).
        iniciales = Mensaje.objects.filter(tema=OuterRef("tema")).order_by("creado", "pk").values("pk")[:1]
        titulo = Tema.objects.filter(pk=OuterRef("tema_id")).values("titulo")[:1]
        suyos.filter(pk=Subquery(iniciales)).update(
            busqueda=SearchVector(Subquery(titulo), weight="A", config="es_unaccent")
        )
    invalidar("foros")
