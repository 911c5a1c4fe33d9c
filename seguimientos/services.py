"""The follows' workflows: follow and unfollow, the digest settings and the private feed's secret,
each member's activity, the e-mail digest, and the member's data (export and erasure)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from comun.correo import encolar_correo
from consorcios.models import Consorcio, Sector
from foros.models import Foro
from miembros.models import Institucion, MiembroInstitucion
from oportunidades.models import Oportunidad

from . import fuentes
from .models import TIPOS_OPORTUNIDAD, ElementoEnviado, PreferenciasSeguimiento, Seguimiento, nuevo_token

logger = logging.getLogger(__name__)

SAL_DEJAR = "seguimientos.dejar"
SAL_BAJA = "seguimientos.baja"
# Items "Mi red" shows at first, the step of "Ver más", and the most it ever shows.
POR_PAGINA = 30
MAXIMO_PAGINA = 300
# Items a digest lists (the rest are on "Mi red", which it links).
POR_RESUMEN = 40
# How far before the previous digest a digest still looks: an item dated a little earlier than it
# appears (a document published with an earlier date, a fair entered the day after) is not lost.
MARGEN = timedelta(days=7)
# A digest never looks further back than this, so what a digest carried (ElementoEnviado) is kept only
# this long: an item dated earlier can never come back. At least MARGEN plus the longest period, so a
# weekly digest's window is whole. The privacy page states it: change both together.
RETENCION = timedelta(days=14)
PERIODOS = {
    PreferenciasSeguimiento.Frecuencia.DIARIA: timedelta(days=1),
    PreferenciasSeguimiento.Frecuencia.SEMANAL: timedelta(days=7),
}
# The daily job runs at about the same hour each day: a run a little early still counts as a day later.
HOLGURA = timedelta(hours=2)


class ObjetivoDesconocido(Exception):
    """The thing to follow does not exist, or the member may not see it."""


class DemasiadosSeguimientos(Exception):
    """The member follows SEGUIMIENTOS_MAXIMO things already."""


@dataclass(frozen=True)
class Objetivo:
    """What a follow button names: a kind of ``Seguimiento.Tipo`` and the field value it sets."""

    tipo: str
    campo: str
    valor: object

    @property
    def filtro(self) -> dict[str, object]:
        return {self.campo: self.valor}


def resolver_objetivo(*, tipo: str, valor: str, usuario) -> Objetivo:
    """The target a button posts (``tipo`` and ``valor``), looked up with the member's visibility.

    Raises ObjetivoDesconocido for anything the member may not see: nobody follows their way into
    someone else's consortium under review or institution application."""
    Tipo = Seguimiento.Tipo
    valor = (valor or "").strip()
    try:
        if tipo == Tipo.CONSORCIO:
            encontrado = Consorcio.objects.visibles_para(usuario).filter(pk=int(valor)).only("pk").first()
        elif tipo == Tipo.INSTITUCION:
            encontrado = Institucion.objects.visibles_para(usuario).filter(pk=int(valor)).only("pk").first()
        elif tipo == Tipo.FORO:
            encontrado = Foro.objects.filter(pk=int(valor)).only("pk").first()
        elif tipo == Tipo.SECTOR:
            encontrado = Sector.objects.filter(slug=valor).only("pk").first()
        elif tipo == Tipo.PAIS:
            encontrado = valor.upper() if valor.upper() in dict(countries) else None
        elif tipo == Tipo.OPORTUNIDAD:
            encontrado = valor if valor in TIPOS_OPORTUNIDAD else None
        else:
            encontrado = None
    except ValueError:
        encontrado = None
    if encontrado is None:
        raise ObjetivoDesconocido(tipo, valor)
    return Objetivo(tipo=tipo, campo=Seguimiento.CAMPOS[Tipo(tipo)], valor=encontrado)


