"""Library search: phrases through PostgreSQL's own phrase search (positions in the stored vector)."""

from __future__ import annotations

import random
import string

import pytest
from django.db import connection

from biblioteca import busqueda
from biblioteca.models import MAX_TEXTO_EXTRAIDO, Documento

from .conftest import nuevo_documento


def _encontrados(q: str) -> set[str]:
    return {d.slug for d in busqueda.filtrar({"q": q})}


@pytest.mark.django_db
def test_the_vector_keeps_each_words_position_and_weight():
    documento = nuevo_documento(titulo="Consorcios de origen", resumen="", autores="")
    vector = Documento.objects.filter(pk=documento.pk).values_list("vector", flat=True).get()
    assert "'consorci':1A" in vector
    assert "'orig':3A" in vector  # the stop word keeps its place: "de" is position 2
    assert "~" not in vector  # plain lexemes only


@pytest.mark.django_db
def test_a_phrase_finds_its_words_in_that_order_only():
    nuevo_documento(slug="en-orden", titulo="Consorcios de origen en el Perú")
    nuevo_documento(slug="al-reves", titulo="El origen de los consorcios")
    nuevo_documento(slug="separadas", titulo="Consorcios de exportación", resumen="Productos de origen andino.")
    assert _encontrados('"consorcios de origen"') == {"en-orden"}
    assert _encontrados('"origen de los consorcios"') == {"al-reves"}
    assert _encontrados("consorcios origen") == {"en-orden", "al-reves", "separadas"}


@pytest.mark.django_db
def test_a_stop_word_in_a_phrase_holds_the_place_of_one_word_as_in_postgresql():
    nuevo_documento(slug="otra-palabra", titulo="Consorcios pesqueros origen")
    assert _encontrados('"consorcios de origen"') == {"otra-palabra"}  # 'consorci' <2> 'orig'
    assert _encontrados('"consorcios origen"') == set()  # adjacent: not here
    assert _encontrados('"consorcios de la costa"') == set()
    assert _encontrados('"consorcios pesqueros origen"') == {"otra-palabra"}


@pytest.mark.django_db
def test_a_long_phrase_needs_its_words_together_not_scattered():
    nuevo_documento(slug="junta", titulo="Denominación de origen protegida del pisco")
    nuevo_documento(slug="dispersa", titulo="Denominación de origen", resumen="Un origen protegido por la ley.")
    assert _encontrados('"denominación de origen protegida"') == {"junta"}


@pytest.mark.django_db
def test_a_phrase_is_found_in_the_extracted_text_and_across_accents():
    nuevo_documento(slug="texto", texto_extraido="El Código Orgánico de la Producción reconoce a los consorcios.")
    assert _encontrados('"codigo organico de la produccion"') == {"texto"}
    assert _encontrados('"Código Orgánico"') == {"texto"}


@pytest.mark.django_db
def test_a_phrase_finds_other_forms_of_its_words_with_or_without_accents():
    nuevo_documento(slug="plural", titulo="Las denominaciones de origen del Perú")
    for q in ('"denominación de origen"', '"denominacion de origen"', '"Denominaciones de Orígen"'):
        assert _encontrados(q) == {"plural"}, q


@pytest.mark.django_db
def test_the_longest_text_allowed_keeps_the_vector_under_postgresqls_limit():
    azar = random.Random(20_000)
    vocabulario = ["".join(azar.choices(string.ascii_lowercase, k=7)) for _ in range(20_000)]
    texto = " ".join(azar.choice(vocabulario) for _ in range(70_000))[:MAX_TEXTO_EXTRAIDO]
    documento = nuevo_documento(slug="largo", titulo="Anexo", texto_extraido=texto)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_size(vector) FROM biblioteca_documento WHERE id = %s", [documento.pk])
        assert cursor.fetchone()[0] < 1024 * 1024
    primeras = " ".join(texto.split()[:2])
    assert _encontrados(f'"{primeras}"') == {"largo"}
