"""What the API shows of each object: the fields its public page shows, never a member's data.

Each object carries its stable id (the number or slug its page uses), ``url`` (its public page,
absolute from SITE_URL) and ``self`` (its address in the API). Choices come as their key and,
beside it, their label in the request's language (``*_nombre``).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import override
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from biblioteca.models import Documento, Evento, Noticia
from consorcios.models import NOMBRES_SECTORES, Actividad, Consorcio, EmpresaMiembro, IndicadorAnual
from foros.models import Foro, Tema
from miembros.models import Institucion
from oportunidades.models import Oportunidad


def absoluta(ruta: str) -> str:
    return settings.SITE_URL + ruta


def pagina_publica(objeto) -> str:
    """The canonical address of an object's page: Spanish, the portal's source language."""
    with override("es"):
        return absoluta(objeto.get_absolute_url())


def en_la_api(nombre: str, **kwargs) -> str:
    return absoluta(reverse(f"api:{nombre}", kwargs=kwargs))


@extend_schema_field({"type": "string", "description": "ISO 3166-1 alpha-2, or empty."})
class Pais(serializers.Field):
    """A country as its ISO code (a CountryField's value)."""

    def to_representation(self, valor) -> str:
        return getattr(valor, "code", valor) or ""


@extend_schema_field({"type": "string", "format": "uri"})
class Url(serializers.Field):
    """An absolute address made by a function of the object."""

    def __init__(self, funcion, **kwargs):
        self.funcion = funcion
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, objeto) -> str:
        return self.funcion(objeto)


def etiqueta(campo: str) -> serializers.CharField:
    """The label of a choice field in the request's language."""
    return serializers.CharField(source=f"get_{campo}_display", read_only=True)


class SectorSerializer(serializers.Serializer):
    clave = serializers.CharField()
    nombre = serializers.CharField()


class ConsorcioResumenSerializer(serializers.ModelSerializer):
    tipo_nombre = etiqueta("tipo")
    pais = Pais()
    pais_nombre = serializers.SerializerMethodField()
    sectores = serializers.SerializerMethodField()
    url = Url(pagina_publica)
    self = Url(lambda c: en_la_api("consorcio", slug=c.slug))

    class Meta:
        model = Consorcio
        fields = [
            "id",
            "slug",
            "nombre",
            "tipo",
            "tipo_nombre",
            "pais",
            "pais_nombre",
            "region",
            "ciudad",
            "latitud",
            "longitud",
            "productos",
            "sectores",
            "numero_empresas",
            "anio_fundacion",
            "estado_vida",
            "publicado_en",
            "url",
            "self",
        ]

    def get_pais_nombre(self, consorcio) -> str:
        return str(countries.name(consorcio.pais.code))

    @extend_schema_field(SectorSerializer(many=True))
    def get_sectores(self, consorcio) -> list[dict]:
        # The keys come from the list's annotation (no query per row); the names are translated here.
        return [{"clave": clave, "nombre": str(NOMBRES_SECTORES.get(clave, clave))} for clave in consorcio.claves]


class EmpresaSerializer(serializers.ModelSerializer):
    sector = serializers.SerializerMethodField()

    class Meta:
        model = EmpresaMiembro
        fields = ["nombre", "ciudad", "sector", "empleados", "sitio_web", "productos"]

    def get_sector(self, empresa) -> str | None:
        return empresa.sector.slug if empresa.sector else None


class IndicadorSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicadorAnual
        fields = ["anio", "numero_empresas", "empleos", "exportaciones_usd", "numero_mercados"]


class ActividadSerializer(serializers.ModelSerializer):
    tipo_nombre = etiqueta("tipo")

    class Meta:
        model = Actividad
        fields = ["fecha", "tipo", "tipo_nombre", "titulo", "descripcion"]


class InstitucionBreveSerializer(serializers.ModelSerializer):
    self = Url(lambda i: en_la_api("institucion", pk=i.pk))

    class Meta:
        model = Institucion
        fields = ["id", "nombre", "sigla", "self"]


def _lista(valores) -> list[str]:
    return [getattr(v, "code", v) for v in valores]


