"""A program reads what the pages show now: kept answers follow every write, the date and the language."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from consorcios.models import Consorcio
from tests.consorcios.conftest import crear_consorcio

pytestmark = pytest.mark.django_db


def _slugs(respuesta) -> list[str]:
    return [fila["slug"] for fila in respuesta.json()["resultados"]]


def test_a_consortium_published_after_a_read_is_in_the_next_read(api, mundo, promotor):
    assert _slugs(api("consorcios/")) == ["nativa", "pisco"]
    crear_consorcio(promotor, slug="nuevo", estado=Consorcio.Estado.PUBLICADO, publicado_en=timezone.now())
    assert _slugs(api("consorcios/")) == ["nuevo", "nativa", "pisco"]


def test_a_consortiums_edited_firm_and_promoter_show_in_its_next_read(api, mundo):
    assert api("consorcios/pisco/").json()["empresas"][0]["nombre"] == "Bodega Tacama"
    empresa = mundo["pisco"].empresas.get()
    empresa.nombre = "Bodega Tacama S.A."
    empresa.save()
    mundo["institucion"].nombre = "Cámara de Comercio de Lima (CCL)"
    mundo["institucion"].save()
    datos = api("consorcios/pisco/").json()
    assert datos["empresas"][0]["nombre"] == "Bodega Tacama S.A."
    assert datos["instituciones_promotoras"][0]["nombre"] == "Cámara de Comercio de Lima (CCL)"


def test_an_opportunity_leaves_the_api_the_day_after_its_deadline(api, mundo):
    oportunidad = mundo["oportunidad"]
    hoy = timezone.localdate()
    oportunidad.fecha_limite = hoy
    oportunidad.save()
    noche = timezone.make_aware(datetime.datetime.combine(hoy, datetime.time(23, 50)))
    with time_machine.travel(noche, tick=False):
        assert [fila["id"] for fila in api("oportunidades/").json()["resultados"]] == [oportunidad.pk]
        assert api(f"oportunidades/{oportunidad.pk}/").status_code == 200
    # Twenty minutes later, with no write in between: the next day.
    with time_machine.travel(noche + datetime.timedelta(minutes=20), tick=False):
        assert api("oportunidades/").json()["resultados"] == []
        assert api(f"oportunidades/{oportunidad.pk}/").status_code == 404


def test_an_opportunitys_publisher_renamed_shows_in_the_next_read(api, mundo):
    assert api("oportunidades/").json()["resultados"][0]["publicador"]["nombre"] == "Consorcio de Productores de Pisco"
    mundo["pisco"].nombre = "Consorcio Pisco del Perú"
    mundo["pisco"].save()
    assert api("oportunidades/").json()["resultados"][0]["publicador"]["nombre"] == "Consorcio Pisco del Perú"


def test_each_language_gets_its_own_answer(api, mundo):
    assert api("consorcios/pisco/", {"lang": "en"}).json()["tipo_nombre"] == "Origin consortium"
    assert api("consorcios/pisco/", {"lang": "pt"}).json()["tipo_nombre"] == "Consórcio de origem"
    assert api("consorcios/pisco/").json()["tipo_nombre"] == "Consorcio de origen"
