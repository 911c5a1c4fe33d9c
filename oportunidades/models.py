"""Cooperation opportunities: offers and requests that a consortium or a member institution publishes
("busca socio comercial en Japón", "propone un consorcio binacional"), and the members who said
"Me interesa"."""

from __future__ import annotations

import functools
import operator
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_countries import countries
from django_countries.fields import CountryField

from comun.markdown import a_html
from consorcios.models import NOMBRES_SECTORES, Consorcio, Sector
from miembros.models import Institucion, MiembroInstitucion

# A deadline (at publication or renewal) is at most this many days ahead: an opportunity that
# nobody answers for half a year is renewed on purpose, or it leaves the list on its own.
PLAZO_MAXIMO_DIAS = 180
# The editors are reminded this many days before the deadline (manage.py avisar_vencimiento).
AVISO_DIAS = 7
CONFIG_BUSQUEDA = "es_unaccent"  # Spanish stemming after unaccent: redconsorcios/migrations/0001
IDIOMAS_ETIQUETAS = ("es", "pt", "en")


class ListaDePaises(models.Func):
    """A multiple CountryField ("CN,JP") as a text[] PostgreSQL can index and test with @>."""

    function = "string_to_array"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = ArrayField(models.TextField())


def _vector() -> SearchVector:
    """Title A; products and description B; the labels of kind, countries and sectors C."""
    partes = [
        SearchVector(campo, config=CONFIG_BUSQUEDA, weight=peso)
        for campo, peso in (("titulo", "A"), ("productos", "B"), ("descripcion", "B"), ("etiquetas", "C"))
    ]
    return functools.reduce(operator.add, partes)


def claves_de_sectores() -> ArraySubquery:
    """The sector keys of each opportunity, as a correlated subquery (no query per card)."""
    return ArraySubquery(
        Oportunidad.sectores.through.objects.filter(oportunidad_id=OuterRef("pk"))
        .order_by("sector__nombre")
        .values("sector__slug")
    )


class OportunidadQuerySet(models.QuerySet):
    def vigentes(self, hoy: date | None = None) -> OportunidadQuerySet:
        """Still open: not closed, not rejected, and the deadline not past (pending ones included).

        The deadline alone takes an opportunity out of every public place the day after it: no
        scheduled job has to change its state."""
        hoy = hoy or timezone.localdate()
        return self.filter(
            estado__in=[Oportunidad.Estado.PENDIENTE, Oportunidad.Estado.PUBLICADA], fecha_limite__gte=hoy
        )

    def publicadas(self, hoy: date | None = None) -> OportunidadQuerySet:
        """What the public pages, the feed, the API and the site search show."""
        return self.vigentes(hoy).filter(estado=Oportunidad.Estado.PUBLICADA)

    def de_editor(self, usuario) -> OportunidadQuerySet:
        """The ones ``usuario`` edits: of a consortium they are responsable for, or of an institution
        they are an active member of (administrator or promoter). Subqueries, so no row repeats."""
        if not usuario.is_authenticated:
            return self.none()
        consorcios = Consorcio.responsables.through.objects.filter(user=usuario).values("consorcio_id")
        instituciones = MiembroInstitucion.objects.filter(
            usuario=usuario, estado=MiembroInstitucion.Estado.ACTIVO
        ).values("institucion_id")
        return self.filter(Q(consorcio_id__in=consorcios) | Q(institucion_id__in=instituciones))

    def visibles_para(self, usuario) -> OportunidadQuerySet:
        """Published and current for everyone; editors also see their own in any state; staff see all."""
        if usuario.is_authenticated and usuario.is_staff:
            return self.all()
        publicas = self.publicadas()
        if not usuario.is_authenticated:
            return publicas
        return publicas | self.de_editor(usuario)

    def para_lista(self) -> OportunidadQuerySet:
        """One query for a page of cards: the publisher's name and address, the sectors' keys."""
        return (
            self.select_related("consorcio", "institucion")
            .only(
                "titulo",
                "slug",
                "tipo",
                "productos",
                "paises",
                "mercados",
                "fecha_limite",
                "publicada_en",
                "estado",
                "consorcio__nombre",
                "consorcio__slug",
                "institucion__nombre",
                "institucion__slug",
                "institucion__sigla",
            )
            .annotate(claves_sectores=claves_de_sectores())
        )


