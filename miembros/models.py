from __future__ import annotations

import unicodedata
import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from comun.markdown import a_html

LATITUD_MIN, LATITUD_MAX = Decimal(-90), Decimal(90)
LONGITUD_MIN, LONGITUD_MAX = Decimal(-180), Decimal(180)


def _ruta_logo_institucion(instancia: Institucion, nombre_archivo: str) -> str:
    """Server-made name: the extension comes from the checked content (red/forms.py)."""
    extension = PurePath(nombre_archivo).suffix.lower().lstrip(".") or "png"
    return f"instituciones/logos/{uuid.uuid4().hex}.{extension}"


def texto_buscable(*textos: str) -> str:
    """Lower case without accents: what the institutions' text search compares (``Institucion.busqueda``)."""
    unido = " ".join(t for t in textos if t)
    return "".join(c for c in unicodedata.normalize("NFKD", unido.lower()) if not unicodedata.combining(c))


class InstitucionQuerySet(models.QuerySet):
    def miembros(self) -> InstitucionQuerySet:
        """Approved members of the Red: the only ones outsiders see."""
        return self.filter(estado=Institucion.Estado.MIEMBRO)

    def visibles_para(self, usuario) -> InstitucionQuerySet:
        """Members, plus any the person is linked to (an applicant sees its application); staff see all."""
        if usuario.is_authenticated and usuario.is_staff:
            return self.all()
        if not usuario.is_authenticated:
            return self.miembros()
        propias = MiembroInstitucion.objects.filter(usuario=usuario).values("institucion_id")
        return self.filter(Q(estado=Institucion.Estado.MIEMBRO) | Q(pk__in=propias))

    def de_miembro(self, usuario) -> InstitucionQuerySet:
        """Member institutions the person belongs to (administrator or promoter, confirmed): what they
        may link a forum topic to. A subquery, so no row repeats."""
        if not usuario.is_authenticated:
            return self.none()
        propias = MiembroInstitucion.objects.filter(usuario=usuario, estado=MiembroInstitucion.Estado.ACTIVO).values(
            "institucion_id"
        )
        return self.miembros().filter(pk__in=propias)

    def administradas_por(self, usuario) -> InstitucionQuerySet:
        return self.filter(
            vinculos__usuario=usuario,
            vinculos__rol=MiembroInstitucion.Rol.ADMINISTRADOR,
            vinculos__estado=MiembroInstitucion.Estado.ACTIVO,
        )


