"""Fixtures of the API: a small published world, and a client that speaks to /api/v1/."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from biblioteca.models import Documento, Evento, Noticia
from consorcios.models import Consorcio, Sector
from foros import services as foros
from foros.models import Foro
from miembros.models import Institucion
from oportunidades.models import Oportunidad
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


@pytest.fixture(autouse=True)
def sectores(db):
    sembrar_sectores()


@pytest.fixture
def api(client):
    """The test client, with the API's paths and JSON answers at hand."""

    def get(ruta: str, datos=None, **kwargs):
        return client.get("/api/v1/" + ruta.lstrip("/"), datos, **kwargs)

    return get


def documento(**campos) -> Documento:
    datos = {
        "titulo": "Guía de consorcios de origen",
        "tipo": Documento.Tipo.GUIA,
        "resumen": "Cómo formar un consorcio de origen paso a paso.",
        "anio": 2012,
        "enlace": "https://example.org/guia",
        "estado": Documento.Estado.PUBLICADO,
        "publicado_en": timezone.now(),
    }
    datos.update(campos)
    datos.setdefault("slug", f"doc-{Documento.objects.count() + 1}")
    return Documento.objects.create(**datos)


@pytest.fixture
def mundo(promotor):
    """A little of everything the API shows, all published, plus a pending consortium it must not."""
    institucion = Institucion.objects.create(nombre="Cámara de Comercio de Lima", sigla="CCL", tipo="camara", pais="PE")
    pisco = crear_consorcio(
        promotor,
        nombre="Consorcio de Productores de Pisco",
        slug="pisco",
        tipo=Consorcio.Tipo.ORIGEN,
        subtipo="",
        producto_tradicional="Pisco",
        pais="PE",
        estado=Consorcio.Estado.PUBLICADO,
        publicado_en=timezone.now(),
    )
    pisco.sectores.add(Sector.objects.get(slug="vinos-y-licores"))
    pisco.instituciones_promotoras.add(institucion)
    pisco.empresas.create(nombre="Bodega Tacama", ciudad="Ica", empleados=40)
    pisco.indicadores.create(anio=2011, numero_empresas=8, exportaciones_usd=120000)
    pisco.actividades.create(fecha=datetime.date(2012, 3, 1), tipo="feria", titulo="Feria de Ica")
    nativa = crear_consorcio(promotor, slug="nativa", estado=Consorcio.Estado.PUBLICADO, publicado_en=timezone.now())
    crear_consorcio(promotor, nombre="Consorcio pendiente", slug="pendiente")
    doc = documento(institucion=institucion, paises=["PE"])
    noticia = Noticia.objects.create(
        titulo="Nace la Red",
        titulo_pt="Nasce a Rede",
        titulo_en="The Network is born",
        slug="nace-la-red",
        resumen="Al cierre del seminario.",
        cuerpo="La Red nace.",
        estado=Noticia.Estado.PUBLICADO,
        publicada_en=timezone.now() - datetime.timedelta(days=1),
    )
    inicio = timezone.now() + datetime.timedelta(days=30)
    evento = Evento.objects.create(
        titulo="Seminario regional",
        slug="seminario",
        descripcion="En Quito.",
        inicio=inicio,
        fin=inicio + datetime.timedelta(days=2),
        estado=Evento.Estado.PUBLICADO,
    )
    foro = Foro.objects.create(
        nombre="Marcos legales", nombre_pt="Marcos legais", nombre_en="Legal frameworks", slug="marcos-legales"
    )
    tema = foros.abrir_tema(
        foro=foro, autor=promotor, titulo="¿Qué forma jurídica conviene?", fuente="Pregunto por Perú."
    )
    oportunidad = Oportunidad.objects.create(
        consorcio=pisco,
        autor=promotor,
        tipo=Oportunidad.Tipo.BUSCA_SOCIO,
        titulo="Buscamos importador de pisco en Japón",
        descripcion="Ocho bodegas de Ica.",
        paises=["PE"],
        mercados=["JP"],
        fecha_limite=timezone.localdate() + datetime.timedelta(days=30),
        estado=Oportunidad.Estado.PUBLICADA,
        publicada_en=timezone.now(),
    )
    oportunidad.sectores.add(Sector.objects.get(slug="vinos-y-licores"))
    return {
        "oportunidad": oportunidad,
        "pisco": pisco,
        "nativa": nativa,
        "institucion": institucion,
        "documento": doc,
        "noticia": noticia,
        "evento": evento,
        "foro": foro,
        "tema": tema,
    }
