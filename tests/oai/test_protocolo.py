"""The protocol's answers as a harvester reads them: Identify, formats, sets, and every error code."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biblioteca.models import Documento

from .conftest import NS, codigo_de_error

pytestmark = pytest.mark.django_db


def test_identify_announces_persistent_deletions_and_second_granularity(oai, crear_documento, settings):
    with time_machine.travel(dt.datetime(2012, 6, 11, 9, 30, tzinfo=dt.UTC), tick=False):
        crear_documento()
    crear_documento()

    raiz = oai(verb="Identify")

    identify = raiz.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == settings.SITE_URL + "/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2012-06-11T09:30:00Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert raiz.find("oai:request", NS).get("verb") == "Identify"


def test_list_sets_offers_each_document_type_and_the_countries_with_documents(oai, crear_documento):
    crear_documento(paises=["EC", "BR"])

    conjuntos = {
        c.findtext("oai:setSpec", namespaces=NS): c.findtext("oai:setName", namespaces=NS)
        for c in oai(verb="ListSets").iterfind("oai:ListSets/oai:set", NS)
    }

    assert conjuntos["tipo:legislacion"] == "Legislación"
    assert conjuntos["pais:EC"] == "Ecuador"
    assert conjuntos["pais:BR"] == "Brasil"
    assert "pais:PE" not in conjuntos


@pytest.mark.parametrize(
    "argumentos",
    [{}, {"verb": "Harvest"}, {"verb": ["Identify", "ListSets"]}],
    ids=["no verb", "unknown verb", "repeated verb"],
)
def test_bad_verb(oai, argumentos):
    raiz = oai(**argumentos)

    assert codigo_de_error(raiz) == "badVerb"
    assert raiz.find("oai:request", NS).attrib == {}


@pytest.mark.parametrize(
    "argumentos",
    [
        {"verb": "ListRecords"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "Identify", "set": "tipo:caso"},
        {"verb": "ListIdentifiers", "metadataPrefix": ["oai_dc", "oai_dc"]},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-13-01"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-01-01", "until": "2024-02-01T00:00:00Z"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-02-01", "until": "2024-01-01"},
    ],
    ids=[
        "missing prefix",
        "missing identifier",
        "argument of another verb",
        "repeated argument",
        "token with other arguments",
        "impossible date",
        "mixed granularities",
        "from after until",
    ],
)
def test_bad_argument(oai, argumentos):
    raiz = oai(**argumentos)

    assert codigo_de_error(raiz) == "badArgument"
    assert raiz.find("oai:request", NS).attrib == {}


@pytest.mark.parametrize("verbo", ["ListRecords", "ListIdentifiers", "GetRecord"])
def test_cannot_disseminate_another_format_than_dublin_core(oai, crear_documento, verbo):
    documento = crear_documento()
    argumentos = {"identifier": f"oai:redconsorcios.org:biblioteca/{documento.pk}"} if verbo == "GetRecord" else {}

    assert codigo_de_error(oai(verb=verbo, metadataPrefix="marc21", **argumentos)) == "cannotDisseminateFormat"


def test_an_unknown_or_never_published_identifier_does_not_exist(oai, crear_documento):
    pendiente = crear_documento(estado=Documento.Estado.PENDIENTE)

    for identificador in [
        "oai:redconsorcios.org:biblioteca/999999",
        "otra-cosa",
        f"oai:redconsorcios.org:biblioteca/{pendiente.pk}",
    ]:
        assert codigo_de_error(oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=identificador)) == (
            "idDoesNotExist"
        )
        assert codigo_de_error(oai(verb="ListMetadataFormats", identifier=identificador)) == "idDoesNotExist"


def test_no_records_match_an_empty_selection(oai, crear_documento):
    crear_documento(tipo=Documento.Tipo.CASO)

    assert codigo_de_error(oai(verb="ListRecords", metadataPrefix="oai_dc", set="tipo:video")) == "noRecordsMatch"
    assert codigo_de_error(oai(verb="ListRecords", metadataPrefix="oai_dc", set="otra:cosa")) == "noRecordsMatch"
    assert codigo_de_error(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2000-01-01")) == "noRecordsMatch"


def test_forged_expired_or_misused_resumption_tokens_are_refused(oai, crear_documento, settings):
    settings.OAI_REGISTROS_POR_PAGINA = 1
    crear_documento(), crear_documento()
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as reloj:
        token = oai(verb="ListIdentifiers", metadataPrefix="oai_dc").findtext(
            "oai:ListIdentifiers/oai:resumptionToken", namespaces=NS
        )
        assert codigo_de_error(oai(verb="ListIdentifiers", resumptionToken=token)) is None
        falso = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
        otro_secreto = signing.dumps({"v": "ListIdentifiers"}, key="x" * 50, salt="oai.resumptionToken")

        assert codigo_de_error(oai(verb="ListIdentifiers", resumptionToken=falso)) == "badResumptionToken"
        assert codigo_de_error(oai(verb="ListIdentifiers", resumptionToken=otro_secreto)) == "badResumptionToken"
        assert codigo_de_error(oai(verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
        assert codigo_de_error(oai(verb="ListSets", resumptionToken=token)) == "badResumptionToken"
        reloj.shift(dt.timedelta(days=2))
        assert codigo_de_error(oai(verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"


def test_no_metadata_formats_nor_no_set_hierarchy_arise(oai, crear_documento):
    """Every record, a deleted one included, has oai_dc; the repository has sets."""
    documento = crear_documento()
    identificador = f"oai:redconsorcios.org:biblioteca/{documento.pk}"
    documento.delete()

    formatos = oai(verb="ListMetadataFormats", identifier=identificador)
    assert formatos.findtext("oai:ListMetadataFormats/oai:metadataFormat/oai:metadataPrefix", namespaces=NS) == "oai_dc"
    assert codigo_de_error(oai(verb="ListSets")) is None


def test_resumption_tokens_state_the_list_size_and_the_cursor(oai, crear_documento, settings):
    settings.OAI_REGISTROS_POR_PAGINA = 2
    for _ in range(5):
        crear_documento()
    vistos, argumentos, cursores = 0, {"metadataPrefix": "oai_dc"}, []
    while True:
        lista = oai(verb="ListIdentifiers", **argumentos).find("oai:ListIdentifiers", NS)
        vistos += len(lista.findall("oai:header", NS))
        token = lista.find("oai:resumptionToken", NS)
        if token is None or not token.text:
            break
        cursores.append((token.get("cursor"), token.get("completeListSize")))
        argumentos = {"resumptionToken": token.text}

    assert vistos == 5
    assert cursores == [("0", "5"), ("2", "5")]
    assert (token.get("cursor"), token.get("completeListSize"), token.text) == ("4", "5", None)


def test_a_page_of_records_takes_the_same_queries_for_few_or_many_documents_and_writes_nothing(client, crear_documento):
    def consultas() -> list[str]:
        with CaptureQueriesContext(connection) as contexto:
            respuesta = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
        assert respuesta.status_code == 200
        return [q["sql"] for q in contexto.captured_queries]

    for _ in range(3):
        crear_documento(paises=["EC"])
    pocas = consultas()
    for _ in range(30):
        crear_documento(paises=["PE"])
    muchas = consultas()

    # Count documents, count tombstones, the documents' page, their topics, the tombstones' page.
    assert len(pocas) == len(muchas) == 5
    assert all(sql.startswith("SELECT") for sql in muchas)