class Institucion(models.Model):
    """An institution of the network: ministries, agencies, chambers, universities, international bodies.

    Promoting institutions of consortia and publishers of documents point here; those approved by
    staff (``estado = miembro``) are the Red's member institutions, with a public profile (app ``red``).
    """

    class Tipo(models.TextChoices):
        MINISTERIO = "ministerio", _("Ministerio u organismo de gobierno")
        AGENCIA = "agencia", _("Agencia de promoción de exportaciones o inversiones")
        CAMARA = "camara", _("Cámara empresarial")
        ASOCIACION = "asociacion", _("Asociación o federación")
        UNIVERSIDAD = "universidad", _("Universidad o centro de investigación")
        ORGANISMO = "organismo", _("Organismo internacional")
        ONG = "ong", _("ONG o fundación")
        EMPRESA = "empresa", _("Empresa privada")

    class Estado(models.TextChoices):
        SOLICITADA = "solicitada", _("Solicitud pendiente")
        MIEMBRO = "miembro", _("Miembro de la Red")
        RECHAZADA = "rechazada", _("Solicitud rechazada")

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    slug = models.SlugField(_("dirección"), max_length=220, unique=True, blank=True)
    sigla = models.CharField(_("sigla"), max_length=30, blank=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    pais = CountryField(_("país"), blank=True)
    ciudad = models.CharField(_("ciudad"), max_length=120, blank=True)
    latitud = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitud = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    sitio_web = models.URLField(_("sitio web"), max_length=300, blank=True)
    descripcion = models.TextField(_("descripción"), max_length=5000, blank=True, help_text=_("Puede usar Markdown."))
    descripcion_html = models.TextField(editable=False, blank=True)
    logo = models.FileField(_("logotipo"), upload_to=_ruta_logo_institucion, blank=True)
    estado = models.CharField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.MIEMBRO)
    motivo_solicitud = models.TextField(_("por qué quiere unirse"), max_length=2000, blank=True)
    motivo_rechazo = models.TextField(_("motivo del rechazo"), max_length=2000, blank=True)
    # The published consortia an applicant said it promotes (their ids): linked when staff approve,
    # so an application never shows on a consortium's page before it is a member.
    consorcios_solicitados = ArrayField(models.PositiveIntegerField(), default=list, blank=True, editable=False)
    # A form submitted twice carries the same token: the second one finds the first record.
    token_envio = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Name, acronym, city and description in lower case without accents, for the list's search.
    busqueda = models.TextField(editable=False, blank=True)
    creado = models.DateTimeField(_("creado"), default=timezone.now, editable=False)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = InstitucionQuerySet.as_manager()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        indexes = [
            # Admin and form filters by country and type.
            models.Index(fields=["pais", "tipo"], name="institucion_pais_tipo_idx"),
            # Public list: WHERE estado = 'miembro' [AND pais = …] ORDER BY nombre.
            models.Index(fields=["estado", "pais", "nombre"], name="institucion_estado_pais_idx"),
            # Public list filtered by kind: WHERE estado = 'miembro' AND tipo = … ORDER BY nombre.
            models.Index(fields=["estado", "tipo", "nombre"], name="institucion_estado_tipo_idx"),
            # Text search of the list, one LIKE '%palabra%' per word.
            GinIndex(OpClass(F("busqueda"), name="gin_trgm_ops"), name="institucion_busqueda_trgm"),
        ]
        constraints = [
            # Map position: a latitude is between -90 and 90 degrees.
            models.CheckConstraint(
                condition=Q(latitud__gte=LATITUD_MIN, latitud__lte=LATITUD_MAX), name="institucion_latitud_rango"
            ),
            # Map position: a longitude is between -180 and 180 degrees.
            models.CheckConstraint(
                condition=Q(longitud__gte=LONGITUD_MIN, longitud__lte=LONGITUD_MAX), name="institucion_longitud_rango"
            ),
            # A point has both coordinates or none.
            models.CheckConstraint(
                condition=Q(latitud__isnull=True, longitud__isnull=True)
                | Q(latitud__isnull=False, longitud__isnull=False),
                name="institucion_punto_completo",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self.slug_libre(self.nombre)
        self.descripcion_html = a_html(self.descripcion)
        self.busqueda = texto_buscable(self.nombre, self.sigla, self.ciudad, self.descripcion)
        campos = kwargs.get("update_fields")
        if campos is not None:
            kwargs["update_fields"] = {*campos, "descripcion_html", "busqueda"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("red:institucion", kwargs={"slug": self.slug})

    @classmethod
    def slug_libre(cls, nombre: str) -> str:
        """The first free ``nombre``, ``nombre-2``… (a lost race ends in the unique constraint)."""
        base = slugify(nombre)[:200] or "institucion"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self) -> None:
        errores: dict[str, str] = {}
        if self.latitud is not None and not LATITUD_MIN <= self.latitud <= LATITUD_MAX:
            errores["latitud"] = _("La latitud debe estar entre -90 y 90 grados.")
        if self.longitud is not None and not LONGITUD_MIN <= self.longitud <= LONGITUD_MAX:
            errores["longitud"] = _("La longitud debe estar entre -180 y 180 grados.")
        if (self.latitud is None) != (self.longitud is None) and not errores:
            campo = "longitud" if self.longitud is None else "latitud"
            errores[campo] = _("Indique la latitud y la longitud, o deje las dos vacías.")
        if errores:
            raise ValidationError(errores)

    @property
    def es_miembro(self) -> bool:
        return self.estado == self.Estado.MIEMBRO

    @property
    def tiene_punto(self) -> bool:
        return self.latitud is not None and self.longitud is not None


class MiembroInstitucion(models.Model):
    """A member's link to an institution: its administrators and its promoters.

    A link starts as an invitation (``invitado``, sent by an administrator) or as a request
    (``pedido``, "Soy parte de esta institución"), and counts only once ``activo``.
    """

    class Rol(models.TextChoices):
        ADMINISTRADOR = "admin", _("Administrador/a")
        PROMOTOR = "promotor", _("Promotor/a")

    class Estado(models.TextChoices):
        INVITADO = "invitado", _("Invitado/a")
        PEDIDO = "pedido", _("Pidió unirse")
        ACTIVO = "activo", _("Activo")

    institucion = models.ForeignKey(
        Institucion, on_delete=models.CASCADE, related_name="vinculos", verbose_name=_("institución")
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vinculos_institucion",
        verbose_name=_("miembro"),
    )
    rol = models.CharField(_("rol"), max_length=10, choices=Rol.choices, default=Rol.PROMOTOR)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.ACTIVO)
    creado = models.DateTimeField(_("creado"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["institucion", "rol", "creado"]
        verbose_name = _("miembro de institución")
        verbose_name_plural = _("miembros de instituciones")
        constraints = [
            # One link per institution and member (an invitation accepted twice, or a request sent twice, is one).
            models.UniqueConstraint(fields=["institucion", "usuario"], name="miembro_institucion_unico"),
        ]
        indexes = [
            # The permission lookup and "my institutions": WHERE usuario_id = … AND estado = 'activo'.
            models.Index(fields=["usuario", "estado"], name="vinculo_usuario_estado_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.usuario} · {self.institucion} ({self.get_rol_display()})"


class PerfilQuerySet(models.QuerySet):
    def publicos(self) -> PerfilQuerySet:
        """Promoters who chose to publish a profile (with their consent in force) and whose account is
        active: a deactivated account, waiting for its erasure, shows nothing."""
        return self.exclude(campos_publicos=[]).filter(usuario__is_active=True)

    def con_campo_publico(self, campo: str) -> PerfilQuerySet:
        """Those who publish ``campo``: a filter on a field may only look at members who show it, or it
        would tell a visitor the private value of the others."""
        return self.filter(campos_publicos__contains=[campo])


class Perfil(models.Model):
    """What the network knows of a registered person, beyond the account.

    A member may publish a promoter profile (/red/promotores/<pk>/): private by default; the member
    chooses field by field what is public (``campos_publicos``), with the consent recorded
    (``miembros.services.publicar_perfil``). Contact details are never among those fields.
    """

    class CampoPublico(models.TextChoices):
        NOMBRE = "nombre", _("Mi nombre")
        INSTITUCION = "institucion", _("Mi institución")
        PAIS = "pais", _("Mi país")
        ESPECIALIDAD = "especialidad", _("Mi especialidad")
        IDIOMAS = "idiomas", _("Los idiomas que hablo")
        CONSORCIOS = "consorcios", _("Los consorcios que apoyo")
        MENSAJES = "mensajes", _("Mis mensajes en los foros")
        DOCUMENTOS = "documentos", _("Los documentos que subí")

    class Lengua(models.TextChoices):
        ES = "es", _("Español")
        PT = "pt", _("Portugués")
        EN = "en", _("Inglés")
        FR = "fr", _("Francés")
        IT = "it", _("Italiano")
        DE = "de", _("Alemán")
        QU = "qu", _("Quechua")
        GN = "gn", _("Guaraní")
        AY = "ay", _("Aimara")

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
    avisos_afinidades = models.BooleanField(
        _("consorcios afines"),
        default=True,
        help_text=_("Recibir cada semana los consorcios afines nuevos de los consorcios que edito."),
    )
    avisos_conversaciones = models.BooleanField(
        _("avisos de las conversaciones"),
        default=True,
        help_text=_("Recibir un correo cuando un mensaje de mis conversaciones lleva unos minutos sin leer."),
    )
    especialidad = models.CharField(
        _("especialidad"),
        max_length=300,
        blank=True,
        help_text=_("En qué puede ayudar a otros promotores, p. ej. «denominaciones de origen, café y cacao»."),
    )
    idiomas = ArrayField(
        models.CharField(max_length=5, choices=Lengua.choices),
        verbose_name=_("idiomas que habla"),
        default=list,
        blank=True,
    )
    # What the public promoter profile shows, chosen field by field; empty: no public profile.
    # Written only by miembros.services.publicar_perfil, which records the consent each time.
    campos_publicos = ArrayField(
        models.CharField(max_length=20, choices=CampoPublico.choices),
        verbose_name=_("campos públicos del perfil"),
        default=list,
        blank=True,
        editable=False,
    )

    objects = PerfilQuerySet.as_manager()

    class Meta:
        verbose_name = _("perfil")
        verbose_name_plural = _("perfiles")
        indexes = [
            # Is a display name taken (the sign-up and profile forms: nombre__iexact)?
            models.Index(Upper("nombre"), name="perfil_nombre_upper_idx"),
            # The promoters' list: WHERE NOT campos_publicos = '{}' ORDER BY nombre.
            models.Index(fields=["nombre", "id"], condition=~Q(campos_publicos=[]), name="perfil_publico_nombre_idx"),
            # Its filters and the institution's page: campos_publicos @> '{pais}' AND pais = … (or institución).
            models.Index(
                fields=["pais", "nombre"],
                condition=Q(campos_publicos__contains=["pais"]),
                name="perfil_publico_pais_idx",
            ),
            models.Index(
                fields=["institucion", "nombre"],
                condition=Q(campos_publicos__contains=["institucion"]),
                name="perfil_publico_inst_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.nombre or self.usuario.get_username()

    def get_absolute_url(self) -> str:
        return reverse("red:promotor", kwargs={"pk": self.pk})

    @property
    def es_publico(self) -> bool:
        return bool(self.campos_publicos)

    def muestra(self, campo: str) -> bool:
        """Whether the public profile shows ``campo`` (a ``CampoPublico`` value)."""
        return campo in self.campos_publicos

    @property
    def nombres_idiomas(self) -> list[str]:
        return [str(self.Lengua(codigo).label) for codigo in self.idiomas if codigo in self.Lengua.values]

    @property
    def publicos(self) -> dict[str, bool]:
        """``{campo: shown}`` for the templates: ``perfil.publicos.pais``."""
        return {campo: campo in self.campos_publicos for campo in self.CampoPublico.values}

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
        PERFIL_PUBLICO = "perfil_publico", _("Publicar mi perfil de promotor/a en la Red")

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
        "miembros:perfil": _("en la página «Mi perfil»"),
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
        LECTURA_CONVERSACION = "lectura_conv", _("Conversación privada leída por una denuncia")

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
