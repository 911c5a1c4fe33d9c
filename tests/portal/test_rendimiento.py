"""Performance rules the benchmark relies on: synthetic data is consistent, every page the
benchmark measures runs a number of queries that does not grow with the data, cached pages
are served compressed, and an unchanged map answers 304."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from biblioteca.models import Documento
from consorcios.models import Consorcio, EmpresaMiembro
from demo import bench
from demo.sinteticos import biblioteca as biblioteca_sinteticos
from demo.sinteticos import consorcios as consorcios_sinteticos
from demo.sinteticos import foros as foros_sinteticos
from demo.sinteticos import miembros as miembros_sinteticos
from demo.sinteticos import oportunidades as oportunidades_sinteticas
from demo.sinteticos.foros import MENSAJES_REFERENCIA, tema_de_referencia
from foros.models import Mensaje, Tema
from oportunidades.models import Oportunidad


@pytest.fixture
def datos_tiny(db):
    call_command("generar_datos", escala="tiny", stdout=io.StringIO())


def test_tiny_scale_generates_published_consortia_with_firms_and_sectors(datos_tiny):
    consorcios = Consorcio.objects.publicados().filter(slug__startswith="sint-")
    assert consorcios.count() == 60
    assert not consorcios.filter(sectores__isnull=True).exists()
    assert set(EmpresaMiembro.objects.values("consorcio").annotate(n=Count("pk")).values_list("n", flat=True)) == {3}
    assert not consorcios.filter(descripcion_html="").exists()
    # Inside Latin America: between Mexico's north and Patagonia, the Pacific and Brazil's east.
    assert not consorcios.exclude(latitud__range=(-56, 33), longitud__range=(-118, -34)).exists()


def test_tiny_scale_generates_searchable_documents(datos_tiny, client):
    documentos = Documento.objects.publicados().filter(slug__startswith="sint-")
    assert documentos.count() == 200
    assert not documentos.filter(vector__isnull=True).exists()
    frecuente = client.get("/biblioteca/", {"q": bench.PALABRA_FRECUENTE}).context["pagina"].paginator.count
    rara = client.get("/biblioteca/", {"q": bench.PALABRA_RARA}).context["pagina"].paginator.count
    assert 0 < rara < frecuente


def test_tiny_scale_keeps_forum_counters_and_vectors_right(datos_tiny):
    assert Mensaje.objects.count() == 300
    assert not Mensaje.objects.filter(busqueda__isnull=True).exists()
    for tema in Tema.objects.annotate(n=Count("mensajes"), ultimo=Max("mensajes")):
        assert tema.respuestas == tema.n - 1
        assert tema.ultimo_mensaje_id == tema.ultimo
        assert tema.ultima_actividad == Mensaje.objects.get(pk=tema.ultimo).creado
    assert tema_de_referencia().mensajes.count() == MENSAJES_REFERENCIA


def test_generating_twice_adds_nothing(datos_tiny):
    antes = (Consorcio.objects.count(), Documento.objects.count(), Mensaje.objects.count())
    call_command("generar_datos", escala="tiny", stdout=io.StringIO())
    assert (Consorcio.objects.count(), Documento.objects.count(), Mensaje.objects.count()) == antes


def _consultas_por_pagina(usuario) -> dict[str, int]:
    anonimo, privado = Client(), Client()
    privado.force_login(usuario)
    cuentas = {}
    for pagina in bench.paginas():
        cliente = privado if pagina.get("privada") else anonimo
        cliente.get(pagina["ruta"], secure=True)  # per-process caches warm, as on a running server
        with CaptureQueriesContext(connection) as consultas:
            respuesta = cliente.get(pagina["ruta"], secure=True)
        assert respuesta.status_code == 200, pagina["ruta"]
        cuentas[pagina["nombre"]] = len(consultas)
    return cuentas


@pytest.mark.django_db
@override_settings(CACHE_PAGINAS_SEGUNDOS=0, FOROS_MENSAJES_POR_PAGINA=50)
def test_benchmark_pages_run_the_same_queries_with_three_times_the_data(miembro):
    miembros_sinteticos.generar({}, io.StringIO())
    cuentas = []
    for cantidades in (
        {"consorcios": 40, "documentos": 60, "mensajes": 150},
        {"consorcios": 120, "documentos": 180, "mensajes": 450},
    ):
        with transaction.atomic():
            Oportunidad.objects.all().delete()  # the generator adds them once: again for each size
            for modulo in (consorcios_sinteticos, biblioteca_sinteticos, foros_sinteticos, oportunidades_sinteticas):
                modulo.generar(cantidades, io.StringIO())
            cuentas.append(_consultas_por_pagina(miembro))
            transaction.set_rollback(True)
    pequena, grande = cuentas
    # every page type, a consortium, the 50-post topic and the API's two included; the network's five
    # (institutions, an institution, promoters, a promoter, "Únete"); the opportunities' list, one
    # opportunity and their API; Mi red and the conversations' inbox (with a session)
    assert len(pequena) == 26
    assert pequena == grande
    anonimas = {nombre for nombre in pequena if "(con sesión)" not in nombre}
    assert all(pequena[nombre] <= 8 for nombre in anonimas), pequena


@pytest.mark.django_db
@pytest.mark.parametrize("segundos", [600, 0], ids=["cache", "sin-cache"])
def test_an_unchanged_map_answers_304_and_a_change_gives_a_new_etag(client, settings, segundos):
    settings.CACHE_PAGINAS_SEGUNDOS = segundos
    cliente = Client()
    primera = cliente.get("/consorcios/mapa.geojson")
    etag = primera["ETag"]
    revalidada = cliente.get("/consorcios/mapa.geojson", headers={"if-none-match": etag})
    assert revalidada.status_code == 304
    assert revalidada.content == b""
    call_command("generar_datos", escala="tiny", stdout=io.StringIO())
    cambiada = Client().get("/consorcios/mapa.geojson", headers={"if-none-match": etag})
    assert cambiada.status_code == 200
    assert cambiada["ETag"] != etag