def objetivo_para_dejar(*, tipo: str, valor: str) -> Objetivo:
    """The target of an unfollow: named by its key alone, never looked up, so a member can always
    unfollow what they follow, even a consortium archived since (and learns nothing of what exists).
    Raises ObjetivoDesconocido for a malformed one."""
    Tipo = Seguimiento.Tipo
    valor = (valor or "").strip()
    campos = {
        Tipo.CONSORCIO: "consorcio_id",
        Tipo.INSTITUCION: "institucion_id",
        Tipo.FORO: "foro_id",
        Tipo.SECTOR: "sector__slug",
        Tipo.PAIS: "pais",
        Tipo.OPORTUNIDAD: "tipo_oportunidad",
    }
    if tipo not in campos or not valor:
        raise ObjetivoDesconocido(tipo, valor)
    if campos[tipo].endswith("_id"):
        if not valor.isdigit():
            raise ObjetivoDesconocido(tipo, valor)
        return Objetivo(tipo=tipo, campo=campos[tipo], valor=int(valor))
    return Objetivo(tipo=tipo, campo=campos[tipo], valor=valor.upper() if tipo == Tipo.PAIS else valor)


def seguir(*, miembro, objetivo: Objetivo) -> tuple[Seguimiento, bool]:
    """Follow (idempotent: a second call, or two at once, find the first follow). Returns the follow
    and whether it is new. The member's settings (digest, feed) are made with the first follow."""
    existente = Seguimiento.objects.filter(miembro=miembro, **objetivo.filtro).first()
    if existente is not None:
        return existente, False
    if Seguimiento.objects.filter(miembro=miembro).count() >= settings.SEGUIMIENTOS_MAXIMO:
        raise DemasiadosSeguimientos
    asegurar_preferencias(miembro=miembro)
    try:
        with transaction.atomic():
            return Seguimiento.objects.create(miembro=miembro, **objetivo.filtro), True
    except IntegrityError:  # the same follow committed meanwhile (seguimiento_*_unico)
        return Seguimiento.objects.get(miembro=miembro, **objetivo.filtro), False


def dejar_de_seguir(*, miembro, objetivo: Objetivo) -> bool:
    """Unfollow (idempotent). Whether there was something to unfollow."""
    borrados, _detalle = Seguimiento.objects.filter(miembro=miembro, **objetivo.filtro).delete()
    return bool(borrados)


def preferencias_de(usuario) -> PreferenciasSeguimiento | None:
    """The member's settings, or None before their first follow (a page view never makes them)."""
    return PreferenciasSeguimiento.objects.filter(miembro=usuario).first()


def asegurar_preferencias(*, miembro) -> PreferenciasSeguimiento:
    preferencias, _creadas = PreferenciasSeguimiento.objects.get_or_create(miembro=miembro)
    return preferencias


def cambiar_frecuencia(*, miembro, frecuencia: str) -> PreferenciasSeguimiento:
    preferencias = asegurar_preferencias(miembro=miembro)
    if preferencias.frecuencia != frecuencia:
        preferencias.frecuencia = frecuencia
        preferencias.save(update_fields=["frecuencia"])
    return preferencias


def regenerar_token(*, miembro) -> PreferenciasSeguimiento:
    """A new secret for the private feed: the old URL answers 404 from now on."""
    preferencias = asegurar_preferencias(miembro=miembro)
    preferencias.token_feed = nuevo_token()
    preferencias.save(update_fields=["token_feed"])
    return preferencias


# --- Activity ------------------------------------------------------------------------------


def actividad_de(
    seguimientos,
    *,
    miembro_id: int | None = None,
    desde: datetime | None = None,
    limite: int = POR_PAGINA,
    privadas: bool = False,
) -> list[fuentes.Elemento]:
    """The newest items about a member's follows, each once (see ``fuentes``): one query per source
    that has something to read, whatever the number of follows. ``privadas``: "Mi red" only."""
    objetivos = fuentes.Objetivos.de(seguimientos, miembro_id=miembro_id)
    return fuentes.actividad(objetivos, desde=desde, limite=limite, privadas=privadas)


@dataclass(frozen=True)
class Pendiente:
    texto: str
    url: str


# An opportunity this close to its deadline is listed among the member's pending items.
AVISO_VENCIMIENTO = timedelta(days=7)


