"""Slow searches computed ahead: the summaries of frequent words, kept exact by the library's version."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biblioteca import busqueda
from biblioteca.models import Documento, ResumenPrecalculado, VersionBiblioteca
from redconsorcios.cache import invalidar

from .conftest import nuevo_documento


def _version() -> int:
    return VersionBiblioteca.objects.get(pk=1).valor


@pytest.fixture
def biblioteca_de_origen(db):
    for i in range(6):
        nuevo_documento(titulo=f"Consorcio de origen {i}", paises=["PE"], anio=2008 + i)
    nuevo_documento(titulo="Sombreros de Montecristi", paises=["EC"], tipo=Documento.Tipo.CASO)


def test_a_precomputed_word_is_answered_without_reading_the_matching_rows(
    client, biblioteca_de_origen, django_assert_num_queries
):
    vivo = busqueda.calcular({"q": "consorcios"})
    assert busqueda.precalcular(["consorcio"]) == 1
    # The summary of the current version, by the words' tsquery (any form of the word);
    # the page of results by primary key. No SET LOCAL, no pass over the matches.
    with django_assert_num_queries(2):
        respuesta = client.get("/biblioteca/", {"q": "Consorcios"})
    facetas = respuesta.context["facetas"]
    assert facetas.total == vivo.total == 6
    assert [(f.valor, f.cantidad) for f in facetas.pais] == [("PE", 6)]
    assert [d.pk for d in respuesta.context["documentos"]] == vivo.relevancia
    assert busqueda.resumir({"q": "consorcio"}) == vivo


def test_the_library_without_words_is_precomputed_too(client, biblioteca_de_origen, django_assert_num_queries):
    assert busqueda.precalcular([""]) == 1
    with django_assert_num_queries(2):  # the summary; the newest 20 by primary key
        respuesta = client.get("/biblioteca/")
    assert respuesta.context["facetas"].total == 7


def test_a_search_with_filters_is_always_computed_live(client, biblioteca_de_origen, django_assert_num_queries):
    busqueda.precalcular(["consorcio"])
    with django_assert_num_queries(4):  # the library's version; SET LOCAL; the pass over the matches; the page
        respuesta = client.get("/biblioteca/", {"q": "consorcio", "tipo": Documento.Tipo.ESTUDIO})
    assert respuesta.context["facetas"].total == 6


def test_after_a_save_the_old_summary_is_never_read(client, biblioteca_de_origen):
    busqueda.precalcular(["consorcio"])
    nuevo_documento(titulo="Consorcio de origen en Uruguay", paises=["UY"])
    respuesta = client.get("/biblioteca/", {"q": "consorcio"})
    assert respuesta.context["facetas"].total == 7
    assert "Uruguay" in [faceta.etiqueta for faceta in respuesta.context["facetas"].pais]
    # Computed again for the new version: then read again.
    assert busqueda.precalcular(["consorcio"]) == 1
    assert busqueda.resumir({"q": "consorcio"}).total == 7
    assert ResumenPrecalculado.objects.get().version == _version()


def test_every_write_to_the_documents_moves_the_version_even_without_django(biblioteca_de_origen):
    antes = _version()
    Documento.objects.update(anio=2012)  # a bulk update sends no signal
    assert _version() == antes + 1
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM biblioteca_documento WHERE titulo LIKE 'Sombreros%%'")
    assert _version() == antes + 2


def test_a_second_run_skips_what_is_current_and_a_run_stops_when_the_library_changes(biblioteca_de_origen, monkeypatch):
    assert busqueda.precalcular(["", "consorcio"]) == 2
    assert busqueda.precalcular(["", "consorcio"]) == 0  # a second task for the same save
    nuevo_documento(titulo="Consorcio de origen en Bolivia", paises=["BO"])
    calcular = busqueda.calcular

    def calcular_y_guardar_otro(valores):
        nuevo_documento(titulo="Otro consorcio a la vez")  # a save while the task runs
        return calcular(valores)

    monkeypatch.setattr(busqueda, "calcular", calcular_y_guardar_otro)
    # The first summary is stored under the version read before it (so it is never read);
    # the run then stops: that save queued the next one.
    assert busqueda.precalcular(["", "consorcio"]) == 1
    assert not ResumenPrecalculado.objects.filter(version=_version()).exists()


def test_frequent_words_come_from_the_statistics_of_the_search_vector(db, settings):
    for i in range(30):
        nuevo_documento(titulo=f"Tequila artesanal {i}" if i < 20 else f"Cacao fino {i}")
    assert busqueda.palabras_frecuentes(5) == []  # no statistics before ANALYZE
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE biblioteca_documento")
    frecuentes = busqueda.palabras_frecuentes(15)
    assert {"tequil", "artesanal"} <= set(frecuentes)
    assert "cac" not in frecuentes and "cacao" not in frecuentes
    # A full run computes the library without words and each frequent word, and drops the rest.
    ResumenPrecalculado.objects.create(consulta="'olvid'", version=0, total=0, cuentas={}, relevancia=[], fecha=[])
    settings.BIBLIOTECA_PRECALCULAR_DESDE = 15
    assert busqueda.precalcular() == len(busqueda.palabras_frecuentes(15)) + 1
    assert busqueda.resumir({"q": "tequila"}).total == 20
    assert not ResumenPrecalculado.objects.filter(consulta="'olvid'").exists()


def test_saving_a_document_queues_the_precomputation_once_committed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        nuevo_documento(titulo="Consorcio de origen")
    # The immediate backend of the tests ran the task: the library without words is current.
    assert ResumenPrecalculado.objects.get(consulta="").version == _version()


def test_a_write_elsewhere_in_the_portal_does_not_make_a_search_computed_again(
    client, biblioteca_de_origen, django_assert_num_queries
):
    filtrada = {"q": "consorcio", "pais": "PE"}  # with a filter: never computed ahead
    with django_assert_num_queries(4):  # the library's version; SET LOCAL; the pass over the matches; the page
        client.get("/biblioteca/", filtrada)
    invalidar()  # what a forum post or a consortium's save does: every page and kept value is stale
    # The summary is kept under the library's own version, which that write did not move.
    with django_assert_num_queries(2) as consultas:  # the library's version; the page by primary key
        respuesta = client.get("/biblioteca/", filtrada)
    assert not any("GROUPING" in consulta["sql"] for consulta in consultas.captured_queries)
    assert respuesta.context["facetas"].total == 6


def test_a_write_to_the_documents_makes_a_kept_search_computed_again(client, biblioteca_de_origen):
    filtrada = {"q": "consorcio", "pais": "PE"}
    assert client.get("/biblioteca/", filtrada).context["facetas"].total == 6
    Documento.objects.filter(titulo="Sombreros de Montecristi").update(titulo="Consorcio de Montecristi", paises=["PE"])
    invalidar()  # as the update's caller does; the library's version moved with the write itself
    assert client.get("/biblioteca/", filtrada).context["facetas"].total == 7


def test_with_the_derived_data_cache_off_every_search_is_computed(client, biblioteca_de_origen, settings):
    settings.CACHE_PAGINAS_SEGUNDOS = settings.CACHE_DATOS_SEGUNDOS = 0  # the benchmark's cold pass
    filtrada = {"q": "consorcio", "pais": "PE"}
    for _vez in range(2):
        with CaptureQueriesContext(connection) as consultas:
            client.get("/biblioteca/", filtrada)
        assert any("GROUPING" in consulta["sql"] for consulta in consultas.captured_queries)
