"""Abuse limits on the forms that write: each answers with a clear message and keeps what was typed."""

import uuid

import pytest
from django.core import mail

from biblioteca.models import Documento
from consorcios.models import Consorcio
from tests.biblioteca.conftest import pdf, subido
from tests.consorcios.conftest import datos_formulario, sembrar_sectores

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_one_victim_gets_at_most_three_confirmation_mails_an_hour(client, django_capture_on_commit_callbacks):
    for _vez in range(8):
        with django_capture_on_commit_callbacks(execute=True):
            respuesta = client.post("/boletin/suscribirse/", {"email": "victima@example.org"})
        assert respuesta.status_code == 302  # the same answer every time: nothing to learn
    assert len(mail.outbox) == 3


def test_one_address_cannot_subscribe_endless_people(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "boletin_suscripcion": "3/h/ip"}
    for i in range(3):
        assert client.post("/boletin/suscribirse/", {"email": f"p{i}@example.org"}).status_code == 302
    respuesta = client.post("/boletin/suscribirse/", {"email": "cuarta@example.org"})
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert "Demasiadas solicitudes" in html
    assert 'value="cuarta@example.org"' in html


def test_a_member_registering_too_many_consortia_is_told_and_keeps_the_form(cliente_promotor, settings):
    sembrar_sectores()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "consorcio_registro": "2/h/user"}
    for i in range(2):
        datos = datos_formulario(nombre=f"Consorcio número {i}")
        assert cliente_promotor.post("/consorcios/registrar/", datos).status_code == 302
    respuesta = cliente_promotor.post("/consorcios/registrar/", datos_formulario(nombre="Consorcio Tercero"))
    assert respuesta.status_code == 429
    assert "muchos consorcios en poco tiempo" in respuesta.content.decode()
    assert 'value="Consorcio Tercero"' in respuesta.content.decode()
    assert Consorcio.objects.count() == 2


def test_a_member_uploading_too_many_documents_is_told_and_keeps_the_form(cliente_miembro, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "documento_subida": "2/h/user"}

    def subir(titulo):
        return cliente_miembro.post(
            "/biblioteca/subir/",
            {
                "titulo": titulo,
                "tipo": Documento.Tipo.CASO,
                "resumen": "Resumen.",
                "paises": ["EC"],
                "idioma": "es",
                "anio": "2012",
                "clave_envio": str(uuid.uuid4()),
                "archivo": subido("a.pdf", pdf()),
            },
        )

    assert [subir(f"Informe {i}").status_code for i in range(2)] == [302, 302]
    respuesta = subir("Informe tercero")
    assert respuesta.status_code == 429
    assert "muchos documentos en poco tiempo" in respuesta.content.decode()
    assert 'value="Informe tercero"' in respuesta.content.decode()
    assert Documento.objects.count() == 2
