from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Institucion(models.Model):
    """An institution of the network: ministries, chambers, universities, agencies."""

    class Tipo(models.TextChoices):
        PUBLICA = "publica", _("Pública")
        PRIVADA = "privada", _("Privada")
        CAMARA = "camara", _("Cámara o gremio")
        UNIVERSIDAD = "universidad", _("Universidad o centro de investigación")
        ORGANISMO = "organismo", _("Organismo internacional")
        ONG = "ong", _("ONG o fundación")

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    sigla = models.CharField(_("sigla"), max_length=30, blank=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    pais = CountryField(_("país"), blank=True)
    sitio_web = models.URLField(_("sitio web"), blank=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        indexes = [
            # Admin and form filters by country and type.
            models.Index(fields=["pais", "tipo"], name="institucion_pais_tipo_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre


class Perfil(models.Model):
    """What the network knows of a registered person, beyond the account."""

    class Rol(models.TextChoices):
        PROMOTOR = "promotor", _("Promotor/a de consorcios")
        INVESTIGADOR = "investigador", _("Investigador/a")
        EMPRESA = "empresa", _("Empresa")
        INSTITUCION = "institucion", _("Institución")
        OTRO = "otro", _("Otro")

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="perfil", verbose_name=_("usuario")
    )
    nombre = models.CharField(_("nombre completo"), max_length=150, blank=True)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.OTRO)
    institucion = models.ForeignKey(
        Institucion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="miembros",
        verbose_name=_("institución"),
    )
    pais = CountryField(_("país"), blank=True)
    bio = models.TextField(_("presentación breve"), max_length=1000, blank=True)
    idioma = models.CharField(
        _("idioma preferido"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Notification preferences: the apps that e-mail members ask these before sending.
    avisos_foros = models.BooleanField(
        _("avisos de los foros"),
        default=True,
        help_text=_("Recibir por correo los mensajes nuevos de los temas y foros a los que estoy suscrito/a."),
    )

    class Frecuencia(models.TextChoices):
        INMEDIATA = "inmediata", _("Cada mensaje, al momento")
        DIARIA = "diaria", _("Un resumen diario")

    frecuencia_foros = models.CharField(
        _("frecuencia de los avisos de los foros"),
        max_length=10,
        choices=Frecuencia.choices,
        default=Frecuencia.INMEDIATA,
    )
    avisos_revision = models.BooleanField(
        _("avisos de revisión"),
        default=True,
        help_text=_("Recibir por correo el resultado de la revisión de mis consorcios y documentos."),
    )

    class Meta:
        verbose_name = _("perfil")
        verbose_name_plural = _("perfiles")
        indexes = [
            # Is a display name taken (the sign-up and profile forms: nombre__iexact)?
            models.Index(Upper("nombre"), name="perfil_nombre_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.nombre or self.usuario.get_username()

    @classmethod
    def nombre_ocupado(cls, nombre: str, *, salvo: Perfil | None = None) -> bool:
        """Whether another member already shows this name (case apart): two members must never look alike."""
        otros = cls.objects.filter(nombre__iexact=nombre)
        return (otros.exclude(pk=salvo.pk) if salvo is not None else otros).exists()


class ConsentimientoQuerySet(models.QuerySet):
    def vigentes(self) -> ConsentimientoQuerySet:
        return self.filter(retirado_en__isnull=True)


class Consentimiento(models.Model):
    """One consent a member gave: when, to which text (version) and through which form.

    Withdrawing keeps the row (the record of what was agreed, and when it ended); giving the same
    consent again makes a new row. The apps that act on a consent (the boletín, the registry's
    published contact) record it through ``miembros.services`` and listen to
    ``miembros.signals.consentimiento_retirado`` to stop acting on it.
    """

    class Tipo(models.TextChoices):
        BOLETIN = "boletin", _("Recibir el boletín de la Red por correo")
        CONTACTO_CONSORCIO = "contacto_consorcio", _("Publicar el contacto de un consorcio a los miembros")
        DATOS_EVENTO = "datos_evento", _("Compartir mis datos con los organizadores de un evento")

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consentimientos",
        verbose_name=_("miembro"),
    )
    tipo = models.CharField(_("consentimiento"), max_length=30, choices=Tipo.choices)
    # What it applies to when a type has several objects (a consortium's pk), and its name then.
    referencia = models.CharField(_("referencia"), max_length=40, blank=True)
    descripcion = models.CharField(_("sobre"), max_length=300, blank=True)
    version = models.CharField(_("versión del texto"), max_length=40)
    texto = models.TextField(_("texto mostrado"), max_length=2000)
    formulario = models.CharField(_("cómo se dio"), max_length=100)
    dado_en = models.DateTimeField(_("dado el"), default=timezone.now)
    retirado_en = models.DateTimeField(_("retirado el"), null=True, blank=True)

    objects = ConsentimientoQuerySet.as_manager()

    # The forms that record consents, by the name of their page (``formulario``), as members read them.
    FORMULARIOS = {
        "boletin:mi_suscripcion": _("en la página «Mi suscripción al boletín»"),
        "consorcios:registrar": _("al registrar el consorcio"),
        "consorcios:editar": _("al editar el consorcio"),
        "biblioteca:evento": _("al inscribirse en el evento"),
    }

    class Meta:
        ordering = ["-dado_en", "-pk"]
        verbose_name = _("consentimiento")
        verbose_name_plural = _("consentimientos")
        constraints = [
            # At most one consent in force per member, type and object (a double submit records one).
            models.UniqueConstraint(
                fields=["usuario", "tipo", "referencia"],
                condition=models.Q(retirado_en__isnull=True),
                name="consentimiento_vigente_unico",
            ),
        ]
        indexes = [
            # The member's consents page and the export: WHERE usuario_id = … ORDER BY dado_en DESC.
            models.Index(fields=["usuario", "-dado_en"], name="consentimiento_usuario_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} {self.descripcion}".strip()

    @property
    def como_se_dio(self) -> str:
        return str(self.FORMULARIOS.get(self.formulario, self.formulario))

    @property
    def vigente(self) -> bool:
        return self.retirado_en is None


class BajaQuerySet(models.QuerySet):
    def vencidas(self, ahora=None) -> BajaQuerySet:
        """Requests whose grace period is over: their accounts are erased now."""
        return self.filter(borrar_desde__lte=ahora or timezone.now())


class Baja(models.Model):
    """A member asked to delete their account: it is deactivated at once and erased once ``borrar_desde``
    passes (``manage.py retencion``). Logging in before then restores it and deletes this row."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="baja", verbose_name=_("miembro")
    )
    solicitada_en = models.DateTimeField(_("pedida el"), default=timezone.now)
    borrar_desde = models.DateTimeField(_("se borra a partir del"))
    conservar_mensajes = models.BooleanField(
        _("conservar el texto de sus mensajes"),
        default=True,
        help_text=_("Si no, los mensajes de los foros quedan sin texto; en ambos casos firmados «Miembro retirado»."),
    )

    objects = BajaQuerySet.as_manager()

    class Meta:
        ordering = ["borrar_desde"]
        verbose_name = _("baja pedida")
        verbose_name_plural = _("bajas pedidas")
        indexes = [
            # The daily retention job: WHERE borrar_desde <= now.
            models.Index(fields=["borrar_desde"], name="baja_borrar_desde_idx"),
        ]

    def __str__(self) -> str:
        return str(self.usuario)


class RegistroAuditoria(models.Model):
    """What staff (or the retention job) did with a member's personal data: who, when, what.

    The member is kept as a number, not a link, so the record outlives the account it speaks of and
    holds no personal data of its own.
    """

    class Accion(models.TextChoices):
        EXPORTACION = "exportacion", _("Copia de sus datos preparada a petición del miembro")
        BAJA = "baja", _("Baja de la cuenta pedida en nombre del miembro")
        BORRADO = "borrado", _("Cuenta borrada al vencer el plazo de la baja")
        SIN_CONFIRMAR = "sin_confirmar", _("Cuenta nunca confirmada, borrada por el plazo de conservación")

    cuando = models.DateTimeField(_("cuándo"), default=timezone.now)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quién (equipo)"),
        help_text=_("Vacío cuando lo hizo el propio portal (las tareas de conservación)."),
    )
    accion = models.CharField(_("qué"), max_length=20, choices=Accion.choices)
    miembro_id = models.PositiveIntegerField(_("número del miembro"))
    motivo = models.CharField(_("motivo o referencia de la petición"), max_length=300, blank=True)

    class Meta:
        ordering = ["-cuando", "-pk"]
        verbose_name = _("registro de auditoría")
        verbose_name_plural = _("registro de auditoría")
        indexes = [
            # Staff look up what was done with one member's data.
            models.Index(fields=["miembro_id", "-cuando"], name="auditoria_miembro_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.cuando:%Y-%m-%d %H:%M} {self.get_accion_display()} #{self.miembro_id}"