class ConsorcioSerializer(ConsorcioResumenSerializer):
    """A consortium's profile: its public fields (the CSV's columns), firms, yearly figures and milestones.
    Never its contact e-mail or phone (shown only to members, on the page) nor its responsables."""

    subtipo_nombre = etiqueta("subtipo")
    alcance_sectorial_nombre = etiqueta("alcance_sectorial")
    signo_distintivo_nombre = etiqueta("signo_distintivo")
    estado_signo_nombre = etiqueta("estado_signo")
    estado_vida_nombre = etiqueta("estado_vida")
    paises_involucrados = serializers.SerializerMethodField()
    mercados_destino = serializers.SerializerMethodField()
    instituciones_promotoras = InstitucionBreveSerializer(many=True, read_only=True)
    empresas = EmpresaSerializer(many=True, read_only=True)
    indicadores = IndicadorSerializer(many=True, read_only=True)
    actividades = ActividadSerializer(many=True, read_only=True)
    descripcion_html = serializers.CharField(read_only=True)

    class Meta(ConsorcioResumenSerializer.Meta):
        fields = [
            *ConsorcioResumenSerializer.Meta.fields,
            "subtipo",
            "subtipo_nombre",
            "alcance_sectorial",
            "alcance_sectorial_nombre",
            "descripcion",
            "descripcion_html",
            "producto_tradicional",
            "territorio",
            "signo_distintivo",
            "signo_distintivo_nombre",
            "nombre_signo",
            "estado_signo",
            "estado_signo_nombre",
            "paises_involucrados",
            "estado_vida_nombre",
            "fecha_formalizacion",
            "forma_juridica",
            "empleos_directos",
            "familias_beneficiadas",
            "porcentaje_mujeres",
            "mercados_destino",
            "certificaciones",
            "instituciones_promotoras",
            "sitio_web",
            "videos",
            "empresas",
            "indicadores",
            "actividades",
        ]

    def get_paises_involucrados(self, consorcio) -> list[str]:
        return _lista(consorcio.paises_involucrados)

    def get_mercados_destino(self, consorcio) -> list[str]:
        return _lista(consorcio.mercados_destino)


def _lista_de_la_red(institucion) -> str:
    """An institution has no page of its own: its public page is the registry filtered by it."""
    with override("es"):
        return absoluta(reverse("consorcios:lista") + "?" + urlencode({"institucion": institucion.pk}))


class InstitucionSerializer(serializers.ModelSerializer):
    tipo_nombre = etiqueta("tipo")
    pais = Pais()
    url = Url(_lista_de_la_red)
    self = Url(lambda i: en_la_api("institucion", pk=i.pk))

    class Meta:
        model = Institucion
        fields = ["id", "nombre", "sigla", "tipo", "tipo_nombre", "pais", "sitio_web", "url", "self"]


class DocumentoSerializer(serializers.ModelSerializer):
    tipo_nombre = etiqueta("tipo")
    idioma_nombre = etiqueta("idioma")
    autores = serializers.ListField(source="lista_autores", child=serializers.CharField(), read_only=True)
    paises = serializers.SerializerMethodField()
    institucion = InstitucionBreveSerializer(read_only=True, allow_null=True)
    temas = serializers.SerializerMethodField()
    descarga = serializers.SerializerMethodField()
    url = Url(pagina_publica)
    self = Url(lambda d: en_la_api("documento", slug=d.slug))

    class Meta:
        model = Documento
        fields = [
            "id",
            "slug",
            "titulo",
            "tipo",
            "tipo_nombre",
            "resumen",
            "autores",
            "institucion",
            "paises",
            "idioma",
            "idioma_nombre",
            "anio",
            "fecha",
            "temas",
            "licencia",
            "enlace",
            "descarga",
            "publicado_en",
            "url",
            "self",
        ]

    def get_paises(self, documento) -> list[str]:
        return _lista(documento.paises)

    def get_temas(self, documento) -> list[str]:
        return [tema.nombre for tema in documento.temas.all()]

    @extend_schema_field({"type": ["string", "null"], "format": "uri"})
    def get_descarga(self, documento) -> str | None:
        if not documento.archivo:
            return None
        with override("es"):
            return absoluta(reverse("biblioteca:descargar", kwargs={"slug": documento.slug}))