def pendientes_de(usuario) -> list[Pendiente]:
    """What waits for the member ("Mi red"): their consortia and opportunities under review or
    rejected, stale consortia to confirm, opportunities near their deadline, and members asking to
    join an institution they administer. Three queries, whatever the rows."""
    pendientes = []
    hoy = timezone.localdate()
    limite_verificacion = timezone.now() - timedelta(days=settings.CONSORCIOS_VERIFICACION_RECORDATORIO_DIAS)
    consorcios = Consorcio.objects.de_responsable(usuario).filter(
        Q(estado__in=[Consorcio.Estado.PENDIENTE, Consorcio.Estado.RECHAZADO])
        | Q(estado=Consorcio.Estado.PUBLICADO, verificado_en__lt=limite_verificacion)
    )
    for c in consorcios.only("nombre", "slug", "estado").order_by("nombre")[:20]:
        if c.estado == Consorcio.Estado.PENDIENTE:
            texto = _("%(nombre)s espera la revisión del equipo de la Red.")
        elif c.estado == Consorcio.Estado.RECHAZADO:
            texto = _("%(nombre)s fue rechazado: lee el motivo y corrígelo.")
        else:
            texto = _("Confirma que los datos de %(nombre)s siguen vigentes.")
        pendientes.append(Pendiente(texto % {"nombre": c.nombre}, reverse("consorcios:mios")))
    oportunidades = Oportunidad.objects.de_editor(usuario).filter(
        Q(estado__in=[Oportunidad.Estado.PENDIENTE, Oportunidad.Estado.RECHAZADA], fecha_limite__gte=hoy)
        | Q(estado=Oportunidad.Estado.PUBLICADA, fecha_limite__gte=hoy, fecha_limite__lte=hoy + AVISO_VENCIMIENTO)
    )
    for o in oportunidades.only("titulo", "estado", "fecha_limite").order_by("fecha_limite")[:20]:
        if o.estado == Oportunidad.Estado.PENDIENTE:
            texto = _("«%(titulo)s» espera la revisión del equipo de la Red.")
        elif o.estado == Oportunidad.Estado.RECHAZADA:
            texto = _("«%(titulo)s» fue rechazada: lee el motivo.")
        else:
            texto = _("«%(titulo)s» vence el %(fecha)s: renuévala o ciérrala.")
        datos = {"titulo": o.titulo, "fecha": formats.date_format(o.fecha_limite)}
        pendientes.append(Pendiente(texto % datos, reverse("oportunidades:mias")))
    administradas = MiembroInstitucion.objects.filter(
        usuario=usuario, rol=MiembroInstitucion.Rol.ADMINISTRADOR, estado=MiembroInstitucion.Estado.ACTIVO
    ).values("institucion_id")
    pedidos = (
        MiembroInstitucion.objects.filter(institucion_id__in=administradas, estado=MiembroInstitucion.Estado.PEDIDO)
        .select_related("institucion")
        .only("institucion__nombre", "institucion__slug")
        .order_by("institucion__nombre", "creado")[:20]
    )
    for pedido in pedidos:
        pendientes.append(
            Pendiente(
                _("Un miembro pidió unirse a %(institucion)s.") % {"institucion": pedido.institucion.nombre},
                pedido.institucion.get_absolute_url(),
            )
        )
    return pendientes


def etiqueta(tipo: str) -> str:
    return str(fuentes.TIPOS.get(tipo, tipo))


# --- Links in e-mails --------------------------------------------------------------------------


def _absoluta(nombre: str, token: str, idioma: str) -> str:
    with translation.override(idioma):
        return settings.SITE_URL + reverse(nombre, args=[token])


def token_dejar(seguimiento: Seguimiento) -> str:
    # No expiry, as the boletín's: an unfollow link in an old e-mail must still work.
    return signing.Signer(salt=SAL_DEJAR).sign_object({"id": seguimiento.pk, "m": seguimiento.miembro_id})


def token_baja(preferencias: PreferenciasSeguimiento) -> str:
    return signing.Signer(salt=SAL_BAJA).sign_object({"id": preferencias.pk, "m": preferencias.miembro_id})


