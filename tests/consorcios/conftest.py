"""Fixtures of the registry: consortia in each review state, and a valid form submission."""

from __future__ import annotations

import uuid
from decimal import Decimal
from importlib import import_module

import pytest
from django.utils import translation

from consorcios.models import Consorcio, Sector


@pytest.fixture(autouse=True)
def _espanol():
    """URLs and messages in Spanish, whatever language an earlier request left active in this thread."""
    with translation.override("es"):
        yield


@pytest.fixture(autouse=True)
def sectores(db):
    """The seeded vocabulary, again: transactional tests elsewhere flush what migrations inserted."""
    sembrar_sectores()


def sembrar_sectores() -> None:
    from django.apps import apps

    import_module("consorcios.migrations.0002_sectores").sembrar(apps, None)


def crear_consorcio(responsable=None, **campos) -> Consorcio:
    datos = {
        "nombre": "Consorcio Nativa Ecuador",
        "tipo": Consorcio.Tipo.EXPORTACION,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "productos": "Plantas nativas para té e infusiones",
        "descripcion": "Diez empresas de plantas aromáticas y medicinales.",
        "pais": "EC",
        "ciudad": "Quito",
        "latitud": Decimal("-0.180653"),
        "longitud": Decimal("-78.467834"),
        "estado": Consorcio.Estado.PENDIENTE,
    }
    datos.update(campos)
    datos.setdefault("slug", f"c-{uuid.uuid4().hex[:10]}")
    consorcio = Consorcio.objects.create(**datos)
    if responsable is not None:
        consorcio.responsables.add(responsable)
    return consorcio


@pytest.fixture
def pendiente(promotor):
    return crear_consorcio(promotor, nombre="Consorcio pendiente", slug="pendiente")


@pytest.fixture
def publicado(promotor):
    return crear_consorcio(promotor, nombre="Consorcio publicado", slug="publicado", estado=Consorcio.Estado.PUBLICADO)


def datos_formulario(**cambios) -> dict:
    """A complete, valid POST of the registration form (with an empty firms formset)."""
    datos = {
        "token_envio": str(uuid.uuid4()),
        "nombre": "Consorcio Royal Honey",
        "tipo": "exportacion",
        "subtipo": "ventas",
        "alcance_sectorial": "monosectorial",
        "sectores": [str(Sector.objects.get(slug="apicultura").pk)],
        "productos": "Mieles de abeja de diferentes sabores",
        "descripcion": "Cinco productores con **1100 colmenas**.",
        "signo_distintivo": "ninguno",
        "pais": "EC",
        "ciudad": "Quito",
        "latitud": "-0.18065312345",
        "longitud": "-78.4678",
        "estado_vida": "activo",
        "numero_empresas": "5",
        "sitio_web": "https://royalhoney.example.org",
        "videos": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "empresas-TOTAL_FORMS": "1",
        "empresas-INITIAL_FORMS": "0",
        "empresas-MIN_NUM_FORMS": "0",
        "empresas-MAX_NUM_FORMS": "500",
        "empresas-0-nombre": "Apícola del Valle",
        "empresas-0-ciudad": "Cayambe",
    }
    datos.update(cambios)
    return {k: v for k, v in datos.items() if v is not None}
