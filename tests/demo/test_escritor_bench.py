"""The writer of the benchmark's mixed-load pass writes through the production code paths."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comun.cache import generaciones
from consorcios.models import Consorcio
from foros.models import Mensaje

pytestmark = pytest.mark.django_db


@pytest.fixture
def datos_tiny():
    call_command("generar_datos", escala="tiny", stdout=StringIO())


def test_a_forum_post_moves_only_the_forums_generation(datos_tiny):
    antes, mensajes = generaciones("consorcios", "biblioteca", "foros"), Mensaje.objects.count()
    salida = StringIO()
    call_command("escritor_bench", foros=True, segundos=0.2, stdout=salida)
    despues = generaciones("consorcios", "biblioteca", "foros")
    assert Mensaje.objects.count() == mensajes + 1
    assert despues["foros"] > antes["foros"]
    assert (despues["consorcios"], despues["biblioteca"]) == (antes["consorcios"], antes["biblioteca"])
    assert salida.getvalue().splitlines() == ["escribiendo", "1 mensajes, 0 consorcios guardados"]


def test_saving_a_consortium_moves_the_registrys_generation(datos_tiny):
    antes = generaciones("consorcios")["consorcios"]
    ultimo = Consorcio.objects.publicados().order_by("-pk").first().actualizado
    call_command("escritor_bench", foros=True, consorcios=True, segundos=0.2, stdout=StringIO())
    assert generaciones("consorcios")["consorcios"] > antes
    assert Consorcio.objects.publicados().order_by("-pk").first().actualizado > ultimo


def test_the_writer_needs_something_to_write(datos_tiny):
    with pytest.raises(CommandError):
        call_command("escritor_bench", stdout=StringIO())