def etiquetas_de_busqueda(*, tipo: str, paises, mercados, claves_sectores) -> str:
    """The labels of an opportunity's kind, countries, markets and sectors in es, pt and en, one text
    for the search vector: "Japón", "Japan" or "apicultura" find what the card shows so."""
    palabras: dict[str, None] = {}
    codigos = [getattr(p, "code", p) for p in [*paises, *mercados]]
    for idioma in IDIOMAS_ETIQUETAS:
        with override(idioma):
            textos = [dict(Oportunidad.Tipo.choices).get(tipo)]
            textos += [countries.name(codigo) for codigo in codigos]
            textos += [NOMBRES_SECTORES.get(clave, clave.replace("-", " ")) for clave in claves_sectores]
            palabras.update(dict.fromkeys(str(texto) for texto in textos if texto))
    return " · ".join(palabras)


class Oportunidad(models.Model):
    class Tipo(models.TextChoices):
        BUSCA_SOCIO = "busca_socio", _("Busca socio comercial")
        OFRECE_PRODUCTOS = "ofrece_productos", _("Ofrece productos")
        BUSCA_PROVEEDOR = "busca_proveedor", _("Busca proveedor")
        CONSORCIO_BINACIONAL = "consorcio_binacional", _("Propone consorcio binacional")
        COMPRA_CONJUNTA = "compra_conjunta", _("Compra o promoción conjunta")
        ASISTENCIA_TECNICA = "asistencia_tecnica", _("Busca asistencia técnica")
        OTRA = "otra", _("Otra")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de revisión")
        PUBLICADA = "publicada", _("Publicada")
        RECHAZADA = "rechazada", _("Rechazada")
        CERRADA = "cerrada", _("Cerrada")

    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    titulo = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("dirección"), max_length=220, editable=False)
    descripcion = models.TextField(_("descripción"), max_length=5000, help_text=_("Puede usar Markdown."))
    descripcion_html = models.TextField(editable=False, blank=True)
    sectores = models.ManyToManyField(Sector, blank=True, related_name="oportunidades", verbose_name=_("sectores"))
    productos = models.CharField(_("productos"), max_length=500, blank=True)
    paises = CountryField(
        _("países"), multiple=True, blank=True, help_text=_("Los países donde se aplica o donde se busca.")
    )
    mercados = CountryField(_("mercados buscados"), multiple=True, blank=True)
    fecha_limite = models.DateField(
        _("fecha límite"), help_text=_("Después de esta fecha deja de mostrarse; puede renovarla.")
    )
    consorcio = models.ForeignKey(
        Consorcio,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oportunidades",
        verbose_name=_("consorcio"),
    )
    institucion = models.ForeignKey(
        Institucion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oportunidades",
        verbose_name=_("institución"),
    )
    # Who wrote it: never shown; the consortium or the institution speaks. Staff see it in the admin.
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autor"),
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    motivo_rechazo = models.TextField(_("motivo del rechazo"), max_length=2000, blank=True)
    # An editor's change to a published opportunity stays public and waits here for staff to look.
    cambios_por_revisar = models.BooleanField(_("cambios por revisar"), default=False, editable=False)
    # A form submitted twice carries the same token: the second one finds the first record.
    token_envio = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)
    publicada_en = models.DateTimeField(_("publicada el"), null=True, blank=True, editable=False)
    renovada_en = models.DateTimeField(_("renovada el"), null=True, blank=True, editable=False)
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True, editable=False)
    # The deadline reminder went out for the current deadline (a renewal clears it).
    avisada_en = models.DateTimeField(_("aviso de vencimiento enviado el"), null=True, blank=True, editable=False)
    # Labels of kind, countries, markets and sectors in es, pt and en (etiquetas_de_busqueda):
    # written by save() and, after the sectors are linked, by actualizar_etiquetas().
    etiquetas = models.TextField(_("etiquetas de búsqueda"), blank=True, editable=False)
    # Kept by PostgreSQL itself in the same statement as any write of its columns.
    vector = models.GeneratedField(
        expression=_vector(), output_field=SearchVectorField(), db_persist=True, editable=False
    )

    objects = OportunidadQuerySet.as_manager()

    class Meta:
        ordering = ["-publicada_en", "-pk"]
        verbose_name = _("oportunidad")
        verbose_name_plural = _("oportunidades")
        indexes = [
            # Public list, feed, sitemap, API: WHERE estado = 'publicada' AND fecha_limite >= today
            # ORDER BY publicada_en DESC, id DESC.
            models.Index(fields=["estado", "-publicada_en", "-id"], name="oportunidad_estado_pub_idx"),
            # The deadline reminder and the expiry cut: WHERE estado = 'publicada' AND fecha_limite BETWEEN ….
            models.Index(fields=["estado", "fecha_limite"], name="oportunidad_estado_fecha_idx"),
            # Filter by kind: WHERE estado = … AND tipo = ….
            models.Index(fields=["estado", "tipo"], name="oportunidad_estado_tipo_idx"),
            # Text search `q`: vector @@ websearch_to_tsquery('es_unaccent', q).
            GinIndex(fields=["vector"], name="oportunidad_vector_gin"),
            # Filter by country: string_to_array(paises, ',') @> ARRAY['EC'].
            GinIndex(ListaDePaises("paises"), name="oportunidad_paises_gin"),
            # Filter by market sought: string_to_array(mercados, ',') @> ARRAY['JP'].
            GinIndex(ListaDePaises("mercados"), name="oportunidad_mercados_gin"),
            # A consortium's page lists its current ones: WHERE consorcio_id = … AND estado = … .
            models.Index(fields=["consorcio", "estado", "fecha_limite"], name="oportunidad_consorcio_idx"),
            # An institution's page lists its current ones: WHERE institucion_id = … AND estado = … .
            models.Index(fields=["institucion", "estado", "fecha_limite"], name="oportunidad_institucion_idx"),
            # Filter by publisher kind ("de consorcios" / "de instituciones"): the list's order within each.
            models.Index(
                fields=["estado", "-publicada_en", "-id"],
                condition=Q(consorcio__isnull=False),
                name="oportunidad_de_consorcio_idx",
            ),
            models.Index(
                fields=["estado", "-publicada_en", "-id"],
                condition=Q(institucion__isnull=False),
                name="oportunidad_de_institucion_idx",
            ),
            # The admin's "cambios por revisar" filter: the few published ones edited since staff looked.
            models.Index(
                fields=["actualizada"], condition=Q(cambios_por_revisar=True), name="oportunidad_por_revisar_idx"
            ),
            # Sector filter: through the many-to-many table, whose foreign keys Django indexes.
        ]
        constraints = [
            # Published by exactly one consortium or one institution, never both, never neither.
            models.CheckConstraint(
                condition=Q(consorcio__isnull=False, institucion__isnull=True)
                | Q(consorcio__isnull=True, institucion__isnull=False),
                name="oportunidad_un_publicador",
            ),
        ]

    def __str__(self) -> str:
        return self.titulo

    def save(self, *args, **kwargs) -> None:
        self.descripcion_html = a_html(self.descripcion)
        self.slug = slugify(self.titulo)[:220] or "oportunidad"
        claves = list(self.sectores.values_list("slug", flat=True)) if self.pk else []
        self.etiquetas = etiquetas_de_busqueda(
            tipo=self.tipo, paises=self.paises, mercados=self.mercados, claves_sectores=claves
        )
        if (campos := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*campos, "descripcion_html", "slug", "etiquetas"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("oportunidades:detalle", kwargs={"pk": self.pk, "slug": self.slug or "oportunidad"})

    def actualizar_etiquetas(self) -> None:
        """Write the search labels again once the sectors are linked (a new row had none at save())."""
        self.save(update_fields=["etiquetas"])

    def clean(self) -> None:
        if self.titulo and len(self.titulo.strip()) < 5:
            raise ValidationError({"titulo": _("Escriba un título que diga qué ofrece o qué busca.")})
        if (self.consorcio_id is None) == (self.institucion_id is None):
            # Not tied to a field: the public form names the publisher in its URL or in a picker.
            raise ValidationError(_("Indique un consorcio o una institución, solo uno de los dos."), code="publicador")

    def json_ld(self) -> dict:
        """schema.org description of its page (oportunidades/metadatos.py)."""
        from .metadatos import oportunidad

        return oportunidad(self)

    @property
    def publicador(self) -> Consorcio | Institucion:
        return self.consorcio or self.institucion

    @property
    def vencida(self) -> bool:
        return self.fecha_limite < timezone.localdate()

    @property
    def es_publica(self) -> bool:
        return self.estado == self.Estado.PUBLICADA and not self.vencida

    def editores(self) -> models.QuerySet:
        """The users who edit it: the consortium's responsables, or the institution's active members."""
        usuarios = get_user_model().objects.filter(is_active=True)
        if self.consorcio_id:
            return usuarios.filter(consorcios=self.consorcio_id)
        return usuarios.filter(
            vinculos_institucion__institucion=self.institucion_id,
            vinculos_institucion__estado=MiembroInstitucion.Estado.ACTIVO,
        )  # one link per member and institution (miembro_institucion_unico): no row repeats

    def es_editor(self, usuario) -> bool:
        """One query (none for anonymous visitors)."""
        return usuario.is_authenticated and self.editores().filter(pk=usuario.pk).exists()


def limite_maximo(hoy: date | None = None) -> date:
    return (hoy or timezone.localdate()) + timedelta(days=PLAZO_MAXIMO_DIAS)


def validar_fecha_limite(valor: date, hoy: date | None = None) -> None:
    """A deadline from today to PLAZO_MAXIMO_DIAS ahead (the form and the renewal service both ask)."""
    hoy = hoy or timezone.localdate()
    if valor < hoy:
        raise ValidationError(_("La fecha límite no puede ser anterior a hoy."), code="pasada")
    if valor > limite_maximo(hoy):
        raise ValidationError(
            _("La fecha límite puede estar como máximo a %(dias)s días de hoy (hasta el %(fecha)s)."),
            code="lejana",
            params={"dias": PLAZO_MAXIMO_DIAS, "fecha": limite_maximo(hoy).isoformat()},
        )


class Interes(models.Model):
    """ "Me interesa": one per member and opportunity; its editors see how many."""

    oportunidad = models.ForeignKey(
        Oportunidad, on_delete=models.CASCADE, related_name="intereses", verbose_name=_("oportunidad")
    )
    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intereses", verbose_name=_("miembro")
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        ordering = ["-creado"]
        verbose_name = _("interés")
        verbose_name_plural = _("intereses")
        constraints = [
            # One "Me interesa" per member and opportunity: a double click records one.
            models.UniqueConstraint(fields=["oportunidad", "miembro"], name="interes_oportunidad_miembro_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.miembro_id} → {self.oportunidad_id}"

    def validate_constraints(self, exclude=None) -> None:
        # The unique constraint, said in words (the service never gets here with a duplicate).
        if (
            Interes.objects.filter(oportunidad_id=self.oportunidad_id, miembro_id=self.miembro_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(_("Ya expresó su interés en esta oportunidad."), code="repetido")
