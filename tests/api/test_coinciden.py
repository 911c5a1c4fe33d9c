"""The API and the pages agree: for random combinations of the registry's filters, the API lists the
same consortia as the list page and the CSV export."""

from __future__ import annotations

import csv
import io
import os
import re

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hipotesis
from hypothesis import strategies as st

from consorcios.models import Consorcio, Sector
from miembros.models import Institucion
from tests.consorcios.conftest import crear_consorcio

pytestmark = pytest.mark.django_db
EJEMPLOS = int(os.environ.get("API_EJEMPLOS_COINCIDEN", 60))

REGISTRO = [
    # slug, country, kind, sectors, name and products, year, firms, life, market, region
    ("pisco", "PE", "origen", ["vinos-y-licores"], "Productores de Pisco", 1999, 8, "activo", "US", "Ica"),
    ("cafe-peru", "PE", "exportacion", ["cafe-y-cacao"], "Café de altura del Perú", 2005, 12, "activo", "DE", "Cusco"),
    ("toquilla", "EC", "origen", ["artesanias"], "Sombrero de paja toquilla", 2010, 30, "activo", "", "Manabí"),
    (
        "nativa",
        "EC",
        "exportacion",
        ["cosmetica-y-productos-naturales"],
        "Plantas nativas",
        2012,
        10,
        "en_formacion",
        "US",
        "Pichincha",
    ),
    (
        "cacao-ec",
        "EC",
        "exportacion",
        ["cafe-y-cacao", "alimentos-procesados"],
        "Cacao fino de aroma",
        2008,
        None,
        "activo",
        "JP",
        "",
    ),
    ("chulucanas", "PE", "origen", ["artesanias"], "Cerámica de Chulucanas", None, 25, "disuelto", "", "Piura"),
    ("flores-co", "CO", "exportacion", ["flores"], "Flores de Colombia", 2001, 40, "activo", "US", "Antioquia"),
    ("cafe-co", "CO", "origen", ["cafe-y-cacao"], "Café de Colombia", 1995, 100, "activo", "JP", "Caldas"),
    (
        "software",
        "CO",
        "exportacion",
        ["software-y-servicios"],
        "Software andino",
        2015,
        6,
        "en_formacion",
        "",
        "Bogotá",
    ),
    ("miel", "EC", "exportacion", ["apicultura"], "Royal Honey, mieles", 2011, 5, "activo", "DE", "Pichincha"),
]


@pytest.fixture
def registro(promotor):
    camara = Institucion.objects.create(nombre="Cámara de Comercio", tipo="camara")
    for slug, pais, tipo, sectores, nombre, anio, empresas, vida, mercado, region in REGISTRO:
        extra = {"subtipo": "ventas" if len(slug) % 2 else "promocional"} if tipo == "exportacion" else {"subtipo": ""}
        if tipo == "origen":
            extra |= {
                "producto_tradicional": nombre,
                "signo_distintivo": "denominacion_origen",
                "estado_signo": "registrado",
            }
        c = crear_consorcio(
            promotor,
            slug=slug,
            nombre=nombre,
            productos=nombre,
            pais=pais,
            tipo=tipo,
            anio_fundacion=anio,
            numero_empresas=empresas,
            estado_vida=vida,
            mercados_destino=[mercado] if mercado else [],
            region=region,
            estado=Consorcio.Estado.PUBLICADO,
            publicado_en=timezone.now(),
            **extra,
        )
        c.sectores.set(Sector.objects.filter(slug__in=sectores))
        if pais == "PE":
            c.instituciones_promotoras.add(camara)
    crear_consorcio(promotor, slug="pendiente", nombre="Café pendiente", pais="PE")  # in nothing
    return str(camara.pk)


def _filtros(institucion: str):
    """One to four filters of the list page at a time, each with a value its form accepts."""
    valores = {
        "q": ["cafe", "café", "pisco", "sombrero toquilla", "peru", "cosmetics", "ceramica", "de"],
        "tipo": ["exportacion", "origen"],
        "subtipo": ["ventas", "promocional"],
        "sector": ["cafe-y-cacao", "artesanias", "flores", "vinos-y-licores", "lacteos"],
        "pais": ["PE", "EC", "CO"],
        "region": ["pichincha", "Ica", "Lima"],
        "signo": ["denominacion_origen", "ninguno"],
        "situacion": ["activo", "en_formacion", "disuelto"],
        "fundado_desde": ["2000", "2010"],
        "fundado_hasta": ["2005", "2012"],
        "empresas_desde": ["0", "10", "50"],
        "empresas_hasta": ["10", "30"],
        "institucion": [institucion],
        "mercado": ["US", "JP", "DE"],
    }
    claves = st.lists(st.sampled_from(sorted(valores)), min_size=1, max_size=4, unique=True)
    return claves.flatmap(lambda elegidas: st.fixed_dictionaries({c: st.sampled_from(valores[c]) for c in elegidas}))


def test_api_list_page_and_csv_list_the_same_consortia_for_any_filters(client, registro, settings):
    settings.API_RATE_ANON = "100000/min"
    por_pk = dict(Consorcio.objects.values_list("pk", "slug"))
    enlace = re.compile(r'href="/consorcios/([-a-z0-9]+)/"')

    @given(filtros=_filtros(registro))
    @hipotesis(max_examples=EJEMPLOS, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def comparar(filtros):
        api = client.get("/api/v1/consorcios/", {**filtros, "limite": 200})
        assert api.status_code == 200, api.json()
        de_la_api = {c["slug"] for c in api.json()["resultados"]}
        assert {por_pk[c["id"]] for c in api.json()["resultados"]} == de_la_api
        pagina = client.get("/consorcios/", filtros)
        de_la_pagina = set(enlace.findall(pagina.content.decode())) & set(por_pk.values())
        filas = csv.DictReader(
            io.StringIO(client.get("/consorcios/consorcios.csv", filtros).content.decode("utf-8-sig"))
        )
        del_csv = {por_pk[int(fila["id"])] for fila in filas}
        assert de_la_api == de_la_pagina == del_csv, filtros
        tamanos.append(len(de_la_api))

    tamanos: list[int] = []
    comparar()
    # The draws reached both ends: combinations that find several consortia, and some that find none.
    assert max(tamanos) >= 3 and 0 in tamanos
