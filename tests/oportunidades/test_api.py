"""The API's opportunities agree with the list page, take its filters, answer 400 to a bad value and
carry no member's data."""

from __future__ import annotations

import re

import pytest

from oportunidades.models import Oportunidad

from .conftest import crear_institucion, crear_oportunidad

pytestmark = pytest.mark.django_db


@pytest.fixture
def varias(consorcio, promotor):
    institucion = crear_institucion(nombre="Cámara de Comercio de Lima", slug="ccl", pais="PE")
    crear_oportunidad(consorcio=consorcio, autor=promotor, titulo="Miel para Japón", sectores=["apicultura"])
    crear_oportunidad(
        institucion=institucion,
        tipo=Oportunidad.Tipo.CONSORCIO_BINACIONAL,
        titulo="Cacao binacional",
        paises=["PE", "EC"],
        mercados=["DE"],
        sectores=["cafe-y-cacao"],
    )
    crear_oportunidad(consorcio=consorcio, titulo="Quinua pendiente", estado=Oportunidad.Estado.PENDIENTE)


@pytest.mark.parametrize(
    "filtros",
    [{}, {"tipo": "consorcio_binacional"}, {"pais": "EC"}, {"mercado": "JP"}, {"sector": "apicultura"},
     {"publicador": "institucion"}, {"q": "cacao"}, {"q": "japon", "pais": "EC"}],
)  # fmt: skip
def test_the_api_and_the_list_page_agree(client, varias, filtros):
    pagina = client.get("/oportunidades/", filtros).content.decode()
    en_la_pagina = {int(pk) for pk in re.findall(r'data-oportunidad="(\d+)"', pagina)}
    respuesta = client.get("/api/v1/oportunidades/", filtros).json()
    assert {o["id"] for o in respuesta["resultados"]} == en_la_pagina


def test_an_opportunity_shows_its_publisher_and_never_its_author(client, varias, promotor):
    miel = Oportunidad.objects.get(titulo="Miel para Japón")
    datos = client.get(f"/api/v1/oportunidades/{miel.pk}/").json()
    assert datos["publicador"]["tipo"] == "consorcio" and datos["publicador"]["nombre"] == "Consorcio Royal Honey"
    assert datos["mercados"] == ["JP"] and datos["sectores"] == [{"clave": "apicultura", "nombre": "Apicultura"}]
    assert promotor.email not in str(datos) and "autor" not in datos
    pendiente = Oportunidad.objects.get(titulo="Quinua pendiente")
    assert client.get(f"/api/v1/oportunidades/{pendiente.pk}/").status_code == 404


def test_a_bad_filter_value_answers_400(client, varias):
    assert client.get("/api/v1/oportunidades/", {"tipo": "nada"}).status_code == 400


def test_the_labels_follow_the_language(client, varias):
    datos = client.get("/api/v1/oportunidades/", {"lang": "en", "tipo": "consorcio_binacional"}).json()
    assert datos["resultados"][0]["tipo_nombre"] == "Proposes a binational consortium"
