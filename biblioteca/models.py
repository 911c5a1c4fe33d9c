"""The virtual library: documents (with full-text search), news and events."""

from __future__ import annotations

import functools
import operator
import uuid
from collections.abc import Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_countries import countries
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname

from comun.markdown import a_html
from comun.validators import validar_imagen
from consorcios.models import NOMBRES_SECTORES, Consorcio

# The extracted text is capped so the tsvector stays well inside PostgreSQL's
# 1 MB limit and the GIN index stays small.
MAX_TEXTO_EXTRAIDO = 500_000
CONFIG_BUSQUEDA = "es_unaccent"  # created by redconsorcios/migrations/0001
CONFIG_RAICES = "spanish"
# The languages of the portal: a document's metadata is searchable by its label in each of them.
IDIOMAS_ETIQUETAS = ("es", "pt", "en")


def _vector() -> SearchVector:
    """The search vector: the document's fields with their weights, in both configurations.

    es_unaccent makes accents optional; plain "spanish" stems the accented original, because
    Snowball only strips "-ación" when the accent is there ("denominación" and "denominaciones"
    both become "denomin"). The query side (biblioteca.busqueda.consulta) asks both.

    Each configuration reads the whole document, one reading after the other: PostgreSQL's
    ``||`` numbers the right part's words after the left's, so with each field's two readings
    side by side a phrase would match a title's last word followed by its own first word
    ("El origen de los consorcios" would hold "consorcios de origen"). As in PostgreSQL's own
    examples, one field's last word and the next field's first are neighbours.

    The labels of the controlled metadata are already spelt in three languages, so es_unaccent
    alone reads them: it is how the query's first branch reads what was typed.
    """
    campos = [("titulo", "A"), ("resumen", "B"), ("autores", "B"), ("etiquetas", "B"), ("texto_extraido", "C")]
    partes = [
        SearchVector(campo, config=config, weight=peso)
        for config in (CONFIG_BUSQUEDA, CONFIG_RAICES)
        for campo, peso in campos
        if campo != "etiquetas" or config == CONFIG_BUSQUEDA
    ]
    return functools.reduce(operator.add, partes)


def etiquetas_de_busqueda(
    *, tipo: str, idioma: str, paises: Iterable, claves_sectores: Iterable[str] = (), temas: Iterable[str] = ()
) -> str:
    """The labels of a document's type, language, countries and sectors in every language of the
    portal, and its topics, as one text for the search vector: a researcher who types
    "legislation", "Perú", "Portugués" or "cosméticos" in any of the portal's languages finds the
    documents so classified. A document's sectors are those of the consortia it is about."""
    codigos = [getattr(pais, "code", pais) for pais in paises]
    claves_sectores = list(claves_sectores)
    palabras: dict[str, None] = {}  # ordered and without repeats ("Peru" in pt and en)
    for idioma_portal in IDIOMAS_ETIQUETAS:
        with override(idioma_portal):
            textos = [dict(Documento.Tipo.choices).get(tipo), dict(Documento.Idioma.choices).get(idioma)]
            textos += [countries.name(codigo) for codigo in codigos]
            textos += [NOMBRES_SECTORES.get(clave, clave.replace("-", " ")) for clave in claves_sectores]
            palabras.update(dict.fromkeys(str(texto) for texto in textos if texto))
    palabras.update(dict.fromkeys(temas))
    return " · ".join(palabras)


def html_por_idioma(objeto: models.Model, fuente: str, destino: str, update_fields=None):
    """Writes each language's sanitised HTML from that language's Markdown (``cuerpo_pt`` →
    ``cuerpo_html_pt``; empty when that language has no text, so its pages fall back to
    Spanish's, as the source does). Made once, at write time, never per request.

    Returns ``update_fields`` with every source and HTML column added when it names the source."""
    columnas = []
    for idioma, _nombre in settings.LANGUAGES:
        texto = getattr(objeto, build_localized_fieldname(fuente, idioma)) or ""
        setattr(objeto, build_localized_fieldname(destino, idioma), a_html(texto) if texto else "")
        columnas += [build_localized_fieldname(fuente, idioma), build_localized_fieldname(destino, idioma)]
    if update_fields is not None and any(campo.startswith(fuente) for campo in update_fields):
        return {*update_fields, *columnas}
    return update_fields


def sectores_de_cada_uno() -> ArraySubquery:
    """The keys of the sectors of the consortia each document is about (a correlated subquery)."""
    return ArraySubquery(
        Consorcio.sectores.through.objects.filter(consorcio__documentos=OuterRef("pk"))
        .order_by("sector__slug")
        .values("sector__slug")
        .distinct()
    )


