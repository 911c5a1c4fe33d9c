"""What the matchmaking offers the rest of the portal: a consortium's matches in words, the
weekly e-mail to editors, and the member-data hooks (export and erasure)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comun.correo import encolar_correo
from consorcios.models import Consorcio, Sector
from oportunidades.models import Oportunidad

from .models import Afinidad, AfinidadOportunidad, AvisoAfinidades
from .razones import en_palabras

# The e-mail is weekly: the daily job skips members e-mailed less than a week ago, and the
# first e-mail covers the week before it.
SEMANA = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Afin:
    consorcio: Consorcio
    puntuacion: float
    razones: list[str]


def _sectores(filas) -> dict[int, Sector]:
    """The sectors the reasons name: one query, and none when no reason names one."""
    return Sector.objects.in_bulk() if any(c == "sector" for f in filas for c, _v in f.razones) else {}


def _en_palabras(afinidades: list[Afinidad]) -> list[Afin]:
    sectores = _sectores(afinidades)
    return [
        Afin(
            consorcio=a.destino,
            puntuacion=a.puntuacion,
            razones=en_palabras(a.razones, origen=a.origen, destino=a.destino, sectores=sectores),
        )
        for a in afinidades
    ]


def afines_de(consorcio: Consorcio, *, limite: int = 5) -> list[Afin]:
    """The consortia that complement this one, best first, each with its reasons in words.

    Two queries: the matches with their consortia, and the sectors when a reason names one.
    """
    afinidades = list(Afinidad.objects.mejores(consorcio, limite))
    for afinidad in afinidades:
        afinidad.origen = consorcio
    return _en_palabras(afinidades)


def consorcios_para(oportunidad: Oportunidad, *, limite: int = 5) -> list[Afin]:
    """The published consortia that best fit an open opportunity, with their reasons. Two queries."""
    filas = list(
        AfinidadOportunidad.objects.filter(oportunidad=oportunidad, consorcio__estado=Consorcio.Estado.PUBLICADO)
        .select_related("consorcio")
        .order_by("-puntuacion", "consorcio__nombre")[:limite]
    )
    sectores = _sectores(filas)
    return [
        Afin(consorcio=f.consorcio, puntuacion=f.puntuacion, razones=en_palabras(f.razones, sectores=sectores))
        for f in filas
    ]


@dataclass(frozen=True)
class OportunidadAfin:
    oportunidad: Oportunidad
    razones: list[str]


def oportunidades_para(consorcio: Consorcio, *, limite: int = 5) -> list[OportunidadAfin]:
    """The open opportunities this consortium fits best (its editors' block). Two queries."""
    filas = list(
        AfinidadOportunidad.objects.vigentes()
        .filter(consorcio=consorcio)
        .select_related("oportunidad")
        .order_by("-puntuacion", "oportunidad__fecha_limite")[:limite]
    )
    sectores = _sectores(filas)
    return [
        OportunidadAfin(oportunidad=f.oportunidad, razones=en_palabras(f.razones, sectores=sectores)) for f in filas
    ]


def enviar_avisos_semanales(*, ahora: datetime.datetime | None = None) -> int:
    """E-mail each editor the new matches of their published consortia since their last e-mail,
    at most once a week.

    Members who turned it off in their preferences (Perfil.avisos_afinidades) get nothing; each
    e-mail is in the member's language. Returns how many e-mails were enqueued.
    """
    ahora = ahora or timezone.now()
    editores = (
        get_user_model()
        .objects.filter(
            is_active=True,
            perfil__avisos_afinidades=True,
            consorcios__estado=Consorcio.Estado.PUBLICADO,
        )
        .exclude(email="")
        .select_related("perfil")
        .distinct()
    )
    ultimos = dict(AvisoAfinidades.objects.values_list("miembro_id", "enviado_en"))
    enviados = 0
    for editor in editores:
        desde = ultimos.get(editor.pk) or ahora - SEMANA
        if ahora - desde < SEMANA:
            continue
        nuevas = list(
            Afinidad.objects.filter(
                origen__responsables=editor,
                origen__estado=Consorcio.Estado.PUBLICADO,
                destino__estado=Consorcio.Estado.PUBLICADO,
                creada__gt=desde,
                creada__lte=ahora,
            )
            .select_related("origen", "destino")
            .order_by("origen__nombre", "-puntuacion")
        )
        AvisoAfinidades.objects.update_or_create(miembro=editor, defaults={"enviado_en": ahora})
        if not nuevas:
            continue
        idioma = getattr(getattr(editor, "perfil", None), "idioma", "") or settings.LANGUAGE_CODE
        with translation.override(idioma):
            grupos: dict[Consorcio, list[Afin]] = {}
            for afinidad, afin in zip(nuevas, _en_palabras(nuevas), strict=True):
                grupos.setdefault(afinidad.origen, []).append(afin)
            contexto = {
                "grupos": [
                    (origen, settings.SITE_URL + origen.get_absolute_url(), afines) for origen, afines in grupos.items()
                ],
                "sitio": settings.SITE_URL,
                "preferencias": settings.SITE_URL + reverse("miembros:perfil"),
            }
            encolar_correo(
                asunto=_("Consorcios afines nuevos en la Red"),
                texto=render_to_string("afinidades/correo/semanal.txt", contexto),
                destinatarios=[editor.email],
            )
        enviados += 1
    return enviados


def datos_de_miembro(usuario: AbstractBaseUser) -> dict[str, list[dict]]:
    aviso = AvisoAfinidades.objects.filter(miembro=usuario).first()
    return {"avisos_afinidades": [{"ultimo_aviso": aviso.enviado_en.isoformat()}] if aviso else []}


def borrar_datos_de_miembro(usuario: AbstractBaseUser, *, conservar_mensajes: bool = True) -> None:
    AvisoAfinidades.objects.filter(miembro=usuario).delete()
