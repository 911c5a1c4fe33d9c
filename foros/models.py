"""Forums: categories (Foro), topics (Tema), posts (Mensaje), subscriptions,
read marks and abuse reports.

Posts keep their Markdown source and the sanitised HTML made from it at write
time (``comun.markdown.a_html``); pages only print the stored HTML.
The denormalised fields of Tema (respuestas, ultimo_mensaje, ultima_actividad)
are kept correct by ``foros.services`` under a row lock on the topic.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

# Slugs a forum may not take, because they are fixed URLs under /foros/.
SLUGS_RESERVADOS = {"buscar", "moderacion", "baja", "mensaje", "tema", "preguntas"}


class ForoQuerySet(models.QuerySet):
    def con_estadisticas(self) -> ForoQuerySet:
        """Topic and post counts, last activity and last active topic, in the same query.

        The post count is the sum of each topic's visible replies plus its opening post.
        Every figure is a subquery per forum served by ``tema_foro_act_idx``: the counts read
        only that index (index-only scan of the forum's range), the last topic is its first
        entry. A join with GROUP BY would hash every topic of every forum instead.
        """
        temas = Tema.objects.filter(foro=OuterRef("pk")).order_by()
        ultimo = temas.order_by("-ultima_actividad", "-pk")
        # COUNT and SUM as plain functions, not Django aggregates: no GROUP BY in the subquery.
        cuenta = temas.annotate(n=Func("pk", function="COUNT")).values("n")
        mensajes = temas.annotate(n=Func(F("respuestas") + 1, function="SUM")).values("n")
        return self.annotate(
            num_temas=Subquery(cuenta, output_field=models.IntegerField()),
            num_mensajes=Coalesce(Subquery(mensajes, output_field=models.IntegerField()), 0),
            ultima_actividad=Subquery(ultimo.values("ultima_actividad")[:1]),
            ultimo_tema_id=Subquery(ultimo.values("pk")[:1]),
            ultimo_tema_titulo=Subquery(ultimo.values("titulo")[:1]),
            ultimo_tema_slug=Subquery(ultimo.values("slug")[:1]),
        ).order_by("orden", "nombre")


class Foro(models.Model):
    """A category of discussion. Every forum is readable by everyone.

    In a forum of the kind "Preguntas" each topic is a question: its asker (or staff) marks one
    reply as the accepted answer, and a question may be addressed to a country and a sector.
    """

    class Tipo(models.TextChoices):
        DISCUSION = "discusion", _("Discusión")
        PREGUNTAS = "preguntas", _("Preguntas")

    nombre = models.CharField(_("nombre"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    descripcion = models.TextField(_("descripción"), max_length=2000, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    tipo = models.CharField(
        _("tipo"),
        max_length=10,
        choices=Tipo.choices,
        default=Tipo.DISCUSION,
        help_text=_("En un foro de preguntas cada tema es una pregunta y su autor marca la respuesta aceptada."),
    )
    solo_staff = models.BooleanField(
        _("solo el equipo abre temas"),
        default=False,
        help_text=_("Los miembros pueden responder, pero solo el equipo de la Red abre temas (p. ej. anuncios)."),
    )

    objects = ForoQuerySet.as_manager()

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = _("foro")
        verbose_name_plural = _("foros")

    def __str__(self) -> str:
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("foros:foro", kwargs={"foro": self.slug})

    def clean(self) -> None:
        if self.slug in SLUGS_RESERVADOS:
            raise ValidationError({"slug": _("Este slug está reservado por el portal; elija otro.")})

    def admite_temas_de(self, usuario) -> bool:
        return usuario.is_authenticated and (usuario.is_staff or not self.solo_staff)

    @property
    def de_preguntas(self) -> bool:
        return self.tipo == self.Tipo.PREGUNTAS


# The filters of the lists of questions (?estado=), keys of their URLs.
RESPONDIDAS = "respondidas"
SIN_RESPONDER = "sin-responder"
ESTADOS_PREGUNTA = {
    "": _("Todas"),
    SIN_RESPONDER: _("Sin responder"),
    RESPONDIDAS: _("Respondidas"),
}


def tiene_respuesta_aceptada(tema: str = "pk") -> Exists:
    """SQL: the topic named by the outer column ``tema`` has an accepted answer (mensaje_aceptada_unica's index)."""
    return Exists(Mensaje.objects.filter(tema=OuterRef(tema), aceptada=True))


class TemaQuerySet(models.QuerySet):
    def para_lista(self) -> TemaQuerySet:
        """Topics as lists show them: pinned first, then by last activity."""
        return self.select_related("foro", "autor__perfil", "ultimo_mensaje__autor__perfil").order_by(
            "-fijado", "-ultima_actividad", "-pk"
        )

    def con_lectura(self, usuario) -> TemaQuerySet:
        """Annotate the last post the member has read, for the "unread" marks (no extra query)."""
        if not usuario.is_authenticated:
            return self
        lectura = Lectura.objects.filter(usuario=usuario, tema=OuterRef("pk"))
        return self.annotate(leido_hasta=Subquery(lectura.values("ultimo_leido_id")[:1]))

    def preguntas(self) -> TemaQuerySet:
        """Topics of the forums of questions."""
        return self.filter(foro__tipo=Foro.Tipo.PREGUNTAS)

    def con_respuesta(self) -> TemaQuerySet:
        """Annotate ``respondida``: the topic has an accepted answer."""
        return self.annotate(respondida=tiene_respuesta_aceptada())

    def por_estado(self, estado: str) -> TemaQuerySet:
        """Filter annotated topics by ESTADOS_PREGUNTA's key: answered, unanswered, or all ("")."""
        if estado == RESPONDIDAS:
            return self.filter(respondida=True)
        if estado == SIN_RESPONDER:
            return self.filter(respondida=False)
        return self

    def cuentas_de_preguntas(self) -> dict[str, int]:
        """How many of these questions there are, answered and unanswered (one query)."""
        cuentas = self.order_by().aggregate(
            total=Count("pk"), respondidas=Count("pk", filter=tiene_respuesta_aceptada())
        )
        return {
            "": cuentas["total"],
            RESPONDIDAS: cuentas["respondidas"],
            SIN_RESPONDER: cuentas["total"] - cuentas["respondidas"],
        }

    def destacados(self) -> TemaQuerySet:
        return self.filter(destacado=True).select_related("foro").order_by("-ultima_actividad", "-pk")


class Tema(models.Model):
    """A topic: a thread of posts in one forum."""

    foro = models.ForeignKey(Foro, on_delete=models.PROTECT, related_name="temas", verbose_name=_("foro"))
    titulo = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="temas_foro",
        verbose_name=_("autor"),
    )
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    ultima_actividad = models.DateTimeField(_("última actividad"), default=timezone.now)
    fijado = models.BooleanField(_("fijado"), default=False)
    cerrado = models.BooleanField(_("cerrado"), default=False)
    destacado = models.BooleanField(
        _("destacado"), default=False, help_text=_("Aparece en la portada como tema de interés común.")
    )
    respuestas = models.PositiveIntegerField(_("respuestas"), default=0, editable=False)
    consorcio = models.ForeignKey(
        "consorcios.Consorcio",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="temas_foro",
        verbose_name=_("consorcio relacionado"),
        help_text=_("Opcional: el perfil del consorcio enlaza el tema."),
    )
    institucion = models.ForeignKey(
        "miembros.Institucion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="temas_foro",
        verbose_name=_("institución relacionada"),
        help_text=_("Opcional: el perfil de la institución enlaza el tema."),
    )
    # A question (forums of questions) may be addressed to a country and a sector: their promoters are told.
    pais = CountryField(_("país al que se dirige"), blank=True)
    sector = models.ForeignKey(
        "consorcios.Sector",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector al que se dirige"),
    )
    ultimo_mensaje = models.ForeignKey(
        "Mensaje",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("último mensaje"),
    )

    objects = TemaQuerySet.as_manager()

    class Meta:
        ordering = ["-fijado", "-ultima_actividad", "-pk"]
        verbose_name = _("tema")
        verbose_name_plural = _("temas")
        indexes = [
            # Forum page: a forum's topics, pinned first, then by last activity.
            models.Index(
                "foro", models.F("fijado").desc(), models.F("ultima_actividad").desc(), name="tema_foro_fijado_act_idx"
            ),
            # Forum index (ForoQuerySet.con_estadisticas): each forum's last active topic, and its
            # topic and post counts read from this index alone (respuestas is included).
            models.Index(fields=["foro", "-ultima_actividad", "-id"], include=["respuestas"], name="tema_foro_act_idx"),
            # Home page: featured topics by last activity.
            models.Index(
                "destacado",
                models.F("ultima_actividad").desc(),
                name="tema_destacado_act_idx",
                condition=Q(destacado=True),
            ),
            # "Mi red" (seguimientos): questions addressed to a followed country, newest first.
            models.Index("pais", models.F("creado").desc(), name="tema_pais_creado_idx", condition=~Q(pais="")),
        ]

    def __str__(self) -> str:
        return self.titulo

    def get_absolute_url(self) -> str:
        return reverse("foros:tema", kwargs={"foro": self.foro.slug, "slug": self.slug or "tema", "pk": self.pk})

    def aceptacion_permitida_a(self, usuario) -> bool:
        """Who may mark the accepted answer of a question: its asker and staff (needs ``foro``)."""
        return (
            self.foro.de_preguntas
            and usuario.is_authenticated
            and (usuario.is_staff or (self.autor_id is not None and self.autor_id == usuario.pk))
        )

    def json_ld(self) -> dict:
        """schema.org description of its page (foros/metadatos.py); the author's name is read from
        ``nombre_autor`` when the view annotated it."""
        from .metadatos import tema

        return tema(self)

    @property
    def no_leido(self) -> bool:
        """True when annotated by ``con_lectura`` and the last post is newer than the read mark."""
        if not hasattr(self, "leido_hasta") or not self.ultimo_mensaje_id:
            return False
        return (self.leido_hasta or 0) < self.ultimo_mensaje_id


# What a topic page prints of each post (and needs to decide what to print).
CAMPOS_DE_PAGINA = (
    "tema_id",
    "autor_id",
    "html",
    "creado",
    "editado_en",
    "oculto",
    "motivo_ocultacion",
    "aceptada",
)
# A member's public name when their profile and account give none, and a post's whose account is gone.
# A member who gave no name is told apart from the others by their number.
SIN_NOMBRE = _("Miembro de la Red n.º %(numero)s")
# How a post or topic whose account was erased is signed (README "Personal data").
MIEMBRO_RETIRADO = _("Miembro retirado")


def nombre_del_autor() -> Coalesce:
    """SQL for the author's public name (foros.services.firma): the profile's name, else the account's
    full name; '' when neither. Never the e-mail address, which is the username here."""
    completo = Trim(Concat("autor__first_name", Value(" "), "autor__last_name"))
    return Coalesce(NullIf("autor__perfil__nombre", Value("")), completo, Value(""))


class MensajeQuerySet(models.QuerySet):
    def visibles(self) -> MensajeQuerySet:
        return self.filter(oculto=False)

    def del_tema(self, tema: Tema) -> MensajeQuerySet:
        """A topic's posts in reading order, with what the page prints of them and their authors' names.

        Without the Markdown source and the search vector (the page prints the stored HTML).
        The author's name comes as a column (``Mensaje.firma``), not as an account and a profile
        built for each post: a page of 50 posts builds 50 objects instead of 150.
        """
        return (
            self.filter(tema=tema)
            .only(*CAMPOS_DE_PAGINA)
            .annotate(nombre_autor=nombre_del_autor())
            .order_by("creado", "pk")
        )


class Mensaje(models.Model):
    """A post. ``html`` is made from ``fuente`` when the post is written, never per request."""

    tema = models.ForeignKey(Tema, on_delete=models.CASCADE, related_name="mensajes", verbose_name=_("tema"))
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mensajes_foro",
        verbose_name=_("autor"),
    )
    fuente = models.TextField(_("mensaje"), max_length=20_000)
    html = models.TextField(_("HTML saneado"), editable=False)
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    editado_en = models.DateTimeField(_("editado en"), null=True, blank=True)
    oculto = models.BooleanField(_("oculto"), default=False)
    motivo_ocultacion = models.CharField(_("motivo de la ocultación"), max_length=300, blank=True)
    # The accepted answer of a question: one of the topic's own posts, so it cannot belong to another.
    aceptada = models.BooleanField(_("respuesta aceptada"), default=False, db_default=False, editable=False)
    oculto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ocultado por"),
    )
    # Idempotency: the form carries a one-time token, so a double submit creates one post.
    token = models.UUIDField(_("token de envío"), null=True, blank=True, editable=False)
    # Stored full-text vector (es_unaccent): topic title (A, opening post only) and body (B).
    busqueda = SearchVectorField(null=True, editable=False)

    objects = MensajeQuerySet.as_manager()

    class Meta:
        ordering = ["creado", "pk"]
        verbose_name = _("mensaje")
        verbose_name_plural = _("mensajes")
        indexes = [
            # Topic page: a topic's posts in reading order.
            models.Index(fields=["tema", "creado"], name="mensaje_tema_creado_idx"),
            # Forum search: websearch_to_tsquery against the stored vector.
            GinIndex(fields=["busqueda"], name="mensaje_busqueda_gin"),
            # The hourly posting limit counts a member's posts of the last hour (services._comprobar_ritmo).
            models.Index(fields=["autor", "creado"], name="mensaje_autor_creado_idx"),
        ]
        constraints = [
            # A double submit of the same form creates one post.
            models.UniqueConstraint(fields=["autor", "token"], name="mensaje_autor_token_unico"),
            # One accepted answer per question; its partial index also serves the answered/unanswered filters.
            models.UniqueConstraint(fields=["tema"], condition=Q(aceptada=True), name="mensaje_aceptada_unica"),
            # A post hidden by moderation is never the accepted answer (services.ocultar unmarks it).
            models.CheckConstraint(condition=~Q(aceptada=True, oculto=True), name="mensaje_aceptada_visible"),
        ]

    def __str__(self) -> str:
        return f"{self.tema} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("foros:mensaje", kwargs={"pk": self.pk})

    @property
    def firma(self) -> str:
        """The author's public name, from the ``nombre_autor`` of ``del_tema()`` (no query; only for its rows)."""
        if self.autor_id is None:
            return str(MIEMBRO_RETIRADO)
        return self.nombre_autor or SIN_NOMBRE % {"numero": self.autor_id}

    def clean(self) -> None:
        """The rules of an accepted answer, as services.aceptar_respuesta checks them."""
        if not self.aceptada:
            return
        if self.oculto:
            raise ValidationError(_("Un mensaje ocultado por la moderación no puede ser la respuesta aceptada."))
        if not self.tema.foro.de_preguntas:
            raise ValidationError(_("Solo los temas de un foro de preguntas tienen respuesta aceptada."))
        inicial = Mensaje.objects.filter(tema_id=self.tema_id).order_by("creado", "pk").values_list("pk", flat=True)
        if self.pk is not None and self.pk == inicial.first():
            raise ValidationError(_("La pregunta no puede ser su propia respuesta."))
        if Mensaje.objects.filter(tema_id=self.tema_id, aceptada=True).exclude(pk=self.pk).exists():
            raise ValidationError(_("Esta pregunta ya tiene una respuesta aceptada."))

    def editable_por(self, usuario) -> bool:
        """Authors may edit their own post for FOROS_VENTANA_EDICION_MINUTOS after posting."""
        ventana = timezone.timedelta(minutes=settings.FOROS_VENTANA_EDICION_MINUTOS)
        return (
            usuario.is_authenticated
            and self.autor_id == usuario.pk
            and not self.oculto
            and timezone.now() <= self.creado + ventana
        )


