"""Registrations racing each other: every one gets a clear answer, none a 500."""

import uuid
from decimal import Decimal

import pytest
from django.test import Client

from consorcios import services
from consorcios.models import Consorcio
from tests.hilos import a_la_vez

from .conftest import datos_formulario, sembrar_sectores

URL = "/consorcios/registrar/"


@pytest.mark.django_db(transaction=True)
def test_people_registering_the_same_name_at_once_get_distinct_addresses(django_user_model):
    sembrar_sectores()
    clientes = []
    for i in range(8):
        usuario = django_user_model.objects.create_user(username=f"p{i}", email=f"p{i}@example.org", password="x")
        cliente = Client()
        cliente.force_login(usuario)
        clientes.append(cliente)
    respuestas = a_la_vez([lambda c=c: c.post(URL, datos_formulario()) for c in clientes])
    assert [getattr(r, "status_code", r) for r in respuestas] == [302] * 8
    slugs = sorted(Consorcio.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 8
    assert "consorcio-royal-honey" in slugs


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_creates_one_consortium(promotor):
    sembrar_sectores()
    datos = datos_formulario()
    clientes = [Client() for _ in range(4)]
    for cliente in clientes:
        cliente.force_login(promotor)
    respuestas = a_la_vez([lambda c=c: c.post(URL, datos) for c in clientes])
    assert [getattr(r, "status_code", r) for r in respuestas] == [302] * 4
    assert Consorcio.objects.count() == 1


@pytest.mark.django_db
def test_someone_elses_form_token_registers_a_new_consortium(cliente_promotor, miembro, client):
    datos = datos_formulario()
    cliente_promotor.post(URL, datos)
    client.force_login(miembro)
    respuesta = client.post(URL, {**datos, "nombre": "Consorcio Nativa Ecuador"})
    assert respuesta.status_code == 302
    assert respuesta["Location"].endswith("/consorcios/mios/")
    suyo = Consorcio.objects.get(responsables=miembro)
    assert suyo.nombre == "Consorcio Nativa Ecuador"
    assert suyo.token_envio != uuid.UUID(datos["token_envio"])
    assert Consorcio.objects.count() == 2


@pytest.mark.django_db
def test_a_slug_taken_between_the_check_and_the_insert_is_retried(promotor, monkeypatch):
    from .conftest import crear_consorcio

    crear_consorcio(nombre="Otro", slug="consorcio-royal-honey")
    # The check saw the slug free (as in a race), the insert meets the unique key.
    monkeypatch.setattr(
        services, "_slug_libre", lambda nombre, al_azar=False: f"consorcio-royal-honey{'-x' if al_azar else ''}"
    )
    nuevo = Consorcio(
        nombre="Consorcio Royal Honey",
        tipo="exportacion",
        pais="EC",
        ciudad="Quito",
        productos="Miel",
        latitud=Decimal("-0.18"),
        longitud=Decimal("-78.47"),
    )
    services.registrar_consorcio(consorcio=nuevo, usuario=promotor)
    assert nuevo.slug == "consorcio-royal-honey-x"
