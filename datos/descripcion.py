"""What the open data is, said once for the page and for its DCAT-AP description.

DCAT-AP 3 property names (https://semiceu.github.io/DCAT-AP/releases/3.0.0/): a dcat:Catalog of
dcat:Dataset, each with dcat:Distribution (dcat:accessURL, dcat:downloadURL, dcat:mediaType,
dct:format, dct:license, dct:modified, dcat:byteSize).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from comun.models import LicenciaDatos

from .models import Volcado

IANA = "http://www.iana.org/assignments/media-types/"
# The EU's file-type vocabulary, which DCAT-AP asks for in dct:format.
FORMATOS_UE = "http://publications.europa.eu/resource/authority/file-type/"
TIPOS_MEDIO = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json"}


@dataclass
class Distribucion:
    titulo: str
    formato: str  # csv, json, geojson, xml, rss, ics
    tipo_medio: str
    acceso: str  # absolute URL of the page or service
    descarga: str = ""  # absolute URL of the file, when there is one
    volcado: Volcado | None = None


@dataclass
class Conjunto:
    clave: str  # LicenciaDatos.Conjunto
    titulo: str
    descripcion: str
    pagina: str  # absolute URL of the page that shows it
    palabras: list[str]
    licencia: LicenciaDatos
    distribuciones: list[Distribucion] = field(default_factory=list)

    @property
    def modificado(self):
        fechas = [d.volcado.generado for d in self.distribuciones if d.volcado]
        return max(fechas) if fechas else None


def _absoluta(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def _volcados(clave: str, volcados: dict[str, Volcado]) -> list[Distribucion]:
    distribuciones = []
    for formato in ("csv", "json"):
        volcado = volcados.get(f"{clave}.{formato}")
        if volcado is None:
            continue  # not built yet: the nightly task has not run
        url = _absoluta(default_storage.url(volcado.ruta))
        distribuciones.append(
            Distribucion(
                titulo=_("Volcado completo (%(formato)s)") % {"formato": formato.upper()},
                formato=formato,
                tipo_medio=TIPOS_MEDIO[formato],
                acceso=url,
                descarga=url,
                volcado=volcado,
            )
        )
    return distribuciones


def conjuntos() -> list[Conjunto]:
    """The datasets the portal publishes. Two queries: the dumps and (kept) the licences."""
    volcados = {v.nombre: v for v in Volcado.objects.all()}
    licencias = LicenciaDatos.de_cada_conjunto()
    sitio = settings.SITE_URL
    lista = _absoluta(reverse("consorcios:lista"))
    registro = Conjunto(
        clave="registro",
        titulo=_("Registro de consorcios de exportación y de origen"),
        descripcion=_(
            "Los consorcios publicados: tipo, sectores, productos, ubicación, año de fundación, empresas, mercados"
            " e instituciones promotoras. Nunca sus datos de contacto."
        ),
        pagina=lista,
        palabras=[_("consorcios de exportación"), _("consorcios de origen"), _("PYMES"), _("América Latina")],
        licencia=licencias["registro"],
        distribuciones=[
            Distribucion(
                _("Exportación filtrable (CSV)"), "csv", "text/csv", lista, sitio + reverse("consorcios:exportar_csv")
            ),
            Distribucion(
                _("Exportación filtrable (GeoJSON)"),
                "geojson",
                "application/geo+json",
                lista,
                sitio + reverse("consorcios:exportar_geojson"),
            ),
        ],
    )
    registro.distribuciones += _volcados("registro", volcados)
    biblioteca = Conjunto(
        clave="biblioteca",
        titulo=_("Metadatos de la biblioteca virtual"),
        descripcion=_(
            "Casos de estudio, legislación, metodologías, estudios e incentivos: título, autores, institución, fecha,"
            " idioma, países, temas, resumen y licencia de cada documento publicado."
        ),
        pagina=_absoluta(reverse("biblioteca:buscar")),
        palabras=[_("legislación"), _("casos de estudio"), _("incentivos")],
        licencia=licencias["biblioteca"],
        distribuciones=[
            Distribucion("OAI-PMH 2.0 (Dublin Core)", "xml", "text/xml", sitio + reverse("oai") + "?verb=Identify"),
            *_volcados("biblioteca", volcados),
        ],
    )
    noticias = Conjunto(
        clave="noticias",
        titulo=_("Noticias de la Red"),
        descripcion=_("Título, resumen, fecha y dirección de cada noticia publicada."),
        pagina=_absoluta(reverse("biblioteca:noticias")),
        palabras=[_("noticias")],
        licencia=licencias["noticias"],
        distribuciones=[
            Distribucion(
                "RSS",
                "rss",
                "application/rss+xml",
                _absoluta(reverse("biblioteca:canal", args=["noticias", "rss"])),
            ),
            *_volcados("noticias", volcados),
        ],
    )
    eventos = Conjunto(
        clave="eventos",
        titulo=_("Eventos de la Red"),
        descripcion=_("Título, fechas, modalidad, lugar, país y enlace de cada evento publicado."),
        pagina=_absoluta(reverse("biblioteca:eventos")),
        palabras=[_("eventos")],
        licencia=licencias["eventos"],
        distribuciones=[
            Distribucion(
                "iCalendar",
                "ics",
                "text/calendar",
                _absoluta(reverse("biblioteca:canal", args=["eventos", "ics"])),
            ),
            *_volcados("eventos", volcados),
        ],
    )
    return [registro, biblioteca, noticias, eventos]


CONTEXTO_DCAT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FORMATO_UE = {"csv": "CSV", "json": "JSON", "geojson": "GEOJSON", "xml": "XML", "rss": "RSS", "ics": "ICS"}


def _fecha(valor) -> dict:
    return {"@value": valor.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def dcat(lista: list[Conjunto]) -> dict:
    """The DCAT-AP description of the datasets, as JSON-LD."""
    editor = {"@type": "foaf:Agent", "foaf:name": _("Red Latinoamericana de Consorcios")}
    datasets = []
    for conjunto in lista:
        licencia = {"@id": conjunto.licencia.url, "@type": "dct:LicenseDocument"}
        distribuciones = []
        for d in conjunto.distribuciones:
            distribucion = {
                "@type": "dcat:Distribution",
                "dct:title": d.titulo,
                "dcat:accessURL": {"@id": d.acceso},
                "dcat:mediaType": {"@id": IANA + d.tipo_medio},
                "dct:format": {"@id": FORMATOS_UE + FORMATO_UE[d.formato]},
                "dct:license": licencia,
            }
            if d.descarga:
                distribucion["dcat:downloadURL"] = {"@id": d.descarga}
            if d.volcado:
                distribucion["dct:modified"] = _fecha(d.volcado.generado)
                distribucion["dcat:byteSize"] = {"@value": str(d.volcado.tamano), "@type": "xsd:nonNegativeInteger"}
            distribuciones.append(distribucion)
        dataset = {
            "@id": f"{conjunto.pagina}#dataset",
            "@type": "dcat:Dataset",
            "dct:title": conjunto.titulo,
            "dct:description": conjunto.descripcion,
            "dct:publisher": editor,
            "dcat:landingPage": {"@id": conjunto.pagina},
            "dcat:keyword": conjunto.palabras,
            "dct:license": licencia,
            "dcat:distribution": distribuciones,
        }
        if conjunto.modificado:
            dataset["dct:modified"] = _fecha(conjunto.modificado)
        datasets.append(dataset)
    catalogo = {
        "@context": CONTEXTO_DCAT,
        "@id": settings.SITE_URL + reverse("datos:dcat"),
        "@type": "dcat:Catalog",
        "dct:title": _("Datos abiertos de la Red Latinoamericana de Consorcios"),
        "dct:description": _("El registro de consorcios, la biblioteca virtual, las noticias y los eventos de la Red."),
        "dct:publisher": editor,
        "foaf:homepage": {"@id": settings.SITE_URL + reverse("datos:indice")},
        "dcat:dataset": datasets,
    }
    fechas = [c.modificado for c in lista if c.modificado]
    if fechas:
        catalogo["dct:modified"] = _fecha(max(fechas))
    return catalogo
