"""Fixtures of the follows: published things to follow, and a way to make activity around them."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from biblioteca.models import Documento, Evento, Noticia
from consorcios.models import Actividad, Consorcio, Sector
from foros.models import Foro, Tema
from miembros.models import Institucion
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores


@pytest.fixture(autouse=True)
def _espanol():
    """URLs and messages in Spanish, whatever language an earlier request left active in this thread."""
    with translation.override("es"):
        yield


@pytest.fixture(autouse=True)
def _claves_rapidas(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def sectores(db):
    sembrar_sectores()


def hace(**kwargs):
    return timezone.now() - timedelta(**kwargs)


@pytest.fixture
def consorcio(promotor):
    """A published Ecuadorian consortium of the flowers sector."""
    consorcio = crear_consorcio(
        promotor,
        nombre="Consorcio Flores del Ecuador",
        slug="flores-ecuador",
        estado=Consorcio.Estado.PUBLICADO,
        publicado_en=hace(days=30),
    )
    consorcio.sectores.add(Sector.objects.get(slug="flores"))
    return consorcio


@pytest.fixture
def pendiente(promotor):
    return crear_consorcio(promotor, nombre="Consorcio en revisión", slug="en-revision")


@pytest.fixture
def institucion(db):
    return Institucion.objects.create(nombre="Agencia de Promoción del Perú", tipo="agencia", pais="PE")


@pytest.fixture
def foro(db):
    return Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")


def consorcio_nuevo(nombre: str, *, pais: str = "CL", sector: str | None = None, institucion=None, **campos):
    consorcio = crear_consorcio(
        nombre=nombre,
        pais=pais,
        estado=Consorcio.Estado.PUBLICADO,
        publicado_en=campos.pop("publicado_en", timezone.now()),
        **campos,
    )
    if sector:
        consorcio.sectores.add(Sector.objects.get(slug=sector))
    if institucion:
        consorcio.instituciones_promotoras.add(institucion)
    return consorcio


def actividad(consorcio, titulo: str, *, dias: int = 0) -> Actividad:
    return Actividad.objects.create(
        consorcio=consorcio, titulo=titulo, fecha=timezone.localdate() - timedelta(days=dias)
    )


def documento(titulo: str, *, consorcios=(), institucion=None, paises=(), publicado_en=None, **campos) -> Documento:
    doc = Documento.objects.create(
        titulo=titulo,
        slug=f"d-{uuid.uuid4().hex[:10]}",
        tipo=Documento.Tipo.CASO,
        resumen=f"Resumen de {titulo}.",
        anio=2026,
        enlace="https://example.org/documento",
        institucion=institucion,
        paises=list(paises),
        estado=campos.pop("estado", Documento.Estado.PUBLICADO),
        publicado_en=publicado_en or timezone.now(),
        **campos,
    )
    if consorcios:
        doc.consorcios.add(*consorcios)
    return doc


def evento(titulo: str, *, pais: str) -> Evento:
    inicio = timezone.now() + timedelta(days=20)
    return Evento.objects.create(
        titulo=titulo,
        slug=f"e-{uuid.uuid4().hex[:10]}",
        descripcion="Un evento.",
        inicio=inicio,
        fin=inicio + timedelta(hours=8),
        pais=pais,
        lugar="Lima",
        estado=Evento.Estado.PUBLICADO,
    )


def noticia(titulo: str, *, eventos=()) -> Noticia:
    nueva = Noticia.objects.create(
        titulo=titulo,
        slug=f"n-{uuid.uuid4().hex[:10]}",
        resumen=f"Resumen de {titulo}.",
        cuerpo="Cuerpo.",
        estado=Noticia.Estado.PUBLICADO,
        publicada_en=timezone.now(),
    )
    nueva.eventos.add(*eventos)
    return nueva


def tema(titulo: str, *, foro, consorcio=None, pais: str = "", sector=None) -> Tema:
    return Tema.objects.create(
        foro=foro, titulo=titulo, slug=f"t-{uuid.uuid4().hex[:8]}", consorcio=consorcio, pais=pais, sector=sector
    )


@pytest.fixture
def otro_foro(db):
    return Foro.objects.create(nombre="Preguntas", slug="preguntas-red", tipo=Foro.Tipo.PREGUNTAS)