def temas_de_cada_uno() -> ArraySubquery:
    """The names of each document's topics, each in every language staff gave it (a correlated
    subquery; the translated columns are named, as modeltranslation would read only one)."""
    nombres = models.Func(
        *(F(f"nombre_{idioma}") for idioma, _nombre in settings.LANGUAGES),
        function="concat_ws",
        template="%(function)s(' ', %(expressions)s)",
        output_field=models.TextField(),
    )
    return ArraySubquery(
        Tema.objects.filter(documentos=OuterRef("pk")).order_by("nombre_es").annotate(todos=nombres).values("todos")
    )


def _nombre_servidor(carpeta: str, nombre: str) -> str:
    """A server-made name: the user's file name is kept as metadata only."""
    extension = PurePosixPath(nombre).suffix.lower()[:8]
    return f"{carpeta}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def ruta_documento(instancia: Documento, nombre: str) -> str:
    return _nombre_servidor("biblioteca/documentos", nombre)


def ruta_imagen(instancia: models.Model, nombre: str) -> str:
    return _nombre_servidor("biblioteca/imagenes", nombre)


def validar_portada(archivo) -> None:
    """Checked by content; a new upload is renamed after the format found, so a cover sent as
    "x.ps" or "x.xbm" that is really a PNG is stored as .png (the name is made in ruta_imagen)."""
    extension = validar_imagen(archivo)
    if not getattr(archivo, "_committed", True):
        archivo.name = f"imagen.{extension}"


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
        """Without the columns a list never prints: the extracted text (up to 500 KB), the search
        labels and the vector."""
        return self.defer("texto_extraido", "etiquetas", "vector")

    def actualizar_etiquetas(self) -> None:
        """Write again the search labels of these documents, their topics and sectors included (the
        generated vector follows): one query to read, one to write. Called when a document's topics
        or consortia, a topic's name or a consortium's sectors change (biblioteca/apps.py)."""
        from comun.cache import invalidar

        filas = (
            self.order_by()
            .annotate(claves=sectores_de_cada_uno(), nombres_temas=temas_de_cada_uno())
            .values_list("pk", "tipo", "idioma", "paises", "claves", "nombres_temas")
        )
        ahora = timezone.now()
        cambios = [
            Documento(
                pk=pk,
                actualizado=ahora,  # its topics and sectors are metadata (the OAI-PMH datestamp)
                etiquetas=etiquetas_de_busqueda(
                    tipo=tipo,
                    idioma=idioma,
                    paises=paises.split(",") if isinstance(paises, str) else paises,
                    claves_sectores=claves,
                    temas=temas,
                ),
            )
            for pk, tipo, idioma, paises, claves, temas in filas
        ]
        if cambios:
            Documento.objects.bulk_update(cambios, ["etiquetas", "actualizado"], batch_size=1000)
            invalidar("biblioteca")

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with each document's search labels filled as ``Documento.save()`` does,
        and the library's cached pages made stale: a bulk insert calls no ``save()`` and sends
        no signal."""
        from comun.cache import invalidar

        objs = list(objs)
        for documento in objs:
            documento.etiquetas = documento.etiquetas_de_busqueda()
        creados = super().bulk_create(objs, *args, **kwargs)
        invalidar("biblioteca")
        return creados


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
    motivo_rechazo = models.TextField(_("motivo del rechazo"), max_length=2000, blank=True)
    # One per upload form shown: a second submit of the same form finds the first document.
    clave_envio = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)
    publicado_en = models.DateTimeField(_("publicado el"), null=True, blank=True)
    # The labels of the type, language, countries and sectors in es, pt and en, and the topics
    # (etiquetas_de_busqueda), written by save() and bulk_create() whenever the document is, and
    # by actualizar_etiquetas() when its relations change: part of the search vector.
    # A QuerySet.update() of those fields must write them too (and call invalidar).
    etiquetas = models.TextField(_("etiquetas de búsqueda"), blank=True, editable=False)
    # Kept by PostgreSQL itself: any write of these columns (a save, the extraction task's
    # UPDATE, a bulk update) recomputes it in the same statement, so it can never go stale.
    # Title A; abstract, authors and metadata labels B; extracted text C (_vector). Positions
    # are kept, so a phrase is PostgreSQL's own phrase search.
    vector = models.GeneratedField(
        expression=_vector(),
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
            # OAI-PMH lists (oai app): documents ever published, by datestamp then pk.
            models.Index(
                fields=["actualizado", "id"],
                condition=Q(estado="publicado") | Q(publicado_en__isnull=False),
                name="documento_oai_idx",
            ),
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

    def save(self, *args, **kwargs) -> None:
        self.etiquetas = self.etiquetas_de_busqueda()
        if kwargs.get("update_fields") is not None and {"tipo", "idioma", "paises"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "etiquetas"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("biblioteca:documento", kwargs={"slug": self.slug})

    @property
    def nombre_descarga(self) -> str:
        """The uploader's file name with the extension of the type found in the content
        (the stored name's): "informe.exe" that is a PDF downloads as "informe.pdf"."""
        guardado = PurePosixPath(self.archivo.name)
        if not self.nombre_original:
            return guardado.name
        return PurePosixPath(self.nombre_original).stem[:200] + guardado.suffix

    def etiquetas_de_busqueda(self) -> str:
        """Its labels; a stored document's topics and sectors are read in one query (a new one has
        none yet: linking them writes the labels again, biblioteca/apps.py)."""
        claves, temas = [], []
        if self.pk:
            claves, temas = (
                Documento.objects.filter(pk=self.pk)
                .annotate(claves=sectores_de_cada_uno(), nombres_temas=temas_de_cada_uno())
                .values_list("claves", "nombres_temas")
                .first()
            ) or ([], [])
        return etiquetas_de_busqueda(
            tipo=self.tipo, idioma=self.idioma, paises=self.paises, claves_sectores=claves, temas=temas
        )

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

    def json_ld(self) -> dict:
        """schema.org description of its page (biblioteca/metadatos.py); reads its temas."""
        from .metadatos import documento

        return documento(self)

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
    cuerpo = models.TextField(_("cuerpo"), max_length=20_000, help_text=_("Markdown; el HTML no se admite."))
    cuerpo_html = models.TextField(editable=False, blank=True)
    imagen = models.ImageField(
        _("imagen"), upload_to=ruta_imagen, max_length=200, blank=True, validators=[validar_portada]
    )
    publicada_en = models.DateTimeField(
        _("fecha de publicación"), default=timezone.now, help_text=_("Una fecha futura programa la publicación.")
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.BORRADOR)
    # The events the news is about: its page links them, and theirs list it back.
    eventos = models.ManyToManyField("Evento", blank=True, related_name="noticias", verbose_name=_("eventos"))
    # The consortia and institutions it is about: its page links them, and theirs list it back.
    consorcios = models.ManyToManyField(
        "consorcios.Consorcio", blank=True, related_name="noticias", verbose_name=_("consorcios de los que trata")
    )
    instituciones = models.ManyToManyField(
        "miembros.Institucion", blank=True, related_name="noticias", verbose_name=_("instituciones de las que trata")
    )
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
        # Sanitised HTML is made once per language, here, never per request.
        kwargs["update_fields"] = html_por_idioma(self, "cuerpo", "cuerpo_html", kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("biblioteca:noticia", kwargs={"slug": self.slug})

    def json_ld(self) -> dict:
        """schema.org description of its page (biblioteca/metadatos.py)."""
        from .metadatos import noticia

        return noticia(self)

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
    descripcion = models.TextField(_("descripción"), max_length=10_000, help_text=_("Markdown; el HTML no se admite."))
    descripcion_html = models.TextField(editable=False, blank=True)
    inicio = models.DateTimeField(_("inicio"))
    fin = models.DateTimeField(_("fin"))
    lugar = models.CharField(_("lugar"), max_length=200, blank=True)
    pais = CountryField(_("país"), blank=True)
    enlace = models.URLField(_("enlace en línea"), max_length=500, blank=True)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices, default=Modalidad.PRESENCIAL)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.BORRADOR)
    inscripciones_abiertas = models.BooleanField(
        _("inscripciones abiertas"), default=False, help_text=_("Los miembros se inscriben desde la página del evento.")
    )
    cupo = models.PositiveIntegerField(
        _("cupo"),
        null=True,
        blank=True,
        help_text=_(
            "Plazas confirmadas como máximo; las demás inscripciones van a la lista de espera. Vacío: sin límite."
        ),
    )
    # Who organises it and which consortia take part: its page links them, and theirs list it back.
    organizadores = models.ManyToManyField(
        "miembros.Institucion",
        blank=True,
        related_name="eventos_organizados",
        verbose_name=_("instituciones organizadoras"),
    )
    consorcios = models.ManyToManyField(
        "consorcios.Consorcio", blank=True, related_name="eventos", verbose_name=_("consorcios participantes")
    )
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
            # "Mi red" (seguimientos): events announced in a followed country, newest first.
            models.Index("pais", models.F("creado").desc(), name="evento_pais_creado_idx", condition=~Q(pais="")),
        ]
        constraints = [
            # An event cannot end before it starts.
            models.CheckConstraint(condition=Q(fin__gte=models.F("inicio")), name="evento_fin_despues_de_inicio"),
        ]

    def __str__(self) -> str:
        return self.titulo

    def save(self, *args, **kwargs) -> None:
        kwargs["update_fields"] = html_por_idioma(self, "descripcion", "descripcion_html", kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("biblioteca:evento", kwargs={"slug": self.slug})

    def json_ld(self) -> dict:
        """schema.org description of its page (biblioteca/metadatos.py)."""
        from .metadatos import evento

        return evento(self)

    def clean(self) -> None:
        if self.inicio and self.fin and self.fin < self.inicio:
            raise ValidationError({"fin": _("El evento no puede terminar antes de empezar.")})

    @property
    def visible(self) -> bool:
        return self.estado == self.Estado.PUBLICADO

    @property
    def admite_inscripciones(self) -> bool:
        return self.visible and self.inscripciones_abiertas and self.fin >= timezone.now()


class SesionEvento(models.Model):
    """One session of an event's programme: when, where, who speaks, and the presentations (library
    documents, whose pages link back to the event)."""

    evento = models.ForeignKey(Evento, on_delete=models.CASCADE, related_name="sesiones", verbose_name=_("evento"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    titulo = models.CharField(_("título"), max_length=300)
    ponentes = models.CharField(
        _("ponentes"), max_length=500, blank=True, help_text=_("Nombre e institución de cada ponente.")
    )
    sala = models.CharField(_("sala"), max_length=120, blank=True)
    inicio = models.DateTimeField(_("inicio"), null=True, blank=True)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)
    documentos = models.ManyToManyField(
        "Documento", blank=True, related_name="sesiones", verbose_name=_("presentaciones y documentos")
    )

    class Meta:
        ordering = ["evento", "orden", "inicio", "pk"]
        verbose_name = _("sesión")
        verbose_name_plural = _("programa")
        indexes = [
            # The event page's programme: WHERE evento_id = … ORDER BY orden, inicio.
            models.Index(fields=["evento", "orden", "inicio"], name="sesion_evento_orden_idx"),
        ]
        constraints = [
            # A session cannot end before it starts.
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(inicio__isnull=True) | Q(fin__gte=models.F("inicio")),
                name="sesion_fin_despues_de_inicio",
            ),
        ]

    def __str__(self) -> str:
        return self.titulo

    def clean(self) -> None:
        if self.inicio and self.fin and self.fin < self.inicio:
            raise ValidationError({"fin": _("La sesión no puede terminar antes de empezar.")})


class InscripcionQuerySet(models.QuerySet):
    def vigentes(self) -> InscripcionQuerySet:
        return self.exclude(estado=Inscripcion.Estado.CANCELADA)


class Inscripcion(models.Model):
    """A member's place at an event: confirmed within the event's ``cupo``, else on the waiting list,
    which advances in order when a confirmed member cancels (biblioteca.services)."""

    class Estado(models.TextChoices):
        CONFIRMADA = "confirmada", _("Confirmada")
        EN_ESPERA = "en_espera", _("En lista de espera")
        CANCELADA = "cancelada", _("Cancelada")

    evento = models.ForeignKey(Evento, on_delete=models.CASCADE, related_name="inscripciones", verbose_name=_("evento"))
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inscripciones", verbose_name=_("miembro")
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices)
    # Consent, recorded in miembros.Consentimiento too: name, institution, country and e-mail in the
    # organisers' list of attendees; without it the list says only that a member is coming.
    compartir_datos = models.BooleanField(_("comparte sus datos con los organizadores"), default=False)
    creada = models.DateTimeField(_("inscrita el"), default=timezone.now)
    cancelada_en = models.DateTimeField(_("cancelada el"), null=True, blank=True)
    asistio = models.BooleanField(_("asistió"), default=False)

    objects = InscripcionQuerySet.as_manager()

    # What the member agrees to by ticking ``compartir_datos`` (its version: services.VERSION_DATOS_EVENTO).
    TEXTO_CONSENTIMIENTO = _(
        "Autorizo a compartir mi nombre, institución, país y correo con los organizadores de este evento."
    )

    class Meta:
        ordering = ["creada", "pk"]
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        constraints = [
            # One place per member and event (a double submit registers once); a cancelled one may be renewed.
            models.UniqueConstraint(
                fields=["evento", "usuario"], condition=~Q(estado="cancelada"), name="inscripcion_vigente_unica"
            ),
        ]
        indexes = [
            # Places taken and the waiting list in order: WHERE evento_id = … AND estado = … ORDER BY creada.
            models.Index(fields=["evento", "estado", "creada"], name="inscripcion_evento_estado_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.evento} · {self.get_estado_display()}"
