"""Matchmaking: which consortia complement each other, and why (issue 25, "Matchmaking").

`Rasgos` keeps, per published consortium, what the score compares (stems of its products,
sectors, countries and their neighbours, markets, member firms), written by PostgreSQL from the
registry's rows (calculo.py). `Afinidad` keeps each consortium's best matches with their reasons;
both are rewritten in the background after a change (tasks.py), never inside a request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consorcios.models import Consorcio
from oportunidades.models import Oportunidad


class Rasgos(models.Model):
    consorcio = models.OneToOneField(Consorcio, on_delete=models.CASCADE, primary_key=True, related_name="+")
    # Stems of its products (Spanish, accents optional: the es_unaccent configuration), generic
    # words such as "productos" or "exportación" left out.
    lexemas = ArrayField(models.TextField(), default=list)
    sectores = ArrayField(models.IntegerField(), default=list)
    paises = ArrayField(models.CharField(max_length=2), default=list)
    vecinos = ArrayField(models.CharField(max_length=2), default=list)
    mercados = ArrayField(models.CharField(max_length=2), default=list)
    # The names of its member firms (lower case, without accents): a consortium never matches one
    # of its own members (a consortium of consortia lists them as member firms).
    miembros = ArrayField(models.TextField(), default=list)
    # Written by calculo.py only (copies of the consortium's own fields): never a form's.
    nombre = models.TextField(editable=False)
    productos = models.TextField(blank=True, editable=False)  # the words a "same product" reason quotes
    ciudad = models.TextField(blank=True, editable=False)
    tipo = models.CharField(max_length=20)
    signo = models.CharField(max_length=30, blank=True)
    estado_signo = models.CharField(max_length=20, blank=True)
    empresas = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = _("rasgos para afinidades")
        indexes = [
            # The candidates of a consortium: those sharing a sector or a product stem (&&).
            GinIndex(fields=["lexemas"], name="rasgos_lexemas_gin"),
            GinIndex(fields=["sectores"], name="rasgos_sectores_gin"),
            # …or its town.
            models.Index(fields=["ciudad"], name="rasgos_ciudad_idx"),
        ]

    def __str__(self) -> str:
        return self.nombre


class AfinidadQuerySet(models.QuerySet):
    def mejores(self, consorcio: Consorcio, limite: int = 5) -> AfinidadQuerySet:
        """A consortium's best published matches, best first (one query with the destination)."""
        return (
            self.filter(origen=consorcio, destino__estado=Consorcio.Estado.PUBLICADO)
            .select_related("destino")
            .order_by("-puntuacion", "destino__nombre")[:limite]
        )


class Afinidad(models.Model):
    origen = models.ForeignKey(Consorcio, on_delete=models.CASCADE, related_name="afinidades")
    destino = models.ForeignKey(Consorcio, on_delete=models.CASCADE, related_name="+")
    puntuacion = models.FloatField(_("puntuación"))
    # [[clave, valores], …], put in words in the reader's language by razones.en_palabras().
    razones = models.JSONField(_("razones"), default=list)
    # When the pair first matched: the weekly e-mail announces the matches newer than its last one.
    creada = models.DateTimeField(_("encontrada el"), default=timezone.now)

    objects = AfinidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("afinidad")
        verbose_name_plural = _("afinidades")
        constraints = [
            # One row per ordered pair: the recomputation upserts on it.
            models.UniqueConstraint(fields=["origen", "destino"], name="afinidad_par_unico"),
            models.CheckConstraint(condition=~models.Q(origen=models.F("destino")), name="afinidad_no_consigo"),
        ]
        indexes = [
            # A consortium's best matches (mejores()), and the trim to the best N after a change.
            models.Index(fields=["origen", "-puntuacion"], name="afinidad_origen_punt_idx"),
            # The matches a change of one consortium touches (recalcular(): destino = X).
            models.Index(fields=["destino"], name="afinidad_destino_idx"),
            # The weekly e-mail: new matches since the last one.
            models.Index(fields=["creada"], name="afinidad_creada_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.origen_id} → {self.destino_id} ({self.puntuacion:.1f})"


class AvisoAfinidades(models.Model):
    """When a member was last e-mailed their consortia's new matches (the weekly e-mail)."""

    miembro = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True)
    enviado_en = models.DateTimeField(_("último aviso"))

    class Meta:
        verbose_name = _("aviso de afinidades")
        verbose_name_plural = _("avisos de afinidades")

    def __str__(self) -> str:
        return f"{self.miembro_id}: {self.enviado_en:%Y-%m-%d}"


class AfinidadOportunidadQuerySet(models.QuerySet):
    def vigentes(self) -> AfinidadOportunidadQuerySet:
        """Pairs whose opportunity is still published and open, and whose consortium is published."""
        return self.filter(
            oportunidad__in=Oportunidad.objects.publicadas(), consorcio__estado=Consorcio.Estado.PUBLICADO
        )


class AfinidadOportunidad(models.Model):
    """A consortium that fits a cooperation opportunity, and why (the same reasons as Afinidad)."""

    oportunidad = models.ForeignKey(Oportunidad, on_delete=models.CASCADE, related_name="afinidades")
    consorcio = models.ForeignKey(Consorcio, on_delete=models.CASCADE, related_name="afinidades_oportunidades")
    puntuacion = models.FloatField(_("puntuación"))
    razones = models.JSONField(_("razones"), default=list)
    creada = models.DateTimeField(_("encontrada el"), default=timezone.now)

    objects = AfinidadOportunidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("afinidad con una oportunidad")
        verbose_name_plural = _("afinidades con oportunidades")
        constraints = [
            # One row per pair: the recomputation upserts on it.
            models.UniqueConstraint(fields=["oportunidad", "consorcio"], name="afinidad_oportunidad_par_unico"),
        ]
        indexes = [
            # An opportunity's best consortia, and a consortium's opportunities (its editors' block).
            models.Index(fields=["oportunidad", "-puntuacion"], name="afin_op_oport_punt_idx"),
            models.Index(fields=["consorcio", "-puntuacion"], name="afin_op_cons_punt_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.oportunidad_id} → {self.consorcio_id} ({self.puntuacion:.1f})"