class FacetaSerializer(serializers.Serializer):
    valor = serializers.CharField()
    etiqueta = serializers.CharField()
    cantidad = serializers.IntegerField()


class FacetasSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    tipo = FacetaSerializer(many=True)
    pais = FacetaSerializer(many=True)
    idioma = FacetaSerializer(many=True)
    anio = FacetaSerializer(many=True)


class NoticiaSerializer(serializers.ModelSerializer):
    url = Url(pagina_publica)
    self = Url(lambda n: en_la_api("noticia", slug=n.slug))

    class Meta:
        model = Noticia
        fields = ["id", "slug", "titulo", "resumen", "cuerpo_html", "publicada_en", "url", "self"]


class EventoSerializer(serializers.ModelSerializer):
    modalidad_nombre = etiqueta("modalidad")
    pais = Pais()
    url = Url(pagina_publica)
    self = Url(lambda e: en_la_api("evento", slug=e.slug))

    class Meta:
        model = Evento
        fields = [
            "id",
            "slug",
            "titulo",
            "descripcion_html",
            "inicio",
            "fin",
            "lugar",
            "pais",
            "modalidad",
            "modalidad_nombre",
            "enlace",
            "url",
            "self",
        ]


class ForoSerializer(serializers.ModelSerializer):
    url = Url(pagina_publica)
    temas = Url(lambda f: en_la_api("temas") + "?" + urlencode({"foro": f.slug}))

    class Meta:
        model = Foro
        fields = ["slug", "nombre", "descripcion", "url", "temas"]


class ForoBreveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Foro
        fields = ["slug", "nombre"]


class TemaSerializer(serializers.ModelSerializer):
    """A topic's public metadata: no author, no posts."""

    foro = ForoBreveSerializer(read_only=True)
    url = Url(pagina_publica)
    self = Url(lambda t: en_la_api("tema", pk=t.pk))

    class Meta:
        model = Tema
        fields = ["id", "titulo", "foro", "creado", "ultima_actividad", "respuestas", "cerrado", "url", "self"]


class PublicadorSerializer(serializers.Serializer):
    """Who publishes an opportunity: its consortium or its institution, never the member who wrote it."""

    tipo = serializers.CharField()
    nombre = serializers.CharField()
    url = serializers.URLField()


class OportunidadSerializer(serializers.ModelSerializer):
    """A current published opportunity, as its page shows it (no author, no interested members)."""

    tipo_nombre = etiqueta("tipo")
    paises = serializers.SerializerMethodField()
    mercados = serializers.SerializerMethodField()
    sectores = serializers.SerializerMethodField()
    publicador = serializers.SerializerMethodField()
    url = Url(pagina_publica)
    self = Url(lambda o: en_la_api("oportunidad", pk=o.pk))

    class Meta:
        model = Oportunidad
        fields = [
            "id",
            "tipo",
            "tipo_nombre",
            "titulo",
            "descripcion_html",
            "productos",
            "sectores",
            "paises",
            "mercados",
            "fecha_limite",
            "publicada_en",
            "publicador",
            "url",
            "self",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "description": "ISO 3166-1 alpha-2."})
    def get_paises(self, oportunidad) -> list[str]:
        return [p.code for p in oportunidad.paises]

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "description": "ISO 3166-1 alpha-2."})
    def get_mercados(self, oportunidad) -> list[str]:
        return [p.code for p in oportunidad.mercados]

    @extend_schema_field(SectorSerializer(many=True))
    def get_sectores(self, oportunidad) -> list[dict]:
        claves = oportunidad.claves_sectores  # from the list's annotation: no query per row
        return [{"clave": clave, "nombre": str(NOMBRES_SECTORES.get(clave, clave))} for clave in claves]

    @extend_schema_field(PublicadorSerializer)
    def get_publicador(self, oportunidad) -> dict:
        if oportunidad.consorcio_id:
            return {
                "tipo": "consorcio",
                "nombre": oportunidad.consorcio.nombre,
                "url": pagina_publica(oportunidad.consorcio),
            }
        return {
            "tipo": "institucion",
            "nombre": oportunidad.institucion.nombre,
            "url": pagina_publica(oportunidad.institucion),
        }
