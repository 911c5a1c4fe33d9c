"""The registry: export and origin consortia, their firms, yearly figures and milestones."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import PurePath
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Case, F, Func, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat, Round, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_countries import countries
from django_countries.fields import CountryField

from comun.markdown import a_html
from miembros.models import Institucion

LATITUD_MIN, LATITUD_MAX = Decimal(-90), Decimal(90)
LONGITUD_MIN, LONGITUD_MAX = Decimal(-180), Decimal(180)

validar_url_web = URLValidator(
    schemes=["http", "https"], message=_("Escriba una dirección que empiece por http:// o https://.")
)

# Controlled vocabulary of sectors: the slug is the key, the name is translated here
# (the data migration seeds the same keys; the stored name is the Spanish fallback).
NOMBRES_SECTORES = {
    "agroindustria": _("Agroindustria"),
    "alimentos-procesados": _("Alimentos procesados"),
    "apicultura": _("Apicultura"),
    "artesanias": _("Artesanías"),
    "cafe-y-cacao": _("Café y cacao"),
    "cosmetica-y-productos-naturales": _("Cosmética y productos naturales"),
    "cuero-y-calzado": _("Cuero y calzado"),
    "farmaceutica": _("Farmacéutica"),
    "flores": _("Flores"),
    "lacteos": _("Lácteos y quesos"),
    "metalmecanica": _("Metalmecánica"),
    "muebles-y-madera": _("Muebles y madera"),
    "pesca-y-acuicultura": _("Pesca y acuicultura"),
    "software-y-servicios": _("Software y servicios"),
    "textil-y-confeccion": _("Textil y confección"),
    "turismo": _("Turismo"),
    "vinos-y-licores": _("Vinos y licores"),
}


class Sector(models.Model):
    """A sector of the controlled vocabulary (seeded by a data migration)."""

    nombre = models.CharField(_("nombre"), max_length=100, unique=True)
    slug = models.SlugField(_("clave"), max_length=100, unique=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectores")

    def __str__(self) -> str:
        return str(NOMBRES_SECTORES.get(self.slug, self.nombre))


def _ruta_logo(instancia: Consorcio, nombre_archivo: str) -> str:
    """Server-made name: the extension comes from the checked content (see forms)."""
    extension = PurePath(nombre_archivo).suffix.lower().lstrip(".") or "png"
    return f"consorcios/logos/{uuid.uuid4().hex}.{extension}"


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embebido(url: str) -> str | None:
    """The privacy-friendly embed address of a YouTube or Vimeo link, or None."""
    partes = urlsplit(url.strip())
    if partes.scheme not in {"http", "https"}:
        return None
    host = (partes.hostname or "").lower()
    ruta = [p for p in partes.path.split("/") if p]
    video_id = ""
    if host in {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}:
        if ruta[:1] == ["watch"]:
            video_id = parse_qs(partes.query).get("v", [""])[0]
        elif len(ruta) == 2 and ruta[0] in {"embed", "shorts", "live"}:
            video_id = ruta[1]
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be":
        if len(ruta) == 1 and _YOUTUBE_ID.match(ruta[0]):
            return f"https://www.youtube-nocookie.com/embed/{ruta[0]}"
    elif host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        numeros = [p for p in ruta if p.isdigit()]
        if numeros:
            return f"https://player.vimeo.com/video/{numeros[0]}"
    return None


def validar_video(url: str) -> None:
    if video_embebido(url) is None:
        raise ValidationError(
            _("Solo se aceptan enlaces a videos de YouTube o Vimeo (https://…): %(url)s"),
            code="video",
            params={"url": url},
        )


class TextoBusqueda(models.Func):
    """The text searched before the search labels existed: migration 0004 builds its index on it
    (migrations import this class, so it stays; the list searches ``TextoBuscable``)."""

    function = "consorcios_texto_busqueda"
    output_field = models.TextField()

    def __init__(self) -> None:
        super().__init__(models.F("nombre"), models.F("productos"), models.F("descripcion"))


class TextoBuscable(models.Func):
    """Name, products, description and search labels, lower-cased and without accents, for `q`.

    consorcios_texto_busqueda(text, text, text, text) is an IMMUTABLE SQL wrapper around
    unaccent() (migration ``buscador_etiquetas``), so a trigram GIN index is built on exactly
    this expression and each word of the query is a LIKE '%palabra%' it answers.
    """

    function = "consorcios_texto_busqueda"
    output_field = models.TextField()

    def __init__(self) -> None:
        super().__init__(models.F("nombre"), models.F("productos"), models.F("descripcion"), models.F("etiquetas"))


class ClaveOrden(models.Func):
    """A name as it sorts for people: lower case, accents ignored ("Cerámica" among the C's).

    The embedded PostgreSQL has no ICU and no system locales, so no linguistic collation is there
    to ask for; consorcios_clave_orden() (IMMUTABLE, migration ``buscador_etiquetas``) gives the
    primary level of the Portuguese, English and (but for ñ, sorted with n) Spanish orders, and an
    index serves it.
    """

    function = "consorcios_clave_orden"
    output_field = models.TextField()


# The portal's languages: a consortium's kind, country and sectors are searchable by their label
# in each, whatever the page's language.
IDIOMAS_ETIQUETAS = ("es", "pt", "en")


def etiquetas_de_busqueda(*, tipo: str, pais, claves_sectores) -> str:
    """The labels of a consortium's kind, country and sectors in es, pt and en, as one text for
    the list's search: "cosmetica", "cosmetics" or "Peru" find what the cards show so."""
    palabras: dict[str, None] = {}  # ordered, without repeats ("Peru" in pt and en)
    for idioma in IDIOMAS_ETIQUETAS:
        with override(idioma):
            textos = [dict(Consorcio.Tipo.choices).get(tipo), countries.name(getattr(pais, "code", pais) or "")]
            # a sector outside the vocabulary: its key's words ("vinos-y-licores"), unaccented as searched
            textos += [NOMBRES_SECTORES.get(clave, clave.replace("-", " ")) for clave in claves_sectores]
            palabras.update(dict.fromkeys(str(texto) for texto in textos if texto))
    return " · ".join(palabras)


class ListaDeMercados(models.Func):
    """The multiple CountryField of destination markets ("CN,JP") as a text[] to index and test with @>."""

    function = "string_to_array"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = ArrayField(models.TextField())

    def __init__(self) -> None:
        super().__init__(models.F("mercados_destino"))


def claves_de_sectores() -> ArraySubquery:
    """The sector keys of each row, as a correlated subquery (a join would be narrowed by the sector filter)."""
    return ArraySubquery(
        Consorcio.sectores.through.objects.filter(consorcio_id=OuterRef("pk"))
        .order_by("sector__nombre")
        .values("sector__slug")
    )


class ConsorcioQuerySet(models.QuerySet):
    def publicados(self) -> ConsorcioQuerySet:
        return self.filter(estado=Consorcio.Estado.PUBLICADO)

    def de_responsable(self, usuario) -> ConsorcioQuerySet:
        return self.filter(responsables=usuario)

    def desactualizados(self, ahora=None) -> ConsorcioQuerySet:
        """Published records whose responsables have not confirmed them for CONSORCIOS_VERIFICACION_CADUCA_DIAS."""
        limite = (ahora or timezone.now()) - timedelta(days=settings.CONSORCIOS_VERIFICACION_CADUCA_DIAS)
        return self.publicados().filter(verificado_en__lt=limite)

    def por_recordar(self, ahora=None) -> ConsorcioQuerySet:
        """Published records due for the verification reminder, not yet reminded since their last verification."""
        limite = (ahora or timezone.now()) - timedelta(days=settings.CONSORCIOS_VERIFICACION_RECORDATORIO_DIAS)
        return self.publicados().filter(verificado_en__lt=limite).exclude(recordado_en__gte=F("verificado_en"))

    def visibles_para(self, usuario) -> ConsorcioQuerySet:
        """Published ones, plus any the person is responsable of (staff see everything)."""
        if usuario.is_authenticated and usuario.is_staff:
            return self.all()
        if not usuario.is_authenticated:
            return self.publicados()
        propios = Consorcio.responsables.through.objects.filter(user=usuario).values("consorcio_id")
        return self.filter(Q(estado=Consorcio.Estado.PUBLICADO) | Q(pk__in=propios))

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with each consortium's search labels of kind and country filled as ``save()``
        does (sectors are linked afterwards: ``actualizar_etiquetas()`` then adds theirs)."""
        objs = list(objs)
        for consorcio in objs:
            consorcio.etiquetas = etiquetas_de_busqueda(tipo=consorcio.tipo, pais=consorcio.pais, claves_sectores=())
        return super().bulk_create(objs, *args, **kwargs)

    def actualizar_etiquetas(self) -> None:
        """Write again the search labels of these consortia, from their kind, country and sectors:
        one query to read them, one to write. Called when sectors are linked or unlinked (apps.py)
        and by code that links them in bulk (bulk inserts send no signal)."""
        filas = self.order_by().annotate(claves=claves_de_sectores()).values_list("pk", "tipo", "pais", "claves")
        cambios = [
            Consorcio(pk=pk, etiquetas=etiquetas_de_busqueda(tipo=tipo, pais=pais, claves_sectores=claves))
            for pk, tipo, pais, claves in filas
        ]
        Consorcio.objects.bulk_update(cambios, ["etiquetas"], batch_size=1000)

    def para_lista(self) -> ConsorcioQuerySet:
        """One query, with only the columns a card prints and the keys of its sectors.

        The sectors come as an array of slugs from a correlated subquery (``claves_sectores``);
        their translated names are looked up in the cached choice list, not in a prefetch,
        which cost more than the page's own query.
        """
        return self.only("nombre", "slug", "tipo", "pais", "ciudad", "productos", "logo").annotate(
            claves_sectores=claves_de_sectores()
        )


def _texto(expresion) -> Cast:
    return Cast(expresion, models.TextField())


def _grados(campo: str) -> Cast:
    """A coordinate rounded to 4 decimals (about 11 m), without trailing zeros: -78.1234, -0.18, -78."""
    return _texto(Func(Round(campo, 4), function="trim_scale", output_field=models.DecimalField()))


def _rasgo_geojson(codigos_tipo: dict[str, str]) -> Concat:
    """One consortium as an RFC 7946 Point feature (see consorcios.views.mapa_geojson): its id, its
    [longitude, latitude] and property "t", its kind. Numbers and fixed letters only: nothing to escape."""
    return Concat(
        Value('{"type":"Feature","id":'),
        _texto("id"),
        Value(',"geometry":{"type":"Point","coordinates":['),
        _grados("longitud"),
        Value(","),
        _grados("latitud"),
        Value(']},"properties":{"t":"'),
        Case(*(When(tipo=tipo, then=Value(codigo)) for tipo, codigo in codigos_tipo.items())),
        Value('"}}'),
        output_field=models.TextField(),
    )


# Caps that catch a typo (an extra zero, a phone number in the wrong box) with a message a person
# understands, instead of the database's 2147483647.
MAX_EMPRESAS = 10_000
MAX_PERSONAS = 5_000_000


def tope(maximo: int) -> MaxValueValidator:
    return MaxValueValidator(maximo, message=_("Revise esta cifra: no puede pasar de %(limit_value)s."))


class Consorcio(models.Model):
    class Tipo(models.TextChoices):
        EXPORTACION = "exportacion", _("Consorcio de exportación")
        ORIGEN = "origen", _("Consorcio de origen")

    class Subtipo(models.TextChoices):
        PROMOCIONAL = "promocional", _("De promoción (cada miembro vende por su cuenta)")
        VENTAS = "ventas", _("De ventas (el consorcio vende)")

    class Alcance(models.TextChoices):
        MONOSECTORIAL = "monosectorial", _("Monosectorial")
        MULTISECTORIAL = "multisectorial", _("Multisectorial")

    class Signo(models.TextChoices):
        NINGUNO = "ninguno", _("Ninguno")
        MARCA_COLECTIVA = "marca_colectiva", _("Marca colectiva")
        MARCA_CERTIFICACION = "marca_certificacion", _("Marca de certificación")
        INDICACION_GEOGRAFICA = "indicacion_geografica", _("Indicación geográfica")
        DENOMINACION_ORIGEN = "denominacion_origen", _("Denominación de origen")

    class EstadoSigno(models.TextChoices):
        EN_PREPARACION = "en_preparacion", _("En preparación")
        SOLICITADO = "solicitado", _("Solicitado")
        REGISTRADO = "registrado", _("Registrado")

    class Vida(models.TextChoices):
        EN_FORMACION = "en_formacion", _("En formación")
        ACTIVO = "activo", _("Activo")
        DISUELTO = "disuelto", _("Disuelto")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de revisión")
        PUBLICADO = "publicado", _("Publicado")
        RECHAZADO = "rechazado", _("Rechazado")
        ARCHIVADO = "archivado", _("Archivado")

    nombre = models.CharField(_("nombre"), max_length=200)
    slug = models.SlugField(_("dirección"), max_length=220, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    subtipo = models.CharField(_("modalidad"), max_length=20, choices=Subtipo.choices, blank=True)
    alcance_sectorial = models.CharField(_("alcance sectorial"), max_length=20, choices=Alcance.choices, blank=True)
    producto_tradicional = models.CharField(_("producto tradicional"), max_length=200, blank=True)
    territorio = models.CharField(_("territorio"), max_length=200, blank=True)
    signo_distintivo = models.CharField(
        _("signo distintivo"), max_length=30, choices=Signo.choices, default=Signo.NINGUNO
    )
    nombre_signo = models.CharField(_("nombre del signo"), max_length=200, blank=True)
    estado_signo = models.CharField(_("estado del signo"), max_length=20, choices=EstadoSigno.choices, blank=True)
    sectores = models.ManyToManyField(Sector, related_name="consorcios", verbose_name=_("sectores"))
    productos = models.CharField(_("productos"), max_length=500)
    descripcion = models.TextField(_("descripción"), max_length=5000, help_text=_("Puede usar Markdown."))
    descripcion_html = models.TextField(editable=False, blank=True)
    # The labels of the kind, country and sectors in es, pt and en (etiquetas_de_busqueda), part of
    # the list's text search: written by save() and bulk_create(), and when sectors are linked
    # (m2m_changed, consorcios/apps.py). Code that writes tipo/pais with update() or links sectors
    # in bulk calls actualizar_etiquetas().
    etiquetas = models.TextField(_("etiquetas de búsqueda"), blank=True, editable=False)

    pais = CountryField(_("país"))
    paises_involucrados = CountryField(
        _("otros países involucrados"),
        multiple=True,
        blank=True,
        help_text=_("Para consorcios cuyos miembros trabajan en varios países."),
    )
    region = models.CharField(_("región o provincia"), max_length=120, blank=True)
    ciudad = models.CharField(_("ciudad"), max_length=120, blank=True)
    latitud = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6)
    longitud = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6)
    # Its feature in the map's GeoJSON, written by PostgreSQL whenever the row changes: the map
    # then only joins stored text (string_agg), instead of formatting every consortium per request.
    # The kind is one letter; static/js/consorcios/mapa.js reads the same codes.
    CODIGOS_TIPO = {Tipo.EXPORTACION: "e", Tipo.ORIGEN: "o"}
    rasgo_geojson = models.GeneratedField(
        expression=_rasgo_geojson(CODIGOS_TIPO), output_field=models.TextField(), db_persist=True, editable=False
    )

    anio_fundacion = models.PositiveSmallIntegerField(
        _("año de fundación"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    fecha_formalizacion = models.DateField(_("fecha de formalización"), null=True, blank=True)
    forma_juridica = models.CharField(_("forma jurídica"), max_length=150, blank=True)
    numero_empresas = models.PositiveIntegerField(
        _("número de empresas miembro"), null=True, blank=True, validators=[tope(MAX_EMPRESAS)]
    )
    empleos_directos = models.PositiveIntegerField(
        _("empleos directos"), null=True, blank=True, validators=[tope(MAX_PERSONAS)]
    )
    familias_beneficiadas = models.PositiveIntegerField(
        _("familias beneficiadas"), null=True, blank=True, validators=[tope(MAX_PERSONAS)]
    )
    porcentaje_mujeres = models.PositiveSmallIntegerField(
        _("porcentaje de mujeres empleadas"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    mercados_destino = CountryField(_("mercados de destino"), multiple=True, blank=True)
    certificaciones = models.CharField(_("certificaciones"), max_length=500, blank=True)
    instituciones_promotoras = models.ManyToManyField(
        Institucion, blank=True, related_name="consorcios_promovidos", verbose_name=_("instituciones promotoras")
    )

    sitio_web = models.URLField(_("sitio web"), max_length=300, blank=True, validators=[validar_url_web])
    correo_contacto = models.EmailField(_("correo de contacto"), blank=True)
    telefono_contacto = models.CharField(_("teléfono de contacto"), max_length=40, blank=True)
    publicar_contacto = models.BooleanField(
        _("publicar el contacto"),
        default=False,
        help_text=_("Autorizo a mostrar el correo y el teléfono a los miembros registrados de la Red."),
    )
    logo = models.FileField(_("logotipo"), upload_to=_ruta_logo, blank=True)
    videos = ArrayField(
        models.URLField(max_length=300, validators=[validar_video]),
        verbose_name=_("videos"),
        size=5,
        blank=True,
        default=list,
    )
    estado_vida = models.CharField(_("situación"), max_length=20, choices=Vida.choices, default=Vida.ACTIVO)

    estado = models.CharField(_("estado de revisión"), max_length=20, choices=Estado.choices, default=Estado.PENDIENTE)
    motivo_rechazo = models.TextField(_("motivo del rechazo"), max_length=2000, blank=True)
    responsables = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="consorcios", blank=True, verbose_name=_("responsables")
    )
    # A form submitted twice carries the same token: the second one finds the first record.
    token_envio = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)
    publicado_en = models.DateTimeField(_("publicado el"), null=True, blank=True, editable=False)
    # "Datos verificados el …": set when staff approve and whenever a responsable confirms or edits the
    # record; past CONSORCIOS_VERIFICACION_RECORDATORIO_DIAS the responsables are reminded (once per
    # verification), past CONSORCIOS_VERIFICACION_CADUCA_DIAS the public page warns that it may be out of date.
    verificado_en = models.DateTimeField(_("datos verificados el"), null=True, blank=True, editable=False)
    recordado_en = models.DateTimeField(
        _("recordatorio de verificación enviado el"), null=True, blank=True, editable=False
    )
    # A responsable's edit of a published record stays public and waits here for staff to look at it.
    cambios_por_revisar = models.BooleanField(_("cambios por revisar"), default=False, editable=False)

    objects = ConsorcioQuerySet.as_manager()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("consorcio")
        verbose_name_plural = _("consorcios")
        indexes = [
            # Public list ordered by name as people sort: WHERE estado = 'publicado'
            # ORDER BY consorcios_clave_orden(nombre), nombre, id.
            models.Index(F("estado"), ClaveOrden("nombre"), F("nombre"), F("id"), name="consorcio_estado_orden_idx"),
            # List and map filtered by country; filter choices: the distinct countries (loose index scan).
            models.Index(fields=["estado", "pais"], name="consorcio_estado_pais_idx"),
            # List and map filtered by kind; home page counts by kind.
            models.Index(fields=["estado", "tipo"], name="consorcio_estado_tipo_idx"),
            # Home page: the latest published; list sorted by "newest".
            models.Index(fields=["estado", "-publicado_en"], name="consorcio_estado_publicado_idx"),
            # Discovery (consorcios/filters.py), the text search `q`, one LIKE per word:
            # consorcios_texto_busqueda(nombre, productos, descripcion, etiquetas) LIKE '%sombrero%'
            # AND … LIKE '%toquilla%'. fastupdate off: writes are rare here, and a pending list
            # would make the planner shun the index (its cost estimate counts the unmerged entries).
            GinIndex(OpClass(TextoBuscable(), name="gin_trgm_ops"), name="consorcio_texto_trgm", fastupdate=False),
            # Filter by export subtype: WHERE estado = … AND subtipo = ….
            models.Index(fields=["estado", "subtipo"], name="consorcio_estado_subtipo_idx"),
            # Filter by distinctive sign: WHERE estado = … AND signo_distintivo = ….
            models.Index(fields=["estado", "signo_distintivo"], name="consorcio_estado_signo_idx"),
            # Filter by life status: WHERE estado = … AND estado_vida = ….
            models.Index(fields=["estado", "estado_vida"], name="consorcio_estado_vida_idx"),
            # Filter by region, case-insensitive: WHERE UPPER(region) = UPPER(…).
            models.Index(Upper("region"), name="consorcio_region_upper_idx"),
            # Filter by year founded (range) and sort by it:
            # ORDER BY anio_fundacion DESC NULLS LAST, consorcios_clave_orden(nombre).
            models.Index(
                F("estado"),
                F("anio_fundacion").desc(nulls_last=True),
                ClaveOrden("nombre"),
                name="consorcio_estado_anio_idx",
            ),
            # Filter by member firms (range) and sort by it:
            # ORDER BY numero_empresas DESC NULLS LAST, consorcios_clave_orden(nombre).
            models.Index(
                F("estado"),
                F("numero_empresas").desc(nulls_last=True),
                ClaveOrden("nombre"),
                name="consorcio_estado_empresas_idx",
            ),
            # Filter by destination market: string_to_array(mercados_destino, ',') @> ARRAY['CN'].
            GinIndex(ListaDeMercados(), name="consorcio_mercados_gin", fastupdate=False),
            # Filter choices (consorcios/filters.py): the distinct stored market lists of published
            # consortia, walked one value at a time (loose index scan).
            models.Index(fields=["estado", "mercados_destino"], name="consorcio_estado_mercados_idx"),
            # GeoJSON validator (Last-Modified): MAX(actualizado).
            models.Index(fields=["actualizado"], name="consorcio_actualizado_idx"),
            # The daily reminder and the admin's "desactualizados" filter: published records by verification date.
            models.Index(
                fields=["verificado_en"],
                condition=models.Q(estado="publicado"),
                name="consorcio_verificado_idx",
            ),
            # The admin's "cambios por revisar" filter: the few published records edited since staff looked.
            models.Index(
                fields=["actualizado"],
                condition=models.Q(cambios_por_revisar=True),
                name="consorcio_por_revisar_idx",
            ),
            # The map's GeoJSON and its validator read only these indexes (index-only scans, in id
            # order): the whole map, or filtered by kind, and a country's map (the embedded ones).
            # At 100,000 consortia the whole map's join took 109 ms through the table, 37 through its
            # index; Peru's origin consortia 22 ms and 2.4 ms.
            models.Index(
                fields=["id"],
                include=["rasgo_geojson", "actualizado", "tipo", "pais"],
                condition=Q(estado="publicado"),
                name="consorcio_mapa_idx",
            ),
            models.Index(
                fields=["pais", "tipo", "id"],
                include=["rasgo_geojson", "actualizado"],
                condition=Q(estado="publicado"),
                name="consorcio_mapa_pais_idx",
            ),
            # Sector and promoting-institution filters go through the many-to-many tables,
            # whose foreign keys Django indexes already (sector_id, institucion_id).
        ]
        constraints = [
            # Map position: a latitude is between -90 and 90 degrees.
            models.CheckConstraint(
                condition=Q(latitud__gte=LATITUD_MIN, latitud__lte=LATITUD_MAX), name="consorcio_latitud_rango"
            ),
            # Map position: a longitude is between -180 and 180 degrees.
            models.CheckConstraint(
                condition=Q(longitud__gte=LONGITUD_MIN, longitud__lte=LONGITUD_MAX), name="consorcio_longitud_rango"
            ),
            # A share is a percentage.
            models.CheckConstraint(
                condition=Q(porcentaje_mujeres__isnull=True) | Q(porcentaje_mujeres__lte=100),
                name="consorcio_porcentaje_mujeres_rango",
            ),
        ]

    def __str__(self) -> str:
        return self.nombre

    def save(self, *args, **kwargs) -> None:
        self.descripcion_html = a_html(self.descripcion)
        campos = kwargs.get("update_fields")
        if campos is None or {"tipo", "pais"} & set(campos):
            # A new consortium has no sectors yet: linking them writes the labels again (apps.py).
            claves = list(self.sectores.values_list("slug", flat=True)) if self.pk else []
            self.etiquetas = etiquetas_de_busqueda(tipo=self.tipo, pais=self.pais, claves_sectores=claves)
        if campos is not None:
            campos = set(campos)
            if "descripcion" in campos:
                campos.add("descripcion_html")
            if {"tipo", "pais"} & campos:
                campos.add("etiquetas")
            kwargs["update_fields"] = campos
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("consorcios:detalle", kwargs={"slug": self.slug})

    def json_ld(self) -> dict:
        """schema.org description of its page (consorcios/metadatos.py)."""
        from .metadatos import consorcio

        return consorcio(self)

    def clean(self) -> None:
        errores: dict[str, str] = {}
        hoy = timezone.localdate()
        if self.nombre and len(self.nombre.strip()) < 3:
            errores["nombre"] = _("Escriba el nombre completo del consorcio.")
        if self.anio_fundacion is not None and self.anio_fundacion > hoy.year:
            errores["anio_fundacion"] = _("El año de fundación no puede ser posterior a %(anio)s.") % {"anio": hoy.year}
        if self.fecha_formalizacion is not None:
            if self.fecha_formalizacion > hoy:
                errores["fecha_formalizacion"] = _("La fecha de formalización no puede ser posterior a hoy.")
            elif self.anio_fundacion is not None and self.fecha_formalizacion.year < self.anio_fundacion:
                errores["fecha_formalizacion"] = _("La formalización no puede ser anterior al año de fundación.")
        if self.latitud is not None and not LATITUD_MIN <= self.latitud <= LATITUD_MAX:
            errores["latitud"] = _("La latitud debe estar entre -90 y 90 grados.")
        if self.longitud is not None and not LONGITUD_MIN <= self.longitud <= LONGITUD_MAX:
            errores["longitud"] = _("La longitud debe estar entre -180 y 180 grados.")
        if self.porcentaje_mujeres is not None and self.porcentaje_mujeres > 100:
            errores["porcentaje_mujeres"] = _("Un porcentaje no puede pasar de 100.")
        if self.tipo == self.Tipo.EXPORTACION and not self.subtipo:
            errores["subtipo"] = _("Indique si el consorcio es de promoción o de ventas.")
        if self.tipo == self.Tipo.ORIGEN and not self.producto_tradicional:
            errores["producto_tradicional"] = _("Indique el producto tradicional del consorcio de origen.")
        if self.signo_distintivo and self.signo_distintivo != self.Signo.NINGUNO and not self.estado_signo:
            errores["estado_signo"] = _("Indique en qué estado está el signo distintivo.")
        if errores:
            raise ValidationError(errores)

    @property
    def es_publico(self) -> bool:
        return self.estado == self.Estado.PUBLICADO

    @property
    def desactualizado(self) -> bool:
        """Published and not confirmed by its responsables for CONSORCIOS_VERIFICACION_CADUCA_DIAS."""
        limite = timezone.now() - timedelta(days=settings.CONSORCIOS_VERIFICACION_CADUCA_DIAS)
        return self.es_publico and self.verificado_en is not None and self.verificado_en < limite

    def todos_los_paises(self) -> list:
        """The main country first, then every other country involved."""
        otros = [p for p in self.paises_involucrados if p.code != self.pais.code]
        return [self.pais, *otros]

    def videos_embebidos(self) -> list[str]:
        return [e for e in (video_embebido(v) for v in self.videos) if e]


class EmpresaMiembro(models.Model):
    consorcio = models.ForeignKey(
        Consorcio, on_delete=models.CASCADE, related_name="empresas", verbose_name=_("consorcio")
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    ciudad = models.CharField(_("ciudad"), max_length=120, blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    empleados = models.PositiveIntegerField(_("empleados"), null=True, blank=True)
    sitio_web = models.URLField(_("sitio web"), max_length=300, blank=True, validators=[validar_url_web])
    productos = models.CharField(_("productos"), max_length=300, blank=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("empresa miembro")
        verbose_name_plural = _("empresas miembro")

    def __str__(self) -> str:
        return self.nombre


class IndicadorAnual(models.Model):
    """How a consortium evolves: one row per year."""

    consorcio = models.ForeignKey(
        Consorcio, on_delete=models.CASCADE, related_name="indicadores", verbose_name=_("consorcio")
    )
    anio = models.PositiveSmallIntegerField(_("año"), validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    numero_empresas = models.PositiveIntegerField(
        _("empresas miembro"), null=True, blank=True, validators=[tope(MAX_EMPRESAS)]
    )
    empleos = models.PositiveIntegerField(_("empleos"), null=True, blank=True, validators=[tope(MAX_PERSONAS)])
    exportaciones_usd = models.PositiveBigIntegerField(_("exportaciones (USD)"), null=True, blank=True)
    numero_mercados = models.PositiveSmallIntegerField(_("número de mercados"), null=True, blank=True)

    class Meta:
        ordering = ["anio"]
        verbose_name = _("indicador anual")
        verbose_name_plural = _("indicadores anuales")
        constraints = [
            # One row per consortium and year (the chart and the table of the detail page).
            models.UniqueConstraint(fields=["consorcio", "anio"], name="indicador_consorcio_anio_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.consorcio} {self.anio}"

    def clean(self) -> None:
        if self.anio is not None and self.anio > timezone.localdate().year:
            raise ValidationError({"anio": _("Las cifras de un año que aún no ha llegado no se pueden registrar.")})


class Actividad(models.Model):
    """A milestone of the consortium's timeline."""

    class Tipo(models.TextChoices):
        FERIA = "feria", _("Feria comercial")
        MISION = "mision", _("Misión comercial")
        PRIMERA_EXPORTACION = "primera_exportacion", _("Primera exportación")
        CERTIFICACION = "certificacion", _("Certificación")
        CAPACITACION = "capacitacion", _("Capacitación")
        OTRA = "otra", _("Otra")

    consorcio = models.ForeignKey(
        Consorcio, on_delete=models.CASCADE, related_name="actividades", verbose_name=_("consorcio")
    )
    fecha = models.DateField(_("fecha"))
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices, default=Tipo.OTRA)
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("descripción"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-fecha", "pk"]
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")
        indexes = [
            # Timeline of the detail page: WHERE consorcio_id = … ORDER BY fecha DESC.
            models.Index(fields=["consorcio", "-fecha"], name="actividad_consorcio_fecha_idx"),
        ]

    def __str__(self) -> str:
        return self.titulo


class HistorialCambio(models.Model):
    """Who changed what and when; written by the services, read by staff in the admin."""

    class Accion(models.TextChoices):
        REGISTRADO = "registrado", _("Registrado")
        EDITADO = "editado", _("Editado")
        REENVIADO = "reenviado", _("Corregido y reenviado")
        APROBADO = "aprobado", _("Aprobado")
        RECHAZADO = "rechazado", _("Rechazado")
        RESPONSABLE = "responsable", _("Responsable añadido")
        IMPORTADO = "importado", _("Importado desde CSV")
        RETIRADO = "retirado", _("Responsable retirado (baja de su cuenta)")
        VERIFICADO = "verificado", _("Datos confirmados como vigentes")
        REVISADO = "revisado", _("Cambios revisados por el equipo")

    consorcio = models.ForeignKey(
        Consorcio, on_delete=models.CASCADE, related_name="historial", verbose_name=_("consorcio")
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("usuario"),
    )
    fecha = models.DateTimeField(_("fecha"), auto_now_add=True)
    accion = models.CharField(_("acción"), max_length=20, choices=Accion.choices)
    campos = ArrayField(models.CharField(max_length=100), verbose_name=_("campos"), default=list, blank=True)

    class Meta:
        ordering = ["-fecha", "-pk"]
        verbose_name = _("cambio")
        verbose_name_plural = _("historial de cambios")
        indexes = [
            # Admin inline: WHERE consorcio_id = … ORDER BY fecha DESC.
            models.Index(fields=["consorcio", "-fecha"], name="historial_consorcio_fecha_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.fecha:%Y-%m-%d %H:%M} {self.get_accion_display()}"
