"""Demo data: the report's debates, loaded twice without duplicates, counters right, no e-mail."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from foros.models import Foro, Mensaje, Tema

pytestmark = pytest.mark.django_db


def test_demo_forums_load_twice_without_duplicates_and_with_right_counters(client):
    call_command("cargar_demo", stdout=StringIO())
    numeros = (Foro.objects.count(), Tema.objects.count(), Mensaje.objects.count())
    call_command("cargar_demo", stdout=StringIO())
    assert (Foro.objects.count(), Tema.objects.count(), Mensaje.objects.count()) == numeros
    assert set(Foro.objects.values_list("nombre", flat=True)) >= {
        "Consorcios de exportación",
        "Consorcios de origen e indicaciones geográficas",
        "Marcos legales",
        "Anuncios",
    }
    assert Foro.objects.get(slug="anuncios").solo_staff
    for tema in Tema.objects.all():
        assert tema.respuestas == tema.mensajes.count() - 1
        assert tema.ultimo_mensaje == tema.mensajes.latest("creado")
    assert Tema.objects.filter(destacado=True).count() >= 3
    assert Tema.objects.filter(titulo__icontains="Montecristi").exists()
    assert mail.outbox == []
    assert "Montecristi" in client.get("/foros/buscar/", {"q": "sombreros montecristi"}).content.decode()
    for tema in Tema.objects.all():
        assert client.get(tema.get_absolute_url()).status_code == 200
