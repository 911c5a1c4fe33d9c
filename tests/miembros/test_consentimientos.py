"""Consents: each recorded with its date, text version and form; listed on the member's page, where
withdrawing is one button, as easy as giving (README "Personal data")."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from boletin import services as boletin
from boletin.models import Suscriptor
from consorcios import services as consorcios
from consorcios.models import Consorcio
from miembros.models import Consentimiento

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


def _consorcio(usuario, *, publicar_contacto: bool) -> Consorcio:
    consorcio = Consorcio(
        nombre="Consorcio Sombreros de Montecristi",
        tipo=Consorcio.Tipo.ORIGEN,
        productos="Sombreros de paja toquilla",
        descripcion="Tejedoras de Montecristi.",
        pais="EC",
        ciudad="Montecristi",
        latitud=-1,
        longitud=-80,
        telefono_contacto="+593 5 000 000",
        publicar_contacto=publicar_contacto,
    )
    return consorcios.registrar_consorcio(consorcio=consorcio, usuario=usuario)


def test_subscribing_to_the_boletin_records_the_consent(cliente_promotor, promotor):
    cliente_promotor.post(reverse("boletin:cambiar_mi_suscripcion"), {"accion": "alta"})
    (consentimiento,) = Consentimiento.objects.filter(usuario=promotor)
    assert consentimiento.tipo == Consentimiento.Tipo.BOLETIN
    assert consentimiento.version == boletin.VERSION_CONSENTIMIENTO
    assert consentimiento.texto == "Recibir el boletín"
    assert consentimiento.formulario == "boletin:mi_suscripcion"
    assert consentimiento.dado_en is not None and consentimiento.vigente


def test_registering_with_the_contact_checkbox_records_the_consent(promotor):
    consorcio = _consorcio(promotor, publicar_contacto=True)
    (consentimiento,) = Consentimiento.objects.filter(usuario=promotor)
    assert consentimiento.tipo == Consentimiento.Tipo.CONTACTO_CONSORCIO
    assert consentimiento.referencia == str(consorcio.pk)
    assert consentimiento.descripcion == consorcio.nombre
    assert "Autorizo a mostrar el correo y el teléfono" in consentimiento.texto
    assert consentimiento.formulario == "consorcios:registrar"


def test_registering_without_the_checkbox_records_nothing(promotor):
    _consorcio(promotor, publicar_contacto=False)
    assert not Consentimiento.objects.exists()


def test_member_sees_their_consents_linked_from_the_profile(cliente_promotor, promotor, miembro):
    _consorcio(promotor, publicar_contacto=True)
    boletin.suscribir_miembro(usuario=promotor, idioma="es")
    boletin.suscribir_miembro(usuario=miembro, idioma="es")
    perfil = cliente_promotor.get(reverse("miembros:perfil")).content.decode()
    assert reverse("miembros:consentimientos") in perfil
    pagina = cliente_promotor.get(reverse("miembros:consentimientos")).content.decode()
    assert "Recibir el boletín de la Red por correo" in pagina
    assert "Publicar el contacto de un consorcio a los miembros: Consorcio Sombreros de Montecristi" in pagina
    assert "Autorizo a mostrar el correo y el teléfono" in pagina
    assert "Al registrar el consorcio" in pagina and "En la página «Mi suscripción al boletín»" in pagina
    assert pagina.count("Retirar este consentimiento") == 2  # the other member's consent is not here


def test_withdrawing_the_boletin_consent_unsubscribes(cliente_promotor, promotor):
    boletin.suscribir_miembro(usuario=promotor, idioma="es")
    consentimiento = Consentimiento.objects.get(usuario=promotor)
    respuesta = cliente_promotor.post(
        reverse("miembros:consentimientos"), {"consentimiento": consentimiento.pk}, follow=True
    )
    assert "Retiraste tu consentimiento" in respuesta.content.decode()
    assert "Retirado el" in respuesta.content.decode()
    assert not Suscriptor.objects.get(usuario=promotor).activo
    consentimiento.refresh_from_db()
    assert consentimiento.retirado_en is not None


def test_withdrawing_the_contact_consent_hides_the_contact(cliente_promotor, promotor, client, miembro):
    consorcio = _consorcio(promotor, publicar_contacto=True)
    consentimiento = Consentimiento.objects.get(usuario=promotor)
    cliente_promotor.post(reverse("miembros:consentimientos"), {"consentimiento": consentimiento.pk})
    consorcio.refresh_from_db()
    assert not consorcio.publicar_contacto
    assert consorcio.historial.filter(campos=["publicar_contacto"]).exists()


def test_unsubscribing_from_the_boletin_page_withdraws_the_consent(cliente_promotor, promotor):
    boletin.suscribir_miembro(usuario=promotor, idioma="es")
    cliente_promotor.post(reverse("boletin:cambiar_mi_suscripcion"), {"accion": "baja"})
    assert not Consentimiento.objects.vigentes().exists()
    # Giving it again is a new record: the history of what was agreed stays.
    cliente_promotor.post(reverse("boletin:cambiar_mi_suscripcion"), {"accion": "alta"})
    assert Consentimiento.objects.filter(usuario=promotor).count() == 2


def test_another_members_consent_cannot_be_withdrawn(cliente_promotor, miembro):
    boletin.suscribir_miembro(usuario=miembro, idioma="es")
    ajeno = Consentimiento.objects.get(usuario=miembro)
    respuesta = cliente_promotor.post(reverse("miembros:consentimientos"), {"consentimiento": ajeno.pk})
    assert respuesta.status_code == 404
    ajeno.refresh_from_db()
    assert ajeno.vigente


def test_consents_page_needs_log_in(client):
    respuesta = client.get(reverse("miembros:consentimientos"))
    assert respuesta.status_code == 302


@pytest.mark.parametrize(
    ("prefijo", "descarga", "consentimientos"),
    [
        ("", "puedes descargar tus datos", "Mis consentimientos"),
        ("/pt", "pode baixar seus dados", "Meus consentimentos"),
        ("/en", "download your data", "My consents"),
    ],
)
def test_privacy_page_says_members_download_their_data_and_see_their_consents(
    client, prefijo, descarga, consentimientos
):
    pagina = client.get(f"{prefijo}/privacidad/").content.decode()
    assert descarga in pagina
    assert consentimientos in pagina
