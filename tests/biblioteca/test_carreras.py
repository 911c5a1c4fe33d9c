"""Uploads racing each other: every one gets a clear answer, none a 500."""

import uuid

import pytest
from django.test import Client

from biblioteca.models import Documento
from tests.hilos import a_la_vez

from .conftest import pdf, subido

URL = "/biblioteca/subir/"


def _datos(**extra) -> dict:
    return {
        "titulo": "Consorcios de exportación en Ecuador",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Cuatro consorcios creados en un tiempo récord.",
        "paises": ["EC"],
        "idioma": "es",
        "anio": "2012",
        "clave_envio": str(uuid.uuid4()),
        **extra,
    }


@pytest.mark.django_db(transaction=True)
def test_members_uploading_the_same_title_at_once_get_distinct_addresses(django_user_model):
    clientes = []
    for i in range(6):
        usuario = django_user_model.objects.create_user(username=f"m{i}", email=f"m{i}@example.org", password="x")
        cliente = Client()
        cliente.force_login(usuario)
        clientes.append(cliente)
    respuestas = a_la_vez([lambda c=c: c.post(URL, _datos(archivo=subido("a.pdf", pdf()))) for c in clientes])
    assert [getattr(r, "status_code", r) for r in respuestas] == [302] * 6
    assert len(set(Documento.objects.values_list("slug", flat=True))) == 6


@pytest.mark.django_db
def test_someone_elses_form_key_uploads_a_new_document(cliente_miembro, promotor, client):
    datos = _datos()
    cliente_miembro.post(URL, {**datos, "archivo": subido("a.pdf", pdf())})
    client.force_login(promotor)
    respuesta = client.post(URL, {**datos, "titulo": "Otro título", "archivo": subido("b.pdf", pdf())})
    assert respuesta.status_code == 302
    suyo = Documento.objects.get(subido_por=promotor)
    assert suyo.titulo == "Otro título"
    assert respuesta["Location"] == suyo.get_absolute_url()
    assert Documento.objects.count() == 2
