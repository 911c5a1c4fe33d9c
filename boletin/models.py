from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SuscriptorQuerySet(models.QuerySet):
    def activos(self) -> SuscriptorQuerySet:
        """Confirmed (double opt-in), not unsubscribed, and not a member whose account is deactivated
        (waiting to be erased): the only ones who get the boletín."""
        return self.filter(confirmado_en__isnull=False, baja_en__isnull=True).exclude(usuario__is_active=False)


class Suscriptor(models.Model):
    email = models.EmailField(_("correo electrónico"))
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suscripciones_boletin",
        verbose_name=_("miembro"),
    )
    idioma = models.CharField(_("idioma"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    creado = models.DateTimeField(_("alta solicitada"), default=timezone.now)
    confirmado_en = models.DateTimeField(_("confirmado"), null=True, blank=True)
    baja_en = models.DateTimeField(_("baja"), null=True, blank=True)

    objects = SuscriptorQuerySet.as_manager()

    class Meta:
        ordering = ["-creado"]
        verbose_name = _("suscriptor/a")
        verbose_name_plural = _("suscriptores")
        constraints = [
            # One subscription per address, whatever its capitalisation.
            models.UniqueConstraint(Lower("email"), name="suscriptor_email_unico"),
        ]
        indexes = [
            # Sending selects the active subscribers.
            models.Index(fields=["confirmado_en", "baja_en"], name="suscriptor_activo_idx"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def activo(self) -> bool:
        return self.confirmado_en is not None and self.baja_en is None


class NumeroQuerySet(models.QuerySet):
    def enviados(self) -> NumeroQuerySet:
        return self.filter(enviado_en__isnull=False)


class Numero(models.Model):
    """One issue of the boletín."""

    numero = models.PositiveIntegerField(_("número"), unique=True)
    titulo = models.CharField(_("título"), max_length=200)
    editorial = models.TextField(_("editorial (Markdown)"), max_length=10_000, blank=True)
    editorial_html = models.TextField(editable=False, blank=True)
    desde = models.DateTimeField(_("actividad desde"), help_text=_("Se incluye lo publicado desde esta fecha."))
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    enviado_en = models.DateTimeField(_("envío iniciado"), null=True, blank=True)

    objects = NumeroQuerySet.as_manager()

    class Meta:
        ordering = ["-numero"]
        verbose_name = _("número del boletín")
        verbose_name_plural = _("números del boletín")

    def __str__(self) -> str:
        return f"{self.numero}. {self.titulo}"

    def save(self, *args, **kwargs) -> None:
        from comun.markdown import a_html

        self.editorial_html = a_html(self.editorial)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("boletin:numero", args=[self.numero])


class Elemento(models.Model):
    """An item of an issue, pre-filled from the portal's activity and edited by staff."""

    class Seccion(models.TextChoices):
        CONSORCIOS = "consorcios", _("Nuevos consorcios")
        DOCUMENTOS = "documentos", _("Biblioteca")
        NOTICIAS = "noticias", _("Noticias")
        EVENTOS = "eventos", _("Próximos eventos")
        FOROS = "foros", _("Temas de interés común")

    numero = models.ForeignKey(Numero, on_delete=models.CASCADE, related_name="elementos", verbose_name=_("número"))
    seccion = models.CharField(_("sección"), max_length=20, choices=Seccion.choices)
    titulo = models.CharField(_("título"), max_length=250)
    url = models.CharField(_("enlace"), max_length=500, help_text=_("Ruta del portal, p. ej. /consorcios/pisco/"))
    resumen = models.TextField(_("resumen"), max_length=5000, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    incluido = models.BooleanField(_("incluido"), default=True)

    class Meta:
        ordering = ["seccion", "orden", "pk"]
        verbose_name = _("elemento")
        verbose_name_plural = _("elementos")

    def __str__(self) -> str:
        return self.titulo

    def url_absoluta(self) -> str:
        return self.url if self.url.startswith(("http://", "https://")) else settings.SITE_URL + self.url


class Entrega(models.Model):
    """One issue to one subscriber: the record that makes sending resumable."""

    numero = models.ForeignKey(Numero, on_delete=models.CASCADE, related_name="entregas", verbose_name=_("número"))
    suscriptor = models.ForeignKey(
        Suscriptor, on_delete=models.CASCADE, related_name="entregas", verbose_name=_("suscriptor/a")
    )
    enviado_en = models.DateTimeField(_("enviado"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("entrega")
        verbose_name_plural = _("entregas")
        constraints = [
            # Nobody gets the same issue twice, however often sending restarts.
            models.UniqueConstraint(fields=["numero", "suscriptor"], name="entrega_unica"),
        ]
        indexes = [
            # The worker picks the pending deliveries of an issue.
            models.Index(fields=["numero", "enviado_en"], name="entrega_pendiente_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.numero_id} → {self.suscriptor_id}"