def seguimiento_del_enlace(*, token: str) -> tuple[dict, Seguimiento | None]:
    """The follow a signed unfollow link names (None once it is gone). Raises signing.BadSignature."""
    datos = signing.Signer(salt=SAL_DEJAR).unsign_object(token)
    seguimiento = Seguimiento.objects.para_lista().filter(pk=datos["id"], miembro_id=datos["m"]).first()
    return datos, seguimiento


def dejar_por_enlace(*, token: str) -> Seguimiento | None:
    """Unfollow from the e-mail's link (idempotent). Raises signing.BadSignature on a forged link."""
    _datos, seguimiento = seguimiento_del_enlace(token=token)
    if seguimiento is not None:
        Seguimiento.objects.filter(pk=seguimiento.pk).delete()
    return seguimiento


def preferencias_del_enlace(*, token: str) -> PreferenciasSeguimiento | None:
    datos = signing.Signer(salt=SAL_BAJA).unsign_object(token)
    return PreferenciasSeguimiento.objects.filter(pk=datos["id"], miembro_id=datos["m"]).first()


def baja_del_resumen(*, token: str) -> PreferenciasSeguimiento | None:
    """The digest's one-click unsubscribe (RFC 8058): no more digests; the follows, "Mi red" and the
    feed stay. Idempotent. Raises signing.BadSignature on a forged link."""
    preferencias = preferencias_del_enlace(token=token)
    if preferencias is not None and preferencias.frecuencia != PreferenciasSeguimiento.Frecuencia.NUNCA:
        preferencias.frecuencia = PreferenciasSeguimiento.Frecuencia.NUNCA
        preferencias.save(update_fields=["frecuencia"])
    return preferencias


# --- The digest ---------------------------------------------------------------------------------


def _debidas(ahora: datetime):
    """Settings of active members whose digest is due: a day (or a week) since the last one, or since
    they started following. Locked, skipping rows another run holds: two runs never send one twice."""
    vencida = Q()
    for frecuencia, periodo in PERIODOS.items():
        limite = ahora - periodo + HOLGURA
        vencida |= Q(frecuencia=frecuencia) & (
            Q(ultimo_resumen_en__lte=limite) | Q(ultimo_resumen_en__isnull=True, creado__lte=limite)
        )
    return (
        PreferenciasSeguimiento.objects.filter(vencida, miembro__is_active=True)
        .exclude(miembro__email="")
        .order_by("pk")
    )


def enviar_resumenes(*, ahora: datetime | None = None) -> int:
    """E-mail each member whose digest is due what happened around their follows since their last one.

    Run daily (``manage.py enviar_resumenes_seguimiento``). Each member is handled in their own
    transaction with their settings row locked: the items are recorded in ``ElementoEnviado`` (an
    item already recorded is never sent again, however the windows overlap), the digest is stamped,
    and the e-mail is enqueued after commit. A member with nothing new gets nothing and keeps their
    last date, so the next run looks from there. Returns the number of e-mails enqueued."""
    ahora = ahora or timezone.now()
    # Every member's records past the retention period, those of members who get no digest included.
    ElementoEnviado.objects.filter(enviado_en__lt=ahora - RETENCION).delete()
    enviados = 0
    for pk in list(_debidas(ahora).values_list("pk", flat=True)):
        try:
            enviados += _resumen_de(pk, ahora=ahora)
        except Exception:  # one member's failure must not stop the others' digests
            logger.exception("No se pudo preparar el resumen de seguimientos %s", pk)
    return enviados


