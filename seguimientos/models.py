"""Follows ("seguir"), the member's digest settings, and what each digest already carried.

A follow points at exactly one target: a consortium, an institution, a country, a sector, a forum or
an opportunity kind. What happens around those targets reaches the member through "Mi red"
(/mi-red/), a private feed and an e-mail digest; ``seguimientos.fuentes`` finds it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from oportunidades.models import Oportunidad

# The kinds of cooperation opportunity a member may follow: the opportunities' own.
TIPOS_OPORTUNIDAD: dict[str, str] = dict(Oportunidad.Tipo.choices)


def nuevo_token() -> str:
    """The secret of a member's private feed URL: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


# The target fields of a follow; text fields store "no target" as "", foreign keys as NULL.
CAMPOS_OBJETIVO = ["consorcio", "institucion", "pais", "sector", "foro", "tipo_oportunidad"]
CAMPOS_DE_TEXTO = frozenset({"pais", "tipo_oportunidad"})


def un_solo_objetivo() -> Q:
    """SQL: exactly one target field is set (``CAMPOS_OBJETIVO``)."""

    def fijado(campo: str) -> Q:
        return ~Q(**{campo: ""}) if campo in CAMPOS_DE_TEXTO else Q(**{f"{campo}__isnull": False})

    def vacio(campo: str) -> Q:
        return Q(**{campo: ""}) if campo in CAMPOS_DE_TEXTO else Q(**{f"{campo}__isnull": True})

    campos = CAMPOS_OBJETIVO
    alternativas = Q()
    for campo in campos:
        solo_este = fijado(campo)
        for otro in campos:
            if otro != campo:
                solo_este &= vacio(otro)
        alternativas |= solo_este
    return alternativas


class SeguimientoQuerySet(models.QuerySet):
    def de(self, usuario) -> SeguimientoQuerySet:
        return self.filter(miembro=usuario)

    def para_lista(self) -> SeguimientoQuerySet:
        """With the names of what is followed, in one query (for "Mi red" and the digest)."""
        return self.select_related("consorcio", "institucion", "sector", "foro").order_by("-creado", "-pk")


