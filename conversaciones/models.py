"""Private conversations between members: one to one or small groups, optionally about something.

A conversation is never public and never cached: every page of it is made for one participant.
Read marks, mutes and e-mail notices live on the participant's row (``Participante``), so the
inbox and the header's unread count are one query each.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comun.markdown import a_html

MENSAJE_ELIMINADO = _("Mensaje eliminado")


class ConversacionQuerySet(models.QuerySet):
    def de(self, usuario) -> ConversacionQuerySet:
        """The conversations ``usuario`` takes part in (and has not left): the permission lookup."""
        if not usuario.is_authenticated:
            return self.none()
        return self.filter(participantes__miembro=usuario, participantes__salio_en__isnull=True)


class Conversacion(models.Model):
    """A private conversation, optionally about a consortium, an institution or (later) an opportunity.

    ``sobre`` is generic because what a conversation is about lives in apps this one must not import
    (an opportunity's app comes after it). ``clave`` names the people and the subject of a
    conversation that must not be duplicated (one to one, or anything about a subject), so
    "Contactar" twice reopens the same one and two clicks at once cannot make two.
    """

    asunto = models.CharField(_("asunto"), max_length=200, blank=True)
    sobre_tipo = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sobre (tipo)")
    )
    sobre_id = models.PositiveBigIntegerField(_("sobre (número)"), null=True, blank=True)
    sobre = GenericForeignKey("sobre_tipo", "sobre_id")
    cita = models.TextField(_("cita"), max_length=2000, blank=True)
    clave = models.CharField(max_length=300, blank=True, editable=False)
    creada = models.DateTimeField(_("creada"), default=timezone.now, editable=False)
    # The time of the last message: the inbox's order.
    actualizada = models.DateTimeField(pgettext_lazy("conversaciones", "último mensaje"), default=timezone.now)
    # The id of the last message: unread means ultimo_mensaje > Participante.ultimo_leido.
    ultimo_mensaje = models.PositiveBigIntegerField(default=0, editable=False)

    objects = ConversacionQuerySet.as_manager()

    class Meta:
        ordering = ["-actualizada", "-pk"]
        verbose_name = _("conversación")
        verbose_name_plural = _("conversaciones")
        constraints = [
            # One conversation per pair of people (or per group) about the same subject: "Contactar" reuses it.
            models.UniqueConstraint(fields=["clave"], condition=~Q(clave=""), name="conversacion_clave_unica"),
        ]
        indexes = [
            # What a consortium's or an opportunity's editors were contacted about.
            models.Index(fields=["sobre_tipo", "sobre_id"], name="conversacion_sobre_idx"),
        ]

    def __str__(self) -> str:
        return self.asunto or str(_("Conversación %(numero)s") % {"numero": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("conversaciones:conversacion", kwargs={"pk": self.pk})


class ParticipanteQuerySet(models.QuerySet):
    def activos(self) -> ParticipanteQuerySet:
        return self.filter(salio_en__isnull=True)


class Participante(models.Model):
    """A member in a conversation, with their read mark, mute and the last message an e-mail covered."""

    conversacion = models.ForeignKey(
        Conversacion, on_delete=models.CASCADE, related_name="participantes", verbose_name=_("conversación")
    )
    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participaciones",
        verbose_name=_("miembro"),
    )
    # Message ids, not foreign keys: a mark only moves forward, and a deleted message leaves it valid.
    ultimo_leido = models.PositiveBigIntegerField(pgettext_lazy("conversaciones", "último mensaje leído"), default=0)
    avisado_hasta = models.PositiveBigIntegerField(_("último mensaje avisado por correo"), default=0)
    silenciada = models.BooleanField(_("silenciada"), default=False)
    salio_en = models.DateTimeField(_("salió el"), null=True, blank=True)
    unido_en = models.DateTimeField(_("se unió el"), default=timezone.now, editable=False)

    objects = ParticipanteQuerySet.as_manager()

    class Meta:
        ordering = ["conversacion", "pk"]
        verbose_name = _("participante")
        verbose_name_plural = _("participantes")
        constraints = [
            # A member is once in a conversation (rejoining clears salio_en on the same row).
            models.UniqueConstraint(fields=["conversacion", "miembro"], name="participante_unico"),
        ]
        indexes = [
            # The inbox, the header's count and the permission lookup: WHERE miembro_id = … AND salio_en IS NULL.
            models.Index(
                fields=["miembro", "conversacion"], condition=Q(salio_en__isnull=True), name="participante_activo_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.miembro} · {self.conversacion_id}"

    def clean(self) -> None:
        otros = Participante.objects.activos().filter(conversacion_id=self.conversacion_id).exclude(pk=self.pk)
        if self.salio_en is None and otros.count() >= settings.CONVERSACIONES_MAX_PARTICIPANTES:
            raise ValidationError(
                _("Una conversación admite como máximo %(maximo)d participantes.")
                % {"maximo": settings.CONVERSACIONES_MAX_PARTICIPANTES}
            )


class MensajeQuerySet(models.QuerySet):
    def con_autor(self) -> MensajeQuerySet:
        return self.select_related("autor__perfil")


class Mensaje(models.Model):
    """A message: Markdown as written, and its sanitised HTML made once, when it is written."""

    conversacion = models.ForeignKey(
        Conversacion, on_delete=models.CASCADE, related_name="mensajes", verbose_name=_("conversación")
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mensajes_conversacion",
        verbose_name=_("autor"),
    )
    cuerpo = models.TextField(pgettext_lazy("conversaciones", "mensaje"), max_length=10000)
    cuerpo_html = models.TextField(editable=False, blank=True)
    creado = models.DateTimeField(_("creado"), default=timezone.now, editable=False)
    eliminado = models.BooleanField(_("eliminado"), default=False)
    # A form submitted twice carries the same token: the second submit finds the first message.
    token = models.UUIDField(null=True, blank=True, editable=False)

    objects = MensajeQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = pgettext_lazy("conversaciones", "mensaje")
        verbose_name_plural = pgettext_lazy("conversaciones", "mensajes")
        constraints = [
            # A double submit makes one message: one token per author.
            models.UniqueConstraint(fields=["autor", "token"], name="mensaje_conversacion_token_unico"),
        ]
        indexes = [
            # A conversation's page and its "earlier" link: WHERE conversacion_id = … AND id < … ORDER BY id DESC.
            models.Index(fields=["conversacion", "-id"], name="mensaje_conversacion_idx"),
            # The rate limit counts the author's messages of the last hour.
            models.Index(fields=["autor", "-creado"], name="mensaje_conv_autor_creado_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.conversacion_id} · {self.pk}"

    def save(self, *args, **kwargs) -> None:
        self.cuerpo_html = "" if self.eliminado else a_html(self.cuerpo)
        super().save(*args, **kwargs)


class Bloqueo(models.Model):
    """``quien`` blocked ``a_quien``: a_quien may not start a conversation with them nor write to them."""

    quien = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bloqueos", verbose_name=_("quién bloquea")
    )
    a_quien = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("a quién")
    )
    creado = models.DateTimeField(_("creado"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-creado"]
        verbose_name = _("bloqueo")
        verbose_name_plural = _("bloqueos")
        constraints = [
            # Blocking twice is one block.
            models.UniqueConstraint(fields=["quien", "a_quien"], name="bloqueo_unico"),
            # Nobody blocks themselves.
            models.CheckConstraint(condition=~Q(quien=models.F("a_quien")), name="bloqueo_no_a_si_mismo"),
        ]

    def __str__(self) -> str:
        return f"{self.quien_id} → {self.a_quien_id}"

    def clean(self) -> None:
        if self.quien_id and self.quien_id == self.a_quien_id:
            raise ValidationError(_("No puede bloquearse a sí mismo/a."))


class Denuncia(models.Model):
    """A participant reported a message to staff: the only way staff may read a conversation."""

    mensaje = models.ForeignKey(
        Mensaje,
        on_delete=models.CASCADE,
        related_name="denuncias",
        verbose_name=pgettext_lazy("conversaciones", "mensaje"),
    )
    denunciante = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="denuncias_conversacion",
        verbose_name=_("denunciante"),
    )
    motivo = models.TextField(_("motivo"), max_length=2000)
    creada = models.DateTimeField(_("creada"), default=timezone.now, editable=False)
    resuelta = models.BooleanField(_("resuelta"), default=False)
    resuelta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resuelta por"),
    )
    resuelta_en = models.DateTimeField(_("resuelta el"), null=True, blank=True)

    class Meta:
        ordering = ["resuelta", "-creada"]
        verbose_name = _("denuncia de mensaje")
        verbose_name_plural = _("denuncias de mensajes")
        constraints = [
            # A member reports a message once while it is pending (a double submit is one report).
            models.UniqueConstraint(
                fields=["mensaje", "denunciante"], condition=Q(resuelta=False), name="denuncia_pendiente_unica"
            ),
        ]
        indexes = [
            # The admin's queue: WHERE resuelta = false ORDER BY creada DESC.
            models.Index(fields=["resuelta", "-creada"], name="denuncia_resuelta_idx"),
        ]

    def __str__(self) -> str:
        return str(_("Denuncia %(numero)s") % {"numero": self.pk})