def _resumen_de(pk: int, *, ahora: datetime) -> int:
    with transaction.atomic():
        preferencias = (
            _debidas(ahora)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("miembro__perfil")
            .filter(pk=pk)
            .first()
        )
        if preferencias is None:  # another run has it, or sent it meanwhile
            return 0
        miembro = preferencias.miembro
        seguimientos = list(Seguimiento.objects.filter(miembro=miembro).para_lista())
        if not seguimientos:
            return 0
        desde = max((preferencias.ultimo_resumen_en or preferencias.creado) - MARGEN, ahora - RETENCION)
        idioma = _idioma(miembro)
        with translation.override(idioma):
            # What earlier digests carried and this window may meet again (at most RETENCION's worth):
            # asked for on top of a full digest, so already-sent items never crowd out new ones.
            ya = set(ElementoEnviado.objects.filter(miembro=miembro).values_list("clave", flat=True))
            candidatos = actividad_de(
                seguimientos, miembro_id=miembro.pk, desde=desde, limite=POR_RESUMEN + 1 + len(ya)
            )
            nuevos = [e for e in candidatos if e.clave not in ya]
            if not nuevos:
                return 0
            hay_mas = len(nuevos) > POR_RESUMEN
            nuevos = nuevos[:POR_RESUMEN]
            ElementoEnviado.objects.bulk_create(
                [ElementoEnviado(miembro=miembro, clave=e.clave, enviado_en=ahora) for e in nuevos],
                ignore_conflicts=True,
            )
            preferencias.ultimo_resumen_en = ahora
            preferencias.save(update_fields=["ultimo_resumen_en"])
            _encolar_resumen(preferencias, seguimientos, nuevos, hay_mas=hay_mas, idioma=idioma)
    return 1


def _idioma(usuario) -> str:
    perfil = getattr(usuario, "perfil", None)
    return (perfil.idioma if perfil else "") or settings.LANGUAGE_CODE


def _encolar_resumen(preferencias, seguimientos, elementos, *, hay_mas: bool, idioma: str) -> None:
    """The digest's e-mail, in the member's language (called with it active)."""
    enlace_baja = _absoluta("seguimientos:baja_resumen", token_baja(preferencias), idioma)
    contexto = {
        "elementos": [
            {
                "fecha": e.fecha,
                "tipo": etiqueta(e.tipo),
                "titulo": e.titulo,
                "url": settings.SITE_URL + e.url,
                "resumen": e.resumen,
            }
            for e in elementos
        ],
        "hay_mas": hay_mas,
        "seguimientos": [
            {
                "tipo": s.get_tipo_display(),
                "nombre": s.nombre,
                "dejar": _absoluta("seguimientos:dejar", token_dejar(s), idioma),
            }
            for s in seguimientos
        ],
        "mi_red": settings.SITE_URL + reverse("seguimientos:mi_red"),
        "enlace_baja": enlace_baja,
        "diario": preferencias.frecuencia == PreferenciasSeguimiento.Frecuencia.DIARIA,
    }
    asunto = ngettext(
        "Mi red: %(n)s novedad de lo que usted sigue",
        "Mi red: %(n)s novedades de lo que usted sigue",
        len(elementos),
    ) % {"n": len(elementos)}
    encolar_correo(
        asunto=asunto,
        texto=render_to_string("seguimientos/correo/resumen.txt", contexto),
        html=render_to_string("seguimientos/correo/resumen.html", contexto | {"LANGUAGE_CODE": idioma}),
        destinatarios=[preferencias.miembro.email],
        # RFC 8058 one-click unsubscribe from the whole digest, as the boletín does.
        cabeceras={"List-Unsubscribe": f"<{enlace_baja}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


# --- The member's data ------------------------------------------------------------------------------


def datos_de_miembro(usuario) -> dict[str, list[dict]]:
    """The member's follows and digest settings, for the data export (never the feed's secret, which
    is a password). Two queries, whatever the number of rows."""
    preferencias = [
        {
            "resumen_por_correo": p.frecuencia,
            "ultimo_resumen_enviado": p.ultimo_resumen_en,
            "desde": p.creado,
        }
        for p in PreferenciasSeguimiento.objects.filter(miembro=usuario)
    ]
    seguimientos = [
        {"tipo": s.tipo, "valor": s.valor, "nombre": s.nombre, "desde": s.creado}
        for s in Seguimiento.objects.filter(miembro=usuario).para_lista()
    ]
    return {"seguimientos": seguimientos, "preferencias_seguimiento": preferencias}


def borrar_datos_de_miembro(usuario, *, conservar_mensajes: bool = True) -> None:
    """Before a member's account is erased: their follows, settings and digest records go (the account's
    deletion would cascade to them too; done here so the erasure reads the same in every app)."""
    Seguimiento.objects.filter(miembro=usuario).delete()
    PreferenciasSeguimiento.objects.filter(miembro=usuario).delete()
    ElementoEnviado.objects.filter(miembro=usuario).delete()
