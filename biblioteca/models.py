"""The virtual library: documents (with full-text search), news and events."""

from __future__ import annotations

import functools
import operator
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorCombinable, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from comun.markdown import a_html
from comun.validators import validar_imagen
from redconsorcios.rutas import url

# The extracted text is capped so the tsvector stays well inside PostgreSQL's
# 1 MB limit and the GIN index stays small.
MAX_TEXTO_EXTRAIDO = 500_000
CONFIG_BUSQUEDA = "es_unaccent"  # created by redconsorcios/migrations/0001
CONFIG_RAICES = "spanish"
# The fields a document is ranked on, with their weights (Documento.vector_rango); the
# search vector adds the extracted text after them (Documento.vector).
CAMPOS_RANGO = [("titulo", "A"), ("resumen", "B"), ("autores", "B")]


class ConPares(SearchVectorCombinable, models.Func):
    """A search vector with its pairs of consecutive words (SQL function of migration 0008)."""

    function = "biblioteca_con_pares"
    output_field = SearchVectorField()
    config = None


def _vector(campos: list[tuple[str, str]], pares: bool = False) -> SearchVector:
    """The weighted fields in both configurations, concatenated in order.

    With ``pares``, each field in each configuration brings its own pairs of words, made
    before the concatenation: made after it, the last word of one part and the first of the
    next would make a pair ("El origen de los consorcios" would hold "consorcios de origen").
    """
    partes = [
        SearchVector(campo, config=config, weight=peso)
        for campo, peso in campos
        for config in (CONFIG_BUSQUEDA, CONFIG_RAICES)
    ]
    return functools.reduce(operator.add, [ConPares(parte) for parte in partes] if pares else partes)


def _nombre_servidor(carpeta: str, nombre: str) -> str:
    """A server-made name: the user's file name is kept as metadata only."""
    extension = PurePosixPath(nombre).suffix.lower()[:8]
    return f"{carpeta}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def ruta_documento(instancia: Documento, nombre: str) -> str:
    return _nombre_servidor("biblioteca/documentos", nombre)


def ruta_imagen(instancia: models.Model, nombre: str) -> str:
    return _nombre_servidor("biblioteca/imagenes", nombre)


def validar_portada(archivo) -> None:
    validar_imagen(archivo)


class ListaDePaises(models.Func):
    """The multiple CountryField ("AR,EC") as a text[] PostgreSQL can index and test with @>."""

    function = "string_to_array"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = ArrayField(models.TextField())


