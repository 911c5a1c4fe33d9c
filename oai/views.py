"""OAI-PMH 2.0 for the library (https://www.openarchives.org/OAI/openarchivesprotocol.html).

One URL, six verbs, GET or POST; every answer is XML with HTTP 200, errors included, as the
protocol asks. Only Dublin Core (oai_dc). Nothing here writes: resumption tokens are signed
(django.core.signing), not stored, and carry the harvest's frozen ``until``, so documents
published while a harvest runs wait for the next one instead of shifting its pages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_countries import countries

from biblioteca.models import Documento
from consorcios.models import NOMBRES_SECTORES

from . import registros
from .registros import Filtro, Registro

NS_OAI = "http://www.openarchives.org/OAI/2.0/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NS_DC = "http://purl.org/dc/elements/1.1/"
ESQUEMA_OAI = f"{NS_OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
ESQUEMA_OAI_DC = f"{NS_OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
ET.register_namespace("oai_dc", NS_OAI_DC)
ET.register_namespace("dc", NS_DC)
ET.register_namespace("xsi", NS_XSI)

FORMATO = "%Y-%m-%dT%H:%M:%SZ"
VIGENCIA_TOKEN = timedelta(days=1)
SAL_TOKEN = "oai.resumptionToken"  # noqa: S105  (signing salt, not a secret)
# Each verb's (required, optional) arguments; resumptionToken is exclusive (checked apart).
ARGUMENTOS: dict[str, tuple[set[str], set[str]]] = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
# The DCMI type of each kind of document, next to its own label.
TIPO_DCMI = {Documento.Tipo.VIDEO: "MovingImage"}
# Languages as ISO 639-1 codes; "otro" says nothing a harvester could use.
IDIOMAS_ISO = {"es", "pt", "en", "fr", "it"}


class ErrorOai(Exception):
    def __init__(self, codigo: str, mensaje: str) -> None:
        super().__init__(mensaje)
        self.codigo = codigo
        self.mensaje = mensaje


def _e(padre: ET.Element, etiqueta: str, texto: str | None = None, ns: str | None = None, **atributos) -> ET.Element:
    """A child element; without ``ns``, in the OAI namespace (the document's default, declared
    on the root: ElementTree's default_namespace would refuse the protocol's plain attributes)."""
    nombre = f"{{{ns}}}{etiqueta}" if ns else etiqueta
    elemento = ET.SubElement(padre, nombre, {k: str(v) for k, v in atributos.items()})
    if texto is not None:
        elemento.text = texto
    return elemento


def _fecha(momento: datetime) -> str:
    return momento.astimezone(UTC).strftime(FORMATO)


def _leer_fecha(texto: str, *, final: bool) -> tuple[datetime, int]:
    """A from/until argument as an instant and its granularity (length); ``until`` is inclusive,
    so it becomes the first instant after it (an exclusive bound)."""
    try:
        if len(texto) == 10:
            dia = date.fromisoformat(texto)
            momento = datetime.combine(dia, time(), tzinfo=UTC)
            return (momento + timedelta(days=1) if final else momento), 10
        momento = datetime.strptime(texto, FORMATO).replace(tzinfo=UTC)
    except ValueError:
        raise ErrorOai("badArgument", f"Fecha no válida: {texto!r}.") from None
    return (momento + timedelta(seconds=1) if final else momento), len(texto)


def _argumentos(datos: QueryDict) -> tuple[str, dict[str, str]]:
    verbos = datos.getlist("verb")
    if len(verbos) != 1 or verbos[0] not in ARGUMENTOS:
        raise ErrorOai("badVerb", "Falta el verbo, está repetido o no es uno de los seis del protocolo.")
    verbo = verbos[0]
    argumentos = {}
    for clave, valores in datos.lists():
        if clave == "verb":
            continue
        if len(valores) != 1:
            raise ErrorOai("badArgument", f"El argumento {clave} está repetido.")
        argumentos[clave] = valores[0]
    obligatorios, opcionales = ARGUMENTOS[verbo]
    if extranos := set(argumentos) - obligatorios - opcionales:
        raise ErrorOai("badArgument", f"Argumentos no admitidos: {', '.join(sorted(extranos))}.")
    if "resumptionToken" in argumentos:
        if len(argumentos) > 1:
            raise ErrorOai("badArgument", "resumptionToken no admite otros argumentos.")
    elif faltan := obligatorios - set(argumentos):
        raise ErrorOai("badArgument", f"Faltan argumentos: {', '.join(sorted(faltan))}.")
    return verbo, argumentos


def _formato(argumentos: dict[str, str]) -> None:
    if argumentos["metadataPrefix"] != "oai_dc":
        raise ErrorOai("cannotDisseminateFormat", "Solo se ofrece oai_dc.")


def _encabezado(padre: ET.Element, registro: Registro) -> None:
    atributos = {"status": "deleted"} if registro.borrado else {}
    encabezado = _e(padre, "header", **atributos)
    _e(encabezado, "identifier", registro.identificador)
    _e(encabezado, "datestamp", _fecha(registro.fecha))
    for conjunto in registro.conjuntos:
        _e(encabezado, "setSpec", conjunto)


def _dublin_core(padre: ET.Element, documento: Documento) -> None:
    dc = _e(padre, "dc", ns=NS_OAI_DC, **{f"{{{NS_XSI}}}schemaLocation": ESQUEMA_OAI_DC})
    _e(dc, "title", documento.titulo, ns=NS_DC)
    for autor in documento.lista_autores:
        _e(dc, "creator", autor, ns=NS_DC)
    for tema in documento.temas.all():
        _e(dc, "subject", tema.nombre, ns=NS_DC)
    for clave in documento.claves_sectores or []:
        _e(dc, "subject", str(NOMBRES_SECTORES.get(clave, clave)), ns=NS_DC)
    _e(dc, "description", documento.resumen, ns=NS_DC)
    if documento.institucion:
        _e(dc, "publisher", documento.institucion.nombre, ns=NS_DC)
    _e(dc, "date", documento.fecha.isoformat() if documento.fecha else str(documento.anio), ns=NS_DC)
    _e(dc, "type", str(documento.get_tipo_display()), ns=NS_DC)
    _e(dc, "type", TIPO_DCMI.get(documento.tipo, "Text"), ns=NS_DC)
    if documento.tipo_mime:
        _e(dc, "format", documento.tipo_mime, ns=NS_DC)
    _e(dc, "identifier", registros.url_absoluta(documento), ns=NS_DC)
    _e(dc, "identifier", registros.identificador(documento.pk), ns=NS_DC)
    if documento.idioma in IDIOMAS_ISO:
        _e(dc, "language", documento.idioma, ns=NS_DC)
    for pais in documento.paises:
        _e(dc, "coverage", str(pais.name), ns=NS_DC)
    if documento.licencia:
        _e(dc, "rights", documento.licencia, ns=NS_DC)


def _registro(padre: ET.Element, registro: Registro) -> None:
    elemento = _e(padre, "record")
    _encabezado(elemento, registro)
    if not registro.borrado:
        _dublin_core(_e(elemento, "metadata"), registro.documento)


def identify(raiz: ET.Element, argumentos: dict[str, str]) -> None:
    contenido = _e(raiz, "Identify")
    _e(contenido, "repositoryName", "Red Latinoamericana de Consorcios — Biblioteca")
    _e(contenido, "baseURL", registros.url_base())
    _e(contenido, "protocolVersion", "2.0")
    correo = settings.ADMINS[0][1] if settings.ADMINS else parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    _e(contenido, "adminEmail", correo)
    primera = registros.primera_fecha() or timezone.now()
    _e(contenido, "earliestDatestamp", _fecha(primera))
    _e(contenido, "deletedRecord", "persistent")
    _e(contenido, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def list_metadata_formats(raiz: ET.Element, argumentos: dict[str, str]) -> None:
    # noMetadataFormats cannot arise: every record, deleted ones included, has oai_dc.
    if "identifier" in argumentos:
        pk = registros.pk_de(argumentos["identifier"])
        if pk is None or not registros.existe(pk):
            raise ErrorOai("idDoesNotExist", "No hay ningún documento con ese identificador.")
    formato = _e(_e(raiz, "ListMetadataFormats"), "metadataFormat")
    _e(formato, "metadataPrefix", "oai_dc")
    _e(formato, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _e(formato, "metadataNamespace", NS_OAI_DC)


def list_sets(raiz: ET.Element, argumentos: dict[str, str]) -> None:
    # noSetHierarchy does not apply: the repository has sets. All fit in one answer.
    if "resumptionToken" in argumentos:
        raise ErrorOai("badResumptionToken", "La lista de conjuntos no se pagina.")
    contenido = _e(raiz, "ListSets")
    for clave, nombre in Documento.Tipo.choices:
        conjunto = _e(contenido, "set")
        _e(conjunto, "setSpec", registros.PREFIJO_TIPO + clave)
        _e(conjunto, "setName", str(nombre))
    for codigo in registros.paises_con_documentos():
        conjunto = _e(contenido, "set")
        _e(conjunto, "setSpec", registros.PREFIJO_PAIS + codigo)
        _e(conjunto, "setName", str(countries.name(codigo)) or codigo)


def get_record(raiz: ET.Element, argumentos: dict[str, str]) -> None:
    _formato(argumentos)
    pk = registros.pk_de(argumentos["identifier"])
    registro = registros.uno(pk) if pk is not None else None
    if registro is None:
        raise ErrorOai("idDoesNotExist", "No hay ningún documento con ese identificador.")
    _registro(_e(raiz, "GetRecord"), registro)


def _lista(raiz: ET.Element, argumentos: dict[str, str], verbo: str) -> None:
    """ListIdentifiers and ListRecords: one page, and the token of the next."""
    ahora = timezone.now()
    if "resumptionToken" in argumentos:
        try:
            estado = signing.loads(argumentos["resumptionToken"], salt=SAL_TOKEN, max_age=VIGENCIA_TOKEN)
            if estado["v"] != verbo:
                raise ValueError
            filtro = Filtro(
                hasta=datetime.fromisoformat(estado["h"]),
                desde=datetime.fromisoformat(estado["d"]) if estado["d"] else None,
                conjunto=estado["s"],
            )
            despues = (datetime.fromisoformat(estado["k"][0]), int(estado["k"][1]))
            cursor, total = int(estado["c"]), int(estado["t"])
        except (signing.BadSignature, ValueError, KeyError, TypeError, IndexError):
            raise ErrorOai("badResumptionToken", "El resumptionToken no es válido o ha caducado.") from None
    else:
        _formato(argumentos)
        desde, granularidad_desde = (
            _leer_fecha(argumentos["from"], final=False) if "from" in argumentos else (None, None)
        )
        hasta, granularidad_hasta = (
            _leer_fecha(argumentos["until"], final=True) if "until" in argumentos else (ahora, None)
        )
        if granularidad_desde and granularidad_hasta and granularidad_desde != granularidad_hasta:
            raise ErrorOai("badArgument", "from y until deben tener la misma granularidad.")
        if desde and desde >= hasta:
            raise ErrorOai("badArgument", "from es posterior a until.")
        # Frozen here for the whole harvest: a later datestamp belongs to the next one.
        filtro = Filtro(hasta=min(hasta, ahora), desde=desde, conjunto=argumentos.get("set"))
        despues, cursor, total = None, 0, registros.contar(filtro)
    tamano = settings.OAI_REGISTROS_POR_PAGINA
    pagina, hay_mas = registros.pagina(filtro, despues, tamano)
    if not pagina and despues is None:
        raise ErrorOai("noRecordsMatch", "Ningún documento cumple esos criterios.")
    contenido = _e(raiz, verbo)
    for registro in pagina:
        if verbo == "ListRecords":
            _registro(contenido, registro)
        else:
            _encabezado(contenido, registro)
    atributos = {"completeListSize": max(total, cursor + len(pagina)), "cursor": cursor}
    if hay_mas:
        ultimo = pagina[-1]
        token = signing.dumps(
            {
                "v": verbo,
                "h": filtro.hasta.isoformat(),
                "d": filtro.desde.isoformat() if filtro.desde else None,
                "s": filtro.conjunto,
                "k": [ultimo.fecha.isoformat(), ultimo.pk],
                "c": cursor + len(pagina),
                "t": total,
            },
            salt=SAL_TOKEN,
            compress=True,
        )
        _e(contenido, "resumptionToken", token, expirationDate=_fecha(ahora + VIGENCIA_TOKEN), **atributos)
    elif despues is not None:
        _e(contenido, "resumptionToken", "", **atributos)  # the list is complete


def list_identifiers(raiz: ET.Element, argumentos: dict[str, str]) -> None:
    _lista(raiz, argumentos, "ListIdentifiers")


def list_records(raiz: ET.Element, argumentos: dict[str, str]) -> None:
    _lista(raiz, argumentos, "ListRecords")


VERBOS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


@csrf_exempt  # harvesters POST without a session; nothing is written
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request: HttpRequest) -> HttpResponse:
    datos = request.POST if request.method == "POST" else request.GET
    raiz = ET.Element("OAI-PMH", {"xmlns": NS_OAI, f"{{{NS_XSI}}}schemaLocation": ESQUEMA_OAI})
    _e(raiz, "responseDate", _fecha(timezone.now()))
    peticion = _e(raiz, "request", registros.url_base())
    # The data are in the library's language, whatever the harvester's Accept-Language.
    with override(settings.LANGUAGE_CODE):
        try:
            verbo, argumentos = _argumentos(datos)
            peticion.attrib.update({"verb": verbo, **argumentos})
            VERBOS[verbo](raiz, argumentos)
        except ErrorOai as error:
            if error.codigo in {"badVerb", "badArgument"}:
                peticion.attrib.clear()  # the protocol: echo only the base URL then
            for hijo in list(raiz)[2:]:
                raiz.remove(hijo)
            _e(raiz, "error", error.mensaje, code=error.codigo)
    cuerpo = ET.tostring(raiz, encoding="utf-8", xml_declaration=True)
    return HttpResponse(cuerpo, content_type="text/xml; charset=utf-8")
