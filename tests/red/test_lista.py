"""The list of member institutions: filters, search, cards, constant queries, and the map layer."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from consorcios.models import Consorcio, Sector
from miembros.models import Institucion

from .conftest import crear_consorcio, crear_institucion

pytestmark = pytest.mark.django_db


def _nombres(respuesta) -> list[str]:
    return [i.nombre for i in respuesta.context["instituciones"]]


def test_visitor_sees_only_member_institutions_as_cards(client):
    crear_institucion(nombre="Promperú", sigla="PROMPERÚ", tipo=Institucion.Tipo.AGENCIA, pais="PE", ciudad="Lima")
    crear_institucion(nombre="Pendiente de revisión", estado=Institucion.Estado.SOLICITADA)
    crear_institucion(nombre="Rechazada", estado=Institucion.Estado.RECHAZADA)
    respuesta = client.get("/red/instituciones/")
    html = respuesta.content.decode()
    assert _nombres(respuesta) == ["Promperú"]
    assert html.count("<h1") == 1
    assert '<span class="monograma' in html and "(PROMPERÚ)" in html
    assert "Agencia de promoción de exportaciones o inversiones" in html and "Perú, Lima" in html
    assert "Pendiente de revisión" not in html and "Rechazada" not in html


def test_visitor_filters_by_kind_country_and_sector_of_its_consortia(client):
    flores = Sector.objects.get(slug="flores")
    proecuador = crear_institucion(nombre="ProEcuador", tipo=Institucion.Tipo.AGENCIA, pais="EC")
    mipro = crear_institucion(nombre="MIPRO", tipo=Institucion.Tipo.MINISTERIO, pais="EC")
    crear_institucion(nombre="Universidad de Florencia", tipo=Institucion.Tipo.UNIVERSIDAD, pais="IT")
    gypsophila = crear_consorcio(nombre="Gypsophila", estado=Consorcio.Estado.PUBLICADO)
    gypsophila.sectores.add(flores)
    gypsophila.instituciones_promotoras.add(proecuador, mipro)
    # A pending consortium of another sector does not count.
    crear_consorcio(nombre="Pendiente").instituciones_promotoras.add(mipro)

    assert _nombres(client.get("/red/instituciones/?tipo=ministerio")) == ["MIPRO"]
    assert _nombres(client.get("/red/instituciones/?pais=IT")) == ["Universidad de Florencia"]
    assert _nombres(client.get("/red/instituciones/?sector=flores")) == ["MIPRO", "ProEcuador"]
    assert _nombres(client.get("/red/instituciones/?sector=flores&tipo=agencia")) == ["ProEcuador"]
    # An unknown value is ignored rather than emptying the list.
    assert len(_nombres(client.get("/red/instituciones/?tipo=nada"))) == 3
    html = client.get("/red/instituciones/").content.decode()
    assert '<option value="flores">Flores</option>' in html
    assert "Promueve 1 consorcio de la Red." in html


def test_search_finds_every_word_with_or_without_accents(client):
    crear_institucion(nombre="Cámara de Comercio de Guayaquil", ciudad="Guayaquil")
    crear_institucion(nombre="Federexport", descripcion="Federación italiana de consorcios de exportación")
    assert _nombres(client.get("/red/instituciones/?q=camara guayaquil")) == ["Cámara de Comercio de Guayaquil"]
    assert _nombres(client.get("/red/instituciones/?q=FEDERACIÓN italiana")) == ["Federexport"]
    assert _nombres(client.get("/red/instituciones/?q=lima")) == []
    assert "Ninguna institución miembro coincide" in client.get("/red/instituciones/?q=lima").content.decode()


@pytest.mark.parametrize("n", [3, 40])
def test_list_query_count_does_not_grow_with_institutions(client, n, settings, django_assert_num_queries):
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    for i in range(n):
        institucion = crear_institucion(nombre=f"Institución {i:03d}")
        crear_consorcio(estado=Consorcio.Estado.PUBLICADO).instituciones_promotoras.add(institucion)
    # cold: the count + the page's rows with their consortia counts + the choices (countries, sectors)
    with django_assert_num_queries(4):
        respuesta = client.get("/red/instituciones/")
    assert len(respuesta.context["instituciones"]) == min(n, 24)
    # warm: the count, the choices and the page of cards are kept until the network changes
    with django_assert_num_queries(0):
        Client().get("/red/instituciones/")


def test_list_paginates(client):
    for i in range(30):
        crear_institucion(nombre=f"Institución {i:03d}")
    assert "Institución 029" in client.get("/red/instituciones/?page=2").content.decode()


def test_geojson_has_member_institutions_with_a_point_and_the_same_filters(client, django_assert_num_queries):
    crear_institucion(nombre="PROMPERÚ", pais="PE", slug="promperu")
    crear_institucion(nombre="Sin punto", latitud=None, longitud=None)
    crear_institucion(nombre="Solicitada", estado=Institucion.Estado.SOLICITADA)
    crear_institucion(nombre="Ministerio", tipo=Institucion.Tipo.MINISTERIO)
    with django_assert_num_queries(1):
        respuesta = client.get("/red/instituciones.geojson?tipo=agencia")
    assert respuesta["Content-Type"] == "application/geo+json"
    datos = json.loads(respuesta.content)
    assert datos["type"] == "FeatureCollection" and datos["nombre"] == "Instituciones de la Red"
    (rasgo,) = datos["features"]
    assert rasgo["geometry"] == {"type": "Point", "coordinates": [-78.4678, -0.1807]}
    assert rasgo["properties"] == {
        "nombre": "PROMPERÚ",
        "tipo": "Agencia de promoción de exportaciones o inversiones",
        "url": "/red/instituciones/promperu/",
    }
    # The registry map's query string (a consortium kind) does not empty the layer.
    assert len(json.loads(client.get("/red/instituciones.geojson?tipo=origen").content)["features"]) == 2
    en = json.loads(client.get("/en/red/instituciones.geojson").content)
    assert en["nombre"] == "Institutions of the Network"
