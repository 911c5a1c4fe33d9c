"""Matchmaking of cooperation opportunities: the consortia that fit each one, and why."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from afinidades.calculo import recalcular, recalcular_oportunidades
from afinidades.services import consorcios_para, oportunidades_para
from oportunidades.models import Oportunidad
from tests.afinidades.test_afinidades import _consorcio
from tests.oportunidades.conftest import crear_oportunidad

pytestmark = pytest.mark.django_db


def test_an_opportunity_lists_the_consortia_that_fit_it_with_reasons():
    royal = _consorcio("Royal Honey", pais="EC", productos="Mieles de abeja", mercados_destino=["JP"])
    chulucanas = _consorcio("Apícola de Chulucanas", pais="PE", productos="Miel de abeja")
    _consorcio("Cerámica de Chulucanas", pais="PE", sectores=("artesanias",), productos="Cerámica")
    oportunidad = crear_oportunidad(
        productos="Miel orgánica",
        paises=["EC"],
        mercados=["JP"],
        sectores=["apicultura"],
        consorcio=None,
        institucion=None,
    )
    recalcular()
    recalcular_oportunidades()
    afines = consorcios_para(oportunidad)
    assert [a.consorcio for a in afines] == [royal, chulucanas]
    assert "mismo producto: miel" in afines[0].razones[0] or "mismo producto: mieles" in afines[0].razones[0]
    assert "mismo país: Ecuador" in afines[0].razones
    assert "ya exporta a un mercado buscado: Japón" in afines[0].razones
    assert "frontera común: Perú" in afines[1].razones
    assert [o.oportunidad for o in oportunidades_para(royal)] == [oportunidad]


def test_an_opportunity_never_fits_the_consortium_that_publishes_it():
    propio = _consorcio("Apícola que publica", productos="Miel")
    oportunidad = crear_oportunidad(consorcio=propio, productos="Miel", sectores=["apicultura"])
    otro = _consorcio("Otra apícola", productos="Miel")
    recalcular()
    recalcular_oportunidades()
    assert [a.consorcio for a in consorcios_para(oportunidad)] == [otro]


def test_expired_or_closed_opportunities_are_offered_to_no_one():
    apicola = _consorcio("Apícola", productos="Miel")
    oportunidad = crear_oportunidad(productos="Miel", sectores=["apicultura"])
    recalcular()
    recalcular_oportunidades()
    assert oportunidades_para(apicola)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert oportunidades_para(apicola) == []  # past its deadline, even before the next computation
    Oportunidad.objects.filter(pk=oportunidad.pk).update(estado=Oportunidad.Estado.CERRADA)
    recalcular_oportunidades()
    assert oportunidades_para(apicola) == []


def test_publishing_an_opportunity_computes_its_consortia_in_the_background(django_capture_on_commit_callbacks):
    apicola = _consorcio("Apícola", productos="Miel")
    recalcular()
    with django_capture_on_commit_callbacks(execute=True) as tareas:
        oportunidad = crear_oportunidad(productos="Miel", sectores=["apicultura"])
    assert tareas
    assert [a.consorcio for a in consorcios_para(oportunidad)] == [apicola]


def test_the_opportunity_page_shows_its_consortia_with_constant_queries(client, django_assert_num_queries):
    _consorcio("Apícola 0", productos="Miel")
    oportunidad = crear_oportunidad(productos="Miel", sectores=["apicultura"])
    recalcular()
    recalcular_oportunidades()
    html = client.get(oportunidad.get_absolute_url()).content.decode()
    assert "Consorcios que encajan" in html and "Apícola 0" in html
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    recalcular_oportunidades()  # new matches: the page's kept column is made again, as below
    with CaptureQueriesContext(connection) as pocas:
        client.get(oportunidad.get_absolute_url())
    assert len(pocas) > 1  # the fragment was made again (a kept one costs only the opportunity)
    consultas = len(pocas)
    for n in range(1, 8):
        _consorcio(f"Apícola {n}", productos="Miel", sectores=("apicultura", "cafe-y-cacao"))
    recalcular()
    recalcular_oportunidades()
    with django_assert_num_queries(consultas):
        html = client.get(oportunidad.get_absolute_url()).content.decode()
    assert "Apícola 7" in html or "Apícola 1" in html  # the new matches show at once


def test_a_visitor_sees_new_matches_once_the_background_task_wrote_them(client):
    oportunidad = crear_oportunidad(productos="Miel", sectores=["apicultura"])
    _consorcio("Apícola de Loja", productos="Miel")  # its matches are computed after commit, by a task
    assert "Apícola de Loja" not in client.get(oportunidad.get_absolute_url()).content.decode()  # kept now
    recalcular()
    recalcular_oportunidades()  # the task: a raw statement, no signal
    assert "Apícola de Loja" in client.get(oportunidad.get_absolute_url()).content.decode()