class Tema(models.Model):
    nombre = models.CharField(_("nombre"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("tema")
        verbose_name_plural = _("temas")

    def __str__(self) -> str:
        return self.nombre


class DocumentoQuerySet(models.QuerySet):
    def publicados(self) -> DocumentoQuerySet:
        return self.filter(estado=Documento.Estado.PUBLICADO).select_related("institucion")

    def visibles_para(self, usuario) -> DocumentoQuerySet:
        """Published documents, plus pending ones to staff and to their uploader (preview)."""
        if usuario.is_staff:
            return self.select_related("institucion")
        if usuario.is_authenticated:
            return self.filter(Q(estado=Documento.Estado.PUBLICADO) | Q(subido_por=usuario)).select_related(
                "institucion"
            )
        return self.publicados()

    def recientes(self) -> DocumentoQuerySet:
        return self.order_by("-anio", "-fecha", "-publicado_en", "-pk")

    def para_lista(self) -> DocumentoQuerySet:
        """Without the columns a list never prints: the extracted text (up to 500 KB) and the vectors."""
        return self.defer("texto_extraido", "vector", "vector_rango")


class Documento(models.Model):
    class Tipo(models.TextChoices):
        CASO = "caso", _("Caso de estudio")
        LEGISLACION = "legislacion", _("Legislación")
        GUIA = "metodologia", _("Metodología o guía")
        ESTUDIO = "estudio", _("Estudio o informe")
        PRESENTACION = "presentacion", _("Presentación")
        INCENTIVO = "incentivo", _("Incentivo o programa de apoyo")
        VIDEO = "video", _("Video")
        OTRO = "otro", _("Otro")

    class Idioma(models.TextChoices):
        ES = "es", _("Español")
        PT = "pt", _("Portugués")
        EN = "en", _("Inglés")
        FR = "fr", _("Francés")
        IT = "it", _("Italiano")
        OTRO = "otro", _("Otro")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de revisión")
        PUBLICADO = "publicado", _("Publicado")
        RECHAZADO = "rechazado", _("Rechazado")

    titulo = models.CharField(_("título"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=320, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    resumen = models.TextField(_("resumen"), max_length=5000)
    autores = models.CharField(_("autores"), max_length=500, blank=True, help_text=_("Separados por punto y coma."))
    institucion = models.ForeignKey(
        "miembros.Institucion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documentos",
        verbose_name=_("institución que lo publica"),
    )
    paises = CountryField(_("países"), multiple=True, blank=True)
    idioma = models.CharField(_("idioma"), max_length=5, choices=Idioma.choices, default=Idioma.ES)
    anio = models.PositiveSmallIntegerField(_("año de publicación"))
    fecha = models.DateField(_("fecha de publicación"), null=True, blank=True)
    temas = models.ManyToManyField(Tema, blank=True, related_name="documentos", verbose_name=_("temas"))
    licencia = models.CharField(_("licencia"), max_length=120, blank=True)
    archivo = models.FileField(_("archivo"), upload_to=ruta_documento, max_length=200, blank=True)
    enlace = models.URLField(_("enlace externo"), max_length=500, blank=True)
    portada = models.ImageField(
        _("imagen de portada"), upload_to=ruta_imagen, max_length=200, blank=True, validators=[validar_portada]
    )
    nombre_original = models.CharField(_("nombre original del archivo"), max_length=255, blank=True)
    tamano = models.PositiveBigIntegerField(_("tamaño en bytes"), null=True, blank=True)
    tipo_mime = models.CharField(_("tipo MIME"), max_length=100, blank=True)
    texto_extraido = models.TextField(_("texto extraído"), blank=True, editable=False)
    consorcios = models.ManyToManyField(
        "consorcios.Consorcio",
        blank=True,
        related_name="documentos",
        verbose_name=_("consorcios relacionados"),
        help_text=_("Los consorcios de los que trata el documento; su perfil lo enlaza."),
    )
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documentos_subidos",
        verbose_name=_("subido por"),
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    motivo_rechazo = models.TextField(_("motivo del rechazo"), blank=True)
    # One per upload form shown: a second submit of the same form finds the first document.
    clave_envio = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)
    publicado_en = models.DateTimeField(_("publicado el"), null=True, blank=True)
    # Kept by PostgreSQL itself: any write of these columns (a save, the extraction
    # task's UPDATE, a bulk update) recomputes it, so it can never go stale.
    # Two configurations: es_unaccent makes accents optional; plain "spanish" stems
    # the accented original, because Snowball only strips "-ación" when the accent is
    # there ("denominación" and "denominaciones" both become "denomin"). The query side
    # (biblioteca.busqueda.consulta) asks both.
    # It also holds, without positions, a token for each two words that follow each other
    # ("consorci~2~orig": "consorcios de origen"), so that a phrase is found through the GIN
    # index like a word, without reading any vector (biblioteca.busqueda.SinFrases).
    vector = models.GeneratedField(
        expression=_vector([*CAMPOS_RANGO, ("texto_extraido", "C")], pares=True),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )
    # The same fields without the extracted text: a few hundred bytes stored inline,
    # so ranking thousands of matches never reads the big (TOASTed) vector above.
    # Whether a document matches is still decided by ``vector`` and its GIN index.
    # Being the first part of ``vector``, its positions are the same there.
    vector_rango = models.GeneratedField(
        expression=_vector(CAMPOS_RANGO),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )

    objects = DocumentoQuerySet.as_manager()

    class Meta:
        ordering = ["-anio", "-fecha", "-publicado_en", "-pk"]
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        indexes = [
            # Library search: vector @@ websearch_to_tsquery('es_unaccent', q).
            GinIndex(fields=["vector"], name="documento_vector_gin"),
            # Country filter and facet: string_to_array(paises, ',') @> ARRAY['EC'].
            GinIndex(ListaDePaises("paises"), name="documento_paises_gin"),
            # Newest published documents (empty search, feeds, home page).
            models.Index(fields=["estado", "-anio", "-publicado_en"], name="documento_estado_anio_idx"),
            # Latest published (home page, document feed): ORDER BY publicado_en DESC, id DESC.
            models.Index(fields=["estado", "-publicado_en", "-id"], name="documento_estado_publicado_idx"),
            # Facet filters on type and language within the published set.
            models.Index(fields=["estado", "tipo"], name="documento_estado_tipo_idx"),
            models.Index(fields=["estado", "idioma"], name="documento_estado_idioma_idx"),
        ]
        constraints = [
            # A document is a file, a link, or both: never nothing to read.
            models.CheckConstraint(condition=~Q(archivo="") | ~Q(enlace=""), name="documento_archivo_o_enlace"),
            # Plausible publication years only (the facet and the sort rely on it).
            models.CheckConstraint(condition=Q(anio__gte=1900, anio__lte=2100), name="documento_anio_valido"),
            # A rejection always says why (the uploader is told).
            models.CheckConstraint(
                condition=~Q(estado="rechazado") | ~Q(motivo_rechazo=""), name="documento_rechazo_con_motivo"
            ),
        ]

    def __str__(self) -> str:
        return self.titulo

    def get_absolute_url(self) -> str:
        return url("biblioteca:documento", slug=self.slug)

    def clean(self) -> None:
        errores = {}
        if not self.archivo and not self.enlace:
            errores["enlace"] = _("Sube un archivo o indica un enlace externo.")
        if self.anio is not None and not 1900 <= self.anio <= 2100:
            errores["anio"] = _("Indica un año entre 1900 y 2100.")
        if self.fecha and self.anio and self.fecha.year != self.anio:
            errores["fecha"] = _("La fecha no coincide con el año de publicación.")
        if self.estado == self.Estado.RECHAZADO and not self.motivo_rechazo.strip():
            errores["motivo_rechazo"] = _("Indica el motivo del rechazo.")
        if errores:
            raise ValidationError(errores)

    @property
    def publicado(self) -> bool:
        return self.estado == self.Estado.PUBLICADO

    @property
    def lista_autores(self) -> list[str]:
        return [a.strip() for a in self.autores.split(";") if a.strip()]

    @property
    def formato(self) -> str:
        """Short human name of the file format (PDF, DOCX…) for the detail page."""
        return FORMATOS_POR_MIME.get(self.tipo_mime, "")


FORMATOS_POR_MIME = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
}


class VersionBiblioteca(models.Model):
    """One row: how many times the documents table has been written to.

    Kept by PostgreSQL (a trigger on ``biblioteca_documento``, migration 0007) in the
    writing transaction itself, so a summary stored under a version is never read after a
    write, even one that bypasses Django (a bulk update, the extraction task, SQL).
    """

    valor = models.BigIntegerField(default=0)

    UNICA = 1  # the primary key of the one row (the trigger writes it)

    class Meta:
        verbose_name = _("versión de la biblioteca")
        verbose_name_plural = _("versiones de la biblioteca")

    def __str__(self) -> str:
        return str(self.valor)


class ResumenPrecalculado(models.Model):
    """The summary of a search that is slow to compute live (``busqueda.Resumen``), computed ahead.

    Searches of the words in a large share of the library (and the library without a
    search) read tens of thousands of rows; a background task (``tasks.precalcular_busquedas``)
    computes them after each change of the documents, and a search then reads its summary
    in one query. Valid only while ``version`` is the library's current one.
    """

    # The search's words as PostgreSQL reads them, the text of its tsquery ("" for no words):
    # "Consorcios" and "consorcio" are one search.
    consulta = models.TextField(_("consulta"), unique=True)
    version = models.BigIntegerField(_("versión"))
    total = models.PositiveIntegerField(_("total"))
    cuentas = models.JSONField(_("cuentas de las facetas"))
    relevancia = ArrayField(models.IntegerField(), verbose_name=_("primeros por relevancia"))
    fecha = ArrayField(models.IntegerField(), verbose_name=_("primeros por fecha"))
    calculado = models.DateTimeField(_("calculado"), auto_now=True)

    class Meta:
        verbose_name = _("resumen precalculado de una búsqueda")
        verbose_name_plural = _("resúmenes precalculados de búsquedas")

    def __str__(self) -> str:
        return self.consulta


class PublicacionQuerySet(models.QuerySet):
    def publicados(self):
        """Published and due: a future date is a scheduled publication, not visible yet."""
        return self.filter(estado=self.model.Estado.PUBLICADO, publicada_en__lte=timezone.now())


class Noticia(models.Model):
    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        PUBLICADO = "publicado", _("Publicado")

    titulo = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    resumen = models.CharField(_("resumen"), max_length=400)
    cuerpo = models.TextField(_("cuerpo"), help_text=_("Markdown; el HTML no se admite."))
    cuerpo_html = models.TextField(editable=False, blank=True)
    imagen = models.ImageField(
        _("imagen"), upload_to=ruta_imagen, max_length=200, blank=True, validators=[validar_portada]
    )
    publicada_en = models.DateTimeField(
        _("fecha de publicación"), default=timezone.now, help_text=_("Una fecha futura programa la publicación.")
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.BORRADOR)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = PublicacionQuerySet.as_manager()

    class Meta:
        ordering = ["-publicada_en", "-pk"]
        verbose_name = _("noticia")
        verbose_name_plural = _("noticias")
        indexes = [
            # News list and feed: published and due, newest first.
            models.Index(fields=["estado", "-publicada_en"], name="noticia_estado_fecha_idx"),
        ]

    def __str__(self) -> str:
        return self.titulo

    def save(self, *args, **kwargs) -> None:
        # Sanitised HTML is made once, here, never per request.
        self.cuerpo_html = a_html(self.cuerpo)
        if kwargs.get("update_fields") is not None and "cuerpo" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "cuerpo_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url("biblioteca:noticia", slug=self.slug)

    @property
    def visible(self) -> bool:
        return self.estado == self.Estado.PUBLICADO and self.publicada_en <= timezone.now()


class EventoQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(estado=Evento.Estado.PUBLICADO)

    def proximos(self):
        """Published events not over yet, soonest first."""
        return self.publicados().filter(fin__gte=timezone.now()).order_by("inicio", "pk")

    def pasados(self):
        return self.publicados().filter(fin__lt=timezone.now()).order_by("-inicio", "-pk")


class Evento(models.Model):
    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        PUBLICADO = "publicado", _("Publicado")

    class Modalidad(models.TextChoices):
        PRESENCIAL = "presencial", _("Presencial")
        EN_LINEA = "en_linea", _("En línea")
        HIBRIDA = "hibrida", _("Híbrida")

    titulo = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    descripcion = models.TextField(_("descripción"), help_text=_("Markdown; el HTML no se admite."))
    descripcion_html = models.TextField(editable=False, blank=True)
    inicio = models.DateTimeField(_("inicio"))
    fin = models.DateTimeField(_("fin"))
    lugar = models.CharField(_("lugar"), max_length=200, blank=True)
    pais = CountryField(_("país"), blank=True)
    enlace = models.URLField(_("enlace en línea"), max_length=500, blank=True)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices, default=Modalidad.PRESENCIAL)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.BORRADOR)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = EventoQuerySet.as_manager()

    class Meta:
        ordering = ["-inicio", "-pk"]
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        indexes = [
            # Upcoming and past lists: published, split by end, ordered by start.
            models.Index(fields=["estado", "fin", "inicio"], name="evento_estado_fin_inicio_idx"),
        ]
        constraints = [
            # An event cannot end before it starts.
            models.CheckConstraint(condition=Q(fin__gte=models.F("inicio")), name="evento_fin_despues_de_inicio"),
        ]

    def __str__(self) -> str:
        return self.titulo

    def save(self, *args, **kwargs) -> None:
        self.descripcion_html = a_html(self.descripcion)
        if kwargs.get("update_fields") is not None and "descripcion" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "descripcion_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url("biblioteca:evento", slug=self.slug)

    def clean(self) -> None:
        if self.inicio and self.fin and self.fin < self.inicio:
            raise ValidationError({"fin": _("El evento no puede terminar antes de empezar.")})

    @property
    def visible(self) -> bool:
        return self.estado == self.Estado.PUBLICADO
