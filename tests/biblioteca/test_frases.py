"""Library search: phrases found through the pairs of consecutive words the search vector holds."""

from __future__ import annotations

import random
import string

import pytest
from django.db import connection

from biblioteca import busqueda
from biblioteca.models import MAX_TEXTO_EXTRAIDO, Documento

from .conftest import nuevo_documento


def _sin_frases(q: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT biblioteca_sin_frases(websearch_to_tsquery('es_unaccent', %s))::text", [q])
        return cursor.fetchone()[0]


def _encontrados(q: str) -> set[str]:
    return {d.slug for d in busqueda.filtrar({"q": q})}


@pytest.mark.django_db
def test_the_vector_holds_each_two_consecutive_words_with_the_stop_words_between_them_counted():
    documento = nuevo_documento(titulo="Consorcios de origen", resumen="", autores="")
    vector = Documento.objects.filter(pk=documento.pk).values_list("vector", flat=True).get()
    assert "'consorci~2~orig'" in vector
    assert "'consorci':1A" in vector  # the words keep their positions and weights


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("consulta", "esperada"),
    [
        ("pisco", "'pisc'"),
        ('"consorcios de origen"', "'consorci~2~orig'"),
        ('"pisco del Perú"', "'pisc~2~peru'"),
        # Three words or more: the pairs narrow the rows down, the phrase itself checks them.
        ('"pisco del Perú y Chile"', "'pisc~2~peru' & 'peru~2~chil' & 'pisc' <2> 'peru' <2> 'chil'"),
        ('"consorcios de origen" -tequila', "'consorci~2~orig' & !'tequil'"),
        ('-"consorcios de origen" pisco', "!'consorci~2~orig' & 'pisc'"),
        ('"consorcios de origen" or tequila', "'consorci~2~orig' | 'tequil'"),
        ('"l\'oréal s.a."', "'l~1~oreal' & 'oreal~1~s.a' & 'l' <-> 'oreal' <-> 's.a'"),
    ],
)
def test_phrases_become_their_pairs_of_words(consulta, esperada):
    assert _sin_frases(consulta) == esperada


@pytest.mark.django_db
def test_a_phrase_joined_to_a_group_is_left_as_it_is():
    with connection.cursor() as cursor:
        cursor.execute("SELECT biblioteca_sin_frases($$( 'a' | 'b' ) <-> 'c' <-> 'd' & 'e' <-> 'f'$$)::text")
        assert cursor.fetchone()[0] == "( 'a' | 'b' ) <-> 'c' <-> 'd' & 'e~1~f'"


@pytest.mark.django_db
def test_a_phrase_finds_its_words_in_that_order_only():
    nuevo_documento(slug="en-orden", titulo="Consorcios de origen en el Perú")
    nuevo_documento(slug="al-reves", titulo="El origen de los consorcios")
    nuevo_documento(slug="separadas", titulo="Consorcios de exportación", resumen="Productos de origen andino.")
    assert _encontrados('"consorcios de origen"') == {"en-orden"}
    assert _encontrados('"origen de los consorcios"') == {"al-reves"}
    assert _encontrados("consorcios origen") == {"en-orden", "al-reves", "separadas"}


@pytest.mark.django_db
def test_a_phrase_does_not_jump_over_a_word_that_is_not_a_stop_word():
    nuevo_documento(slug="otra-palabra", titulo="Consorcios pesqueros origen")
    assert _encontrados('"consorcios de origen"') == set()
    assert _encontrados('"consorcios pesqueros origen"') == {"otra-palabra"}


@pytest.mark.django_db
def test_a_long_phrase_needs_its_words_together_not_its_pairs_scattered():
    nuevo_documento(slug="junta", titulo="Denominación de origen protegida del pisco")
    # Both pairs of the phrase, in different places: the phrase itself is not there.
    nuevo_documento(slug="dispersa", titulo="Denominación de origen", resumen="Un origen protegido por la ley.")
    assert _encontrados('"denominación de origen protegida"') == {"junta"}


@pytest.mark.django_db
def test_a_phrase_is_found_in_the_extracted_text_and_across_accents():
    nuevo_documento(slug="texto", texto_extraido="El Código Orgánico de la Producción reconoce a los consorcios.")
    assert _encontrados('"codigo organico de la produccion"') == {"texto"}
    assert _encontrados('"Código Orgánico"') == {"texto"}


@pytest.mark.django_db
def test_a_phrase_does_not_run_from_one_field_into_the_next():
    # The vector's parts follow each other: the title's last word and the abstract's first
    # are neighbours by position, not in the text.
    nuevo_documento(slug="dos-campos", titulo="Informe de consorcios", resumen="Origen de los datos.")
    assert _encontrados('"consorcios origen"') == set()
    assert _encontrados('"informe de consorcios"') == {"dos-campos"}


def _texto_mas_largo(palabras_distintas: int) -> str:
    """MAX_TEXTO_EXTRAIDO characters of made-up words drawn from a vocabulary of that size."""
    azar = random.Random(palabras_distintas)
    vocabulario = ["".join(azar.choices(string.ascii_lowercase, k=7)) for _ in range(palabras_distintas)]
    return " ".join(azar.choice(vocabulario) for _ in range(70_000))[:MAX_TEXTO_EXTRAIDO]


def _tamano_vector(documento: Documento) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_size(vector) FROM biblioteca_documento WHERE id = %s", [documento.pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("palabras_distintas", "con_frases"), [(20_000, True), (200_000, False)])
def test_the_longest_text_allowed_keeps_the_vector_under_postgresqls_limit(palabras_distintas, con_frases):
    # Past position 16383 a tsvector puts every word in one place, and no pairs are made
    # there; a text of so many different words that its words alone take over 500 KB (a
    # spreadsheet of codes) gets no pairs. Either way the vector stays under 1 MB and saves.
    texto = _texto_mas_largo(palabras_distintas)
    documento = nuevo_documento(slug="largo", titulo="Anexo", texto_extraido=texto)
    assert _tamano_vector(documento) < 1024 * 1024
    primeras = " ".join(texto.split()[:2])
    assert _encontrados(primeras) == {"largo"}
    assert _encontrados(f'"{primeras}"') == ({"largo"} if con_frases else set())


@pytest.mark.django_db
def test_a_phrase_finds_other_forms_of_its_words_with_or_without_accents():
    nuevo_documento(slug="plural", titulo="Las denominaciones de origen del Perú")
    for q in ('"denominación de origen"', '"denominacion de origen"', '"Denominaciones de Orígen"'):
        assert _encontrados(q) == {"plural"}, q
