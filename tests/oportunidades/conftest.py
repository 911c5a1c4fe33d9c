"""Fixtures of cooperation opportunities: a consortium and an institution with their editors, and
opportunities in each state."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from consorcios.models import Consorcio, Sector
from miembros.models import MiembroInstitucion
from oportunidades.models import Oportunidad
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores
from tests.red.conftest import crear_institucion, vincular

__all__ = ["crear_consorcio", "crear_institucion", "crear_oportunidad", "datos_formulario", "vincular"]

_contador = itertools.count(1)


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


@pytest.fixture(autouse=True)
def sectores(db):
    sembrar_sectores()


def crear_oportunidad(**campos) -> Oportunidad:
    """A published, current opportunity of a new consortium unless told otherwise."""
    sectores = campos.pop("sectores", [])
    n = next(_contador)
    datos = {
        "tipo": Oportunidad.Tipo.BUSCA_SOCIO,
        "titulo": f"Buscamos importador de miel orgánica {n}",
        "descripcion": "Cinco productores con **1100 colmenas** buscan un importador.",
        "productos": "Miel orgánica, propóleo",
        "paises": ["EC"],
        "mercados": ["JP"],
        "fecha_limite": timezone.localdate() + timedelta(days=30),
        "estado": Oportunidad.Estado.PUBLICADA,
        "publicada_en": timezone.now(),
        **campos,
    }
    if datos.get("consorcio") is None and datos.get("institucion") is None:
        datos["consorcio"] = crear_consorcio(nombre=f"Consorcio {n}", estado=Consorcio.Estado.PUBLICADO)
    oportunidad = Oportunidad.objects.create(**datos)
    if sectores:
        oportunidad.sectores.set(Sector.objects.filter(slug__in=sectores))
        oportunidad.actualizar_etiquetas()
    return oportunidad


@pytest.fixture
def consorcio(promotor):
    """A published consortium whose responsable is the promotor persona."""
    return crear_consorcio(
        promotor, nombre="Consorcio Royal Honey", slug="royal-honey", estado=Consorcio.Estado.PUBLICADO
    )


@pytest.fixture
def institucion(promotor):
    """A member institution where the promotor persona is an active promoter."""
    institucion = crear_institucion(nombre="Instituto de Promoción de Exportaciones", sigla="ProEcuador", slug="pro")
    vincular(institucion, promotor, rol=MiembroInstitucion.Rol.PROMOTOR)
    return institucion


@pytest.fixture
def publicada(consorcio):
    return crear_oportunidad(consorcio=consorcio, titulo="Buscamos importador de miel en Japón")


def datos_formulario(**cambios) -> dict:
    """A complete, valid POST of the publish form."""
    import uuid

    datos = {
        "token_envio": str(uuid.uuid4()),
        "tipo": "busca_socio",
        "titulo": "Buscamos importador de miel orgánica en Japón",
        "descripcion": "Cinco productores con **1100 colmenas** <script>alert(1)</script>.",
        "sectores": [str(Sector.objects.get(slug="apicultura").pk)],
        "productos": "Miel orgánica",
        "paises": ["EC"],
        "mercados": ["JP"],
        "fecha_limite": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    datos.update(cambios)
    return datos
