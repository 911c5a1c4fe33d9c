"""Fixtures of the network: institutions in each state, their administrators and promoters."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.utils import translation

from miembros import services as miembros
from miembros.models import Institucion, MiembroInstitucion, Perfil
from tests.conftest import _crear_usuario
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

__all__ = ["crear_consorcio", "crear_institucion", "crear_promotor", "vincular"]

_contador = itertools.count(1)


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


@pytest.fixture(autouse=True)
def sectores(db):
    sembrar_sectores()


def crear_institucion(**campos) -> Institucion:
    n = next(_contador)
    datos = {
        "nombre": f"Institución {n}",
        "tipo": Institucion.Tipo.AGENCIA,
        "pais": "EC",
        "ciudad": "Quito",
        "latitud": Decimal("-0.180653"),
        "longitud": Decimal("-78.467834"),
        "estado": Institucion.Estado.MIEMBRO,
        **campos,
    }
    return Institucion.objects.create(**datos)


def vincular(institucion, usuario, *, rol=MiembroInstitucion.Rol.PROMOTOR, estado=MiembroInstitucion.Estado.ACTIVO):
    return MiembroInstitucion.objects.create(institucion=institucion, usuario=usuario, rol=rol, estado=estado)


@pytest.fixture
def proecuador(promotor):
    """A member institution whose administrator is the promotor persona."""
    institucion = crear_institucion(nombre="Instituto de Promoción de Exportaciones", sigla="ProEcuador", slug="pro")
    vincular(institucion, promotor, rol=MiembroInstitucion.Rol.ADMINISTRADOR)
    return institucion


@pytest.fixture
def solicitada(promotor):
    """An application waiting for staff, sent by the promotor persona."""
    institucion = crear_institucion(nombre="Cámara de Comercio de Lima", estado=Institucion.Estado.SOLICITADA)
    vincular(institucion, promotor, rol=MiembroInstitucion.Rol.ADMINISTRADOR)
    return institucion


def crear_promotor(django_user_model, nombre: str, *, campos=tuple(Perfil.CampoPublico.values), **perfil):
    """A member whose promoter profile publishes ``campos`` (all by default), consent recorded."""
    usuario = _crear_usuario(django_user_model, f"{texto_correo(nombre)}@example.org")
    datos = {"rol": Perfil.Rol.PROMOTOR, "nombre": nombre, **perfil}
    Perfil.objects.filter(usuario=usuario).update(**datos)
    usuario.perfil.refresh_from_db()
    miembros.publicar_perfil(perfil=usuario.perfil, campos=list(campos))
    return usuario


def texto_correo(nombre: str) -> str:
    return "".join(c for c in nombre.lower() if c.isalnum()) or "promotor"
