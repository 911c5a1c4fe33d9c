"""A member's own opportunities and interests are in their data export; erasing the account keeps
the consortium's opportunity without its author and drops the member's interests."""

from __future__ import annotations

import pytest

from oportunidades import services
from oportunidades.models import Interes
from redconsorcios import baja, exportacion

from .conftest import crear_oportunidad

pytestmark = pytest.mark.django_db


def test_the_export_holds_what_they_wrote_and_what_they_were_interested_in(consorcio, promotor, miembro):
    propia = crear_oportunidad(consorcio=consorcio, autor=promotor, titulo="Buscamos importador de miel")
    ajena = crear_oportunidad(titulo="Ofrecemos cacao fino")
    services.registrar_interes(oportunidad=ajena, miembro=promotor)
    services.registrar_interes(oportunidad=propia, miembro=miembro)
    datos = exportacion.datos_de(promotor)
    assert [o["titulo"] for o in datos["oportunidades"]] == ["Buscamos importador de miel"]
    assert [i["oportunidad"] for i in datos["intereses_oportunidades"]] == ["Ofrecemos cacao fino"]
    assert "miembro@example.org" not in str(datos)


def test_erasing_an_account_keeps_the_opportunity_without_its_author(consorcio, promotor, miembro):
    propia = crear_oportunidad(consorcio=consorcio, autor=promotor)
    ajena = crear_oportunidad(titulo="Ofrecemos cacao fino")
    services.registrar_interes(oportunidad=ajena, miembro=promotor)
    baja.borrar_cuenta(promotor, conservar_mensajes=True)
    propia.refresh_from_db()
    assert propia.autor is None and propia.consorcio == consorcio
    assert not Interes.objects.exists()