class Suscripcion(models.Model):
    """A member follows one topic or a whole forum, and is e-mailed on new posts."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suscripciones_foro", verbose_name=_("usuario")
    )
    tema = models.ForeignKey(
        Tema, on_delete=models.CASCADE, null=True, blank=True, related_name="suscripciones", verbose_name=_("tema")
    )
    foro = models.ForeignKey(
        Foro, on_delete=models.CASCADE, null=True, blank=True, related_name="suscripciones", verbose_name=_("foro")
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        ordering = ["-creada"]
        verbose_name = _("suscripción")
        verbose_name_plural = _("suscripciones")
        constraints = [
            # Exactly one target: a topic or a forum.
            models.CheckConstraint(
                condition=Q(tema__isnull=False, foro__isnull=True) | Q(tema__isnull=True, foro__isnull=False),
                name="suscripcion_tema_o_foro",
            ),
            # Notification recipients of a topic: one row per member.
            models.UniqueConstraint(
                fields=["usuario", "tema"], condition=Q(tema__isnull=False), name="suscripcion_usuario_tema_unica"
            ),
            # Notification recipients of a forum: one row per member.
            models.UniqueConstraint(
                fields=["usuario", "foro"], condition=Q(foro__isnull=False), name="suscripcion_usuario_foro_unica"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.usuario} → {self.tema or self.foro}"

    def clean(self) -> None:
        if (self.tema_id is None) == (self.foro_id is None):
            raise ValidationError(_("Una suscripción es a un tema o a un foro, no a ambos ni a ninguno."))
        duplicadas = Suscripcion.objects.filter(usuario_id=self.usuario_id).exclude(pk=self.pk)
        if self.tema_id and duplicadas.filter(tema_id=self.tema_id).exists():
            raise ValidationError(_("Este miembro ya está suscrito a este tema."))
        if self.foro_id and duplicadas.filter(foro_id=self.foro_id).exists():
            raise ValidationError(_("Este miembro ya está suscrito a este foro."))


class Lectura(models.Model):
    """How far a member has read a topic: the newest post seen. Drives the "unread" marks."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lecturas_foro", verbose_name=_("usuario")
    )
    tema = models.ForeignKey(Tema, on_delete=models.CASCADE, related_name="lecturas", verbose_name=_("tema"))
    ultimo_leido = models.ForeignKey(
        Mensaje, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("último mensaje leído")
    )
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("lectura")
        verbose_name_plural = _("lecturas")
        constraints = [
            # Forum page annotates each topic with the member's read mark (one row per member and topic).
            models.UniqueConstraint(fields=["usuario", "tema"], name="lectura_usuario_tema_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.usuario} · {self.tema}"


class Reporte(models.Model):
    """A member reports a post; reports wait in the moderation queue."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        RESUELTO = "resuelto", _("Resuelto")
        DESCARTADO = "descartado", _("Descartado")

    mensaje = models.ForeignKey(Mensaje, on_delete=models.CASCADE, related_name="reportes", verbose_name=_("mensaje"))
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reportes_foro",
        verbose_name=_("reportado por"),
    )
    motivo = models.TextField(_("motivo"), max_length=1000)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    resuelto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resuelto por"),
    )
    resuelto_en = models.DateTimeField(_("resuelto en"), null=True, blank=True)

    class Meta:
        ordering = ["-creado"]
        verbose_name = _("reporte")
        verbose_name_plural = _("reportes")
        indexes = [
            # Moderation queue: pending reports, oldest first.
            models.Index(fields=["estado", "creado"], name="reporte_estado_creado_idx"),
        ]
        constraints = [
            # A member reports a post once while the report is pending.
            models.UniqueConstraint(
                fields=["mensaje", "usuario"],
                condition=Q(estado="pendiente"),
                name="reporte_pendiente_unico",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mensaje} ({self.get_estado_display()})"

    def clean(self) -> None:
        if (
            self.estado == self.Estado.PENDIENTE
            and Reporte.objects.filter(mensaje_id=self.mensaje_id, usuario_id=self.usuario_id, estado=self.estado)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(_("Ya reportó este mensaje; la moderación lo está revisando."))


class RecopilacionForos(models.Model):
    """Up to when a member's daily digest has covered the posts (see services.enviar_recopilaciones)."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recopilacion_foros", verbose_name=_("usuario")
    )
    enviado_hasta = models.DateTimeField(_("enviado hasta"))

    class Meta:
        verbose_name = _("recopilación diaria de los foros")
        verbose_name_plural = _("recopilaciones diarias de los foros")

    def __str__(self) -> str:
        return f"{self.usuario_id} → {self.enviado_hasta:%Y-%m-%d %H:%M}"