class Seguimiento(models.Model):
    """A member follows one thing. Exactly one of the target fields is set."""

    class Tipo(models.TextChoices):
        CONSORCIO = "consorcio", _("Consorcio")
        INSTITUCION = "institucion", _("Institución")
        PAIS = "pais", _("País")
        SECTOR = "sector", _("Sector")
        FORO = "foro", _("Foro")
        OPORTUNIDAD = "oportunidad", _("Tipo de oportunidad")

    # The target field of each kind.
    CAMPOS = {
        Tipo.CONSORCIO: "consorcio",
        Tipo.INSTITUCION: "institucion",
        Tipo.PAIS: "pais",
        Tipo.SECTOR: "sector",
        Tipo.FORO: "foro",
        Tipo.OPORTUNIDAD: "tipo_oportunidad",
    }
    TEXTOS = CAMPOS_DE_TEXTO

    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seguimientos", verbose_name=_("miembro")
    )
    consorcio = models.ForeignKey(
        "consorcios.Consorcio",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seguimientos",
        verbose_name=_("consorcio"),
    )
    institucion = models.ForeignKey(
        "miembros.Institucion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seguimientos",
        verbose_name=_("institución"),
    )
    pais = CountryField(_("país"), blank=True)
    sector = models.ForeignKey(
        "consorcios.Sector",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seguimientos",
        verbose_name=_("sector"),
    )
    foro = models.ForeignKey(
        "foros.Foro",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seguimientos",
        verbose_name=_("foro"),
    )
    tipo_oportunidad = models.CharField(
        _("tipo de oportunidad"), max_length=30, blank=True, choices=list(TIPOS_OPORTUNIDAD.items())
    )
    creado = models.DateTimeField(_("desde"), default=timezone.now, editable=False)

    objects = SeguimientoQuerySet.as_manager()

    class Meta:
        ordering = ["-creado", "-pk"]
        verbose_name = _("seguimiento")
        verbose_name_plural = _("seguimientos")
        constraints = [
            # A follow has exactly one target: one field set, the five others empty.
            models.CheckConstraint(condition=un_solo_objetivo(), name="seguimiento_un_objetivo"),
            # A member follows each thing once (a double submit, or two tabs, make one follow);
            # these unique indexes, led by miembro, also serve "a member's follows".
            models.UniqueConstraint(
                fields=["miembro", "consorcio"],
                condition=Q(consorcio__isnull=False),
                name="seguimiento_consorcio_unico",
            ),
            models.UniqueConstraint(
                fields=["miembro", "institucion"],
                condition=Q(institucion__isnull=False),
                name="seguimiento_institucion_unico",
            ),
            models.UniqueConstraint(fields=["miembro", "pais"], condition=~Q(pais=""), name="seguimiento_pais_unico"),
            models.UniqueConstraint(
                fields=["miembro", "sector"], condition=Q(sector__isnull=False), name="seguimiento_sector_unico"
            ),
            models.UniqueConstraint(
                fields=["miembro", "foro"], condition=Q(foro__isnull=False), name="seguimiento_foro_unico"
            ),
            models.UniqueConstraint(
                fields=["miembro", "tipo_oportunidad"],
                condition=~Q(tipo_oportunidad=""),
                name="seguimiento_oportunidad_unico",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.miembro_id} → {self.get_tipo_display()}: {self.nombre}"

    @property
    def tipo(self) -> str:
        """The kind of target (``Tipo``), from the one field that is set ("" when none is)."""
        for tipo, campo in self.CAMPOS.items():
            if campo in self.TEXTOS:
                if getattr(self, campo):
                    return tipo
            elif getattr(self, f"{campo}_id") is not None:
                return tipo
        return ""

    def get_tipo_display(self) -> str:
        return str(self.Tipo(self.tipo).label) if self.tipo else ""

    @property
    def valor(self) -> str:
        """How the follow buttons name the target: a number, a country code, a sector's key or a kind."""
        tipo = self.tipo
        if tipo == self.Tipo.PAIS:
            return self.pais.code
        if tipo == self.Tipo.SECTOR:
            return self.sector.slug
        if tipo == self.Tipo.OPORTUNIDAD:
            return self.tipo_oportunidad
        return str(getattr(self, f"{self.CAMPOS[tipo]}_id")) if tipo else ""

    @property
    def nombre(self) -> str:
        """What is followed, as a person reads it (needs the target loaded: ``para_lista``)."""
        tipo = self.tipo
        if tipo == self.Tipo.PAIS:
            return str(self.pais.name)
        if tipo == self.Tipo.OPORTUNIDAD:
            return str(TIPOS_OPORTUNIDAD.get(self.tipo_oportunidad, self.tipo_oportunidad))
        return str(getattr(self, self.CAMPOS[tipo])) if tipo else ""

    @property
    def url(self) -> str:
        """The page of what is followed, where there is one (a country or sector: the filtered registry)."""
        from django.urls import reverse

        tipo = self.tipo
        if tipo in {self.Tipo.CONSORCIO, self.Tipo.INSTITUCION, self.Tipo.FORO}:
            return getattr(self, self.CAMPOS[tipo]).get_absolute_url()
        if tipo == self.Tipo.PAIS:
            return f"{reverse('consorcios:lista')}?pais={self.pais.code}"
        if tipo == self.Tipo.SECTOR:
            return f"{reverse('consorcios:lista')}?sector={self.sector.slug}"
        return ""

    def clean(self) -> None:
        fijados = [campo for campo in self.CAMPOS.values() if self._fijado(campo)]
        if len(fijados) != 1:
            raise ValidationError(_("Un seguimiento apunta exactamente a una cosa."), code="objetivo")
        campo = fijados[0]
        if campo == "tipo_oportunidad" and self.tipo_oportunidad not in TIPOS_OPORTUNIDAD:
            raise ValidationError({"tipo_oportunidad": _("Ese tipo de oportunidad no existe.")}, code="tipo")
        if self.miembro_id is not None:
            otros = Seguimiento.objects.filter(miembro_id=self.miembro_id, **{campo: getattr(self, campo)})
            if otros.exclude(pk=self.pk).exists():
                raise ValidationError(_("Ya sigues esto."), code="repetido")

    def _fijado(self, campo: str) -> bool:
        return bool(getattr(self, campo)) if campo in self.TEXTOS else getattr(self, f"{campo}_id") is not None


class PreferenciasSeguimiento(models.Model):
    """A member's digest and private feed. Made by the member's first POST (a follow, the settings
    form, "crear el canal"), never by a page view: a GET writes nothing."""

    class Frecuencia(models.TextChoices):
        NUNCA = "nunca", _("Nunca")
        DIARIA = "diaria", _("Un resumen diario")
        SEMANAL = "semanal", _("Un resumen semanal")

    miembro = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preferencias_seguimiento",
        verbose_name=_("miembro"),
    )
    frecuencia = models.CharField(
        _("resumen por correo"), max_length=10, choices=Frecuencia.choices, default=Frecuencia.SEMANAL
    )
    ultimo_resumen_en = models.DateTimeField(_("último resumen enviado"), null=True, blank=True, editable=False)
    # The secret of the private feed's URL; "regenerar" replaces it and the old URL answers 404.
    token_feed = models.CharField(_("clave del canal privado"), max_length=64, unique=True, default=nuevo_token)
    creado = models.DateTimeField(_("creado"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("preferencias de seguimiento")
        verbose_name_plural = _("preferencias de seguimiento")
        indexes = [
            # The daily digest job: WHERE frecuencia IN ('diaria', 'semanal') AND ultimo_resumen_en < ….
            models.Index(fields=["frecuencia", "ultimo_resumen_en"], name="preferencias_resumen_idx"),
        ]

    def __str__(self) -> str:
        return str(self.miembro)


class ElementoEnviado(models.Model):
    """An item a digest carried to a member (its source's key): no later digest carries it again.

    Kept only as long as a digest could still meet the item again (``services.RETENCION``)."""

    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("miembro")
    )
    clave = models.CharField(_("elemento"), max_length=80)
    enviado_en = models.DateTimeField(_("enviado"), default=timezone.now)

    class Meta:
        ordering = ["-enviado_en"]
        verbose_name = _("elemento enviado en un resumen")
        verbose_name_plural = _("elementos enviados en resúmenes")
        constraints = [
            # Each item once per member: two digest runs at once cannot both record (and send) it.
            models.UniqueConstraint(fields=["miembro", "clave"], name="elemento_enviado_unico"),
        ]
        indexes = [
            # The daily prune of records past the retention period: WHERE enviado_en < ….
            models.Index(fields=["enviado_en"], name="elemento_enviado_fecha_idx"),
        ]

    def __str__(self) -> str:
        return self.clave
