"""Harvests by Sickle, a harvester the project did not write: what an aggregator would get."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from biblioteca import services
from biblioteca.models import Documento, Tema

pytestmark = pytest.mark.django_db


def pk_de(identificador: str) -> int:
    return int(identificador.rsplit("/", 1)[1])


def test_harvester_gets_every_published_demo_document_exactly_once_over_several_pages(cosechadora, puente, settings):
    call_command("cargar_demo", stdout=StringIO())
    publicados = set(Documento.objects.filter(estado=Documento.Estado.PUBLICADO).values_list("pk", flat=True))
    assert len(publicados) >= 6
    settings.OAI_REGISTROS_POR_PAGINA = len(publicados) // 3

    recibidos = [pk_de(registro.header.identifier) for registro in cosechadora.ListRecords(metadataPrefix="oai_dc")]

    assert sorted(recibidos) == sorted(publicados)  # each once
    assert len(puente.peticiones) >= 3
    assert all(set(p) == {"verb", "resumptionToken"} for p in puente.peticiones[1:])


def test_a_record_carries_the_documents_dublin_core(cosechadora, crear_documento, settings):
    tema = Tema.objects.create(nombre="Denominación de origen", slug="denominacion-de-origen")
    documento = crear_documento(
        titulo="Ley de consorcios del Ecuador",
        tipo=Documento.Tipo.LEGISLACION,
        autores="Pérez, Ana; Souza, João",
        resumen="Régimen legal de los consorcios de exportación.",
        paises=["EC", "PE"],
        idioma="es",
        anio=2013,
        licencia="CC BY 4.0",
    )
    documento.temas.add(tema)

    registro = cosechadora.GetRecord(
        identifier=f"oai:redconsorcios.org:biblioteca/{documento.pk}",
        metadataPrefix="oai_dc",
    )

    dc = registro.metadata
    assert dc["title"] == ["Ley de consorcios del Ecuador"]
    assert dc["creator"] == ["Pérez, Ana", "Souza, João"]
    assert dc["subject"] == ["Denominación de origen"]
    assert dc["description"] == ["Régimen legal de los consorcios de exportación."]
    assert dc["date"] == ["2013"]
    assert "Legislación" in dc["type"]
    assert dc["language"] == ["es"]
    assert dc["coverage"] == ["Ecuador", "Perú"]
    assert dc["rights"] == ["CC BY 4.0"]
    assert dc["identifier"] == [
        f"https://redconsorcios.org/biblioteca/documentos/{documento.slug}/",
        f"oai:redconsorcios.org:biblioteca/{documento.pk}",
    ]
    assert sorted(registro.header.setSpecs) == ["pais:EC", "pais:PE", "tipo:legislacion"]


def test_selective_harvest_by_date_and_set_returns_the_right_subset(cosechadora, crear_documento):
    with time_machine.travel(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        viejo_ec = crear_documento(tipo=Documento.Tipo.LEGISLACION, paises=["EC"])
    with time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        ley_ec = crear_documento(tipo=Documento.Tipo.LEGISLACION, paises=["EC"])
        caso_pe = crear_documento(tipo=Documento.Tipo.CASO, paises=["PE"])
    with time_machine.travel(dt.datetime(2024, 9, 1, 12, tzinfo=dt.UTC), tick=False):
        crear_documento(tipo=Documento.Tipo.LEGISLACION, paises=["EC"])

    def cosechar(**argumentos):
        cabeceras = cosechadora.ListIdentifiers(metadataPrefix="oai_dc", **argumentos)
        return {pk_de(cabecera.identifier) for cabecera in cabeceras}

    assert cosechar(**{"from": "2024-05-01", "until": "2024-07-01"}) == {ley_ec.pk, caso_pe.pk}
    assert cosechar(**{"from": "2024-06-01T12:00:00Z", "until": "2024-06-01T12:00:00Z"}) == {ley_ec.pk, caso_pe.pk}
    assert cosechar(set="pais:EC", until="2024-07-01") == {viejo_ec.pk, ley_ec.pk}
    assert cosechar(set="tipo:caso") == {caso_pe.pk}


def test_a_document_published_during_a_harvest_neither_breaks_it_nor_repeats_records(
    cosechadora, crear_documento, settings
):
    settings.OAI_REGISTROS_POR_PAGINA = 2
    antes = [crear_documento() for _ in range(5)]
    registros = cosechadora.ListIdentifiers(metadataPrefix="oai_dc")
    recibidos = [pk_de(next(registros).identifier) for _ in range(2)]  # the first page

    nuevo = crear_documento(titulo="Publicado durante la cosecha")
    antes[0].titulo = "Corregido durante la cosecha"  # already harvested: its datestamp moves on
    antes[0].save()
    recibidos += [pk_de(cabecera.identifier) for cabecera in registros]

    assert sorted(recibidos) == sorted(d.pk for d in antes)
    # The next incremental harvest, from the first one's date, brings both changes.
    desde = min(nuevo.actualizado, Documento.objects.get(pk=antes[0].pk).actualizado)
    siguiente = cosechadora.ListIdentifiers(metadataPrefix="oai_dc", **{"from": f"{desde:%Y-%m-%dT%H:%M:%SZ}"})
    assert {pk_de(c.identifier) for c in siguiente} >= {nuevo.pk, antes[0].pk}


def test_an_unpublished_or_deleted_document_is_announced_as_deleted(cosechadora, crear_documento):
    sigue = crear_documento()
    retirado = crear_documento(publicado_en=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    borrado = crear_documento(publicado_en=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    nunca = crear_documento(estado=Documento.Estado.PENDIENTE)
    services.rechazar_documento(documento=retirado, motivo="Duplicado.")
    borrado_pk = borrado.pk
    Documento.objects.filter(pk=borrado_pk).delete()  # outright, as the admin's bulk action does

    registros = {pk_de(r.header.identifier): r for r in cosechadora.ListRecords(metadataPrefix="oai_dc")}

    assert set(registros) == {sigue.pk, retirado.pk, borrado_pk}
    assert nunca.pk not in registros
    assert not registros[sigue.pk].deleted
    assert registros[retirado.pk].deleted and registros[borrado_pk].deleted
    assert registros[borrado_pk].header.setSpecs == ["tipo:estudio"]
    assert cosechadora.Identify().deletedRecord == "persistent"


def test_harvesters_may_post_their_requests(puente, settings, crear_documento):
    from sickle import Sickle

    documentos = [crear_documento() for _ in range(3)]
    settings.OAI_REGISTROS_POR_PAGINA = 2
    cosechadora = Sickle(settings.SITE_URL + "/oai/", http_method="POST")

    cabeceras = cosechadora.ListIdentifiers(metadataPrefix="oai_dc")

    assert sorted(pk_de(c.identifier) for c in cabeceras) == sorted(d.pk for d in documentos)
    assert len(puente.peticiones) == 2
