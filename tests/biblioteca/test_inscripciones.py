"""Events that take registrations (the biennial seminar): a confirmed place within the cupo, a waiting
list that advances in order on cancellation, e-mails with the .ics, cancellation by a signed link, and
staff's attendee list and check-in without data an attendee did not agree to share."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from biblioteca import services
from biblioteca.models import Inscripcion
from miembros.models import Consentimiento, Perfil
from tests.conftest import _crear_usuario
from tests.hilos import a_la_vez

from .test_noticias_eventos import evento as nuevo_evento


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


@pytest.fixture
def seminario(db):
    return nuevo_evento(
        titulo="Seminario regional de consorcios", slug="seminario-2014", inscripciones_abiertas=True, cupo=2
    )


def _miembros(django_user_model, n: int) -> list:
    usuarios = []
    for i in range(n):
        usuario = _crear_usuario(django_user_model, f"asistente{i}@example.org")
        Perfil.objects.filter(usuario=usuario).update(nombre=f"Asistente {i}", pais="PE")
        usuario.refresh_from_db()
        usuarios.append(usuario)
    return usuarios


def _inscribir(client, usuario, evento, compartir: bool = False):
    client.force_login(usuario)
    return client.post(
        reverse("biblioteca:inscribirse", args=[evento.slug]), {"compartir_datos": "on"} if compartir else {}
    )


@pytest.mark.django_db
def test_member_registers_gets_a_confirmed_place_and_the_event_for_their_calendar(
    client, seminario, miembro, mailoutbox, django_capture_on_commit_callbacks
):
    miembro.perfil.idioma = "pt"
    miembro.perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = _inscribir(client, miembro, seminario, compartir=True)
    assert respuesta.status_code == 302
    inscripcion = Inscripcion.objects.get()
    assert inscripcion.estado == Inscripcion.Estado.CONFIRMADA and inscripcion.compartir_datos
    (correo,) = mailoutbox
    assert correo.to == [miembro.email]
    assert "confirmada" in correo.subject.lower()  # pt: "Inscrição confirmada"
    nombre, contenido, tipo = correo.attachments[0]
    assert nombre.endswith(".ics") and tipo == "text/calendar" and "BEGIN:VEVENT" in contenido
    assert Consentimiento.objects.vigentes().filter(usuario=miembro, tipo="datos_evento").exists()
    pagina = client.get(seminario.get_absolute_url()).content.decode()
    assert "tu plaza está confirmada" in pagina
    assert "Queda 1 plaza." in pagina


@pytest.mark.django_db
def test_a_double_submit_registers_once(client, seminario, miembro):
    _inscribir(client, miembro, seminario)
    _inscribir(client, miembro, seminario)
    assert Inscripcion.objects.count() == 1


@pytest.mark.django_db
def test_the_waiting_list_advances_in_order_when_a_confirmed_member_cancels(
    client, seminario, django_user_model, mailoutbox, django_capture_on_commit_callbacks
):
    primera, segunda, tercera, cuarta = _miembros(django_user_model, 4)
    for usuario in (primera, segunda, tercera, cuarta):
        _inscribir(client, usuario, seminario)
    estados = dict(Inscripcion.objects.values_list("usuario__email", "estado"))
    assert list(estados.values()) == ["confirmada", "confirmada", "en_espera", "en_espera"]
    assert "lista de espera" in client.get(seminario.get_absolute_url()).content.decode()

    mailoutbox.clear()
    client.force_login(primera)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("biblioteca:cancelar_inscripcion", args=[seminario.slug]))
    estados = dict(Inscripcion.objects.values_list("usuario__email", "estado"))
    assert estados[primera.email] == "cancelada"
    assert estados[tercera.email] == "confirmada"  # the first on the list, not the last
    assert estados[cuarta.email] == "en_espera"
    assert [m.to for m in mailoutbox] == [[tercera.email]]
    assert "Se liberó una plaza" in mailoutbox[0].body and mailoutbox[0].attachments


@pytest.mark.django_db
def test_a_larger_cupo_set_by_staff_confirms_the_waiting_list(cliente_staff, seminario, django_user_model):
    usuarios = _miembros(django_user_model, 3)
    for usuario in usuarios:
        services.inscribir(evento=seminario, usuario=usuario, compartir_datos=False)
    seminario.cupo = 3
    seminario.save()
    services.completar_cupo(evento=seminario)
    assert not Inscripcion.objects.filter(estado="en_espera").exists()


@pytest.mark.django_db(transaction=True)
def test_two_members_taking_the_last_place_at_once_do_not_overbook(django_user_model):
    evento = nuevo_evento(slug="ultima-plaza", inscripciones_abiertas=True, cupo=1)
    clientes = []
    for usuario in _miembros(django_user_model, 6):
        cliente = Client()
        cliente.force_login(usuario)
        clientes.append(cliente)
    respuestas = a_la_vez([lambda c=c: c.post(reverse("biblioteca:inscribirse", args=[evento.slug])) for c in clientes])
    assert [getattr(r, "status_code", r) for r in respuestas] == [302] * 6
    assert Inscripcion.objects.filter(estado="confirmada").count() == 1
    assert Inscripcion.objects.filter(estado="en_espera").count() == 5


@pytest.mark.django_db
def test_the_emailed_link_cancels_only_after_the_button(
    client, seminario, miembro, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.inscribir(evento=seminario, usuario=miembro, compartir_datos=True)
    enlace = re.search(r"https?://\S+/inscripcion/\S+", mailoutbox[0].body).group(0)
    ruta = "/" + enlace.split("://", 1)[1].split("/", 1)[1]
    anonimo = Client()
    assert anonimo.get(ruta).status_code == 200
    assert Inscripcion.objects.get().estado == "confirmada"  # a GET never writes
    assert "está cancelada" in anonimo.post(ruta).content.decode()
    assert Inscripcion.objects.get().estado == "cancelada"
    assert not Consentimiento.objects.vigentes().filter(usuario=miembro, tipo="datos_evento").exists()
    assert anonimo.get(ruta[:-3] + "xyz/").status_code == 404


@pytest.mark.django_db
def test_registrations_are_refused_when_closed_or_over(client, miembro):
    cerrado = nuevo_evento(slug="cerrado", inscripciones_abiertas=False)
    pasado = nuevo_evento(dias=-5, slug="pasado", inscripciones_abiertas=True)
    for evento in (cerrado, pasado):
        respuesta = _inscribir(client, miembro, evento)
        assert respuesta.status_code == 302
    assert not Inscripcion.objects.exists()
    assert "están cerradas" in client.get(pasado.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_visitors_are_asked_to_log_in_to_register(client, seminario):
    pagina = client.get(seminario.get_absolute_url()).content.decode()
    assert "para inscribirte" in pagina
    assert client.post(reverse("biblioteca:inscribirse", args=[seminario.slug])).status_code == 302
    assert not Inscripcion.objects.exists()


@pytest.mark.django_db
def test_staff_attendee_csv_names_only_those_who_agreed_to_share(client, cliente_staff, seminario, django_user_model):
    comparte, reservada = _miembros(django_user_model, 2)
    services.inscribir(evento=seminario, usuario=comparte, compartir_datos=True)
    services.inscribir(evento=seminario, usuario=reservada, compartir_datos=False)
    texto = cliente_staff.get(reverse("biblioteca:asistentes_csv", args=[seminario.slug])).content.decode()
    filas = list(csv.reader(io.StringIO(texto)))
    assert len(filas) == 3
    assert "Asistente 0" in texto and comparte.email in texto
    assert "Asistente 1" not in texto and reservada.email not in texto
    assert "(no compartió sus datos)" in texto


@pytest.mark.django_db
def test_only_staff_see_the_check_in_list_and_mark_who_came(
    cliente_staff, client, seminario, miembro, django_user_model
):
    (asistente,) = _miembros(django_user_model, 1)
    inscripcion = services.inscribir(evento=seminario, usuario=asistente, compartir_datos=False)
    url = reverse("biblioteca:asistentes", args=[seminario.slug])
    otro = Client()
    otro.force_login(miembro)
    assert otro.get(url).status_code == 404
    assert otro.get(reverse("biblioteca:asistentes_csv", args=[seminario.slug])).status_code == 404
    assert "Asistente 0" in cliente_staff.get(url).content.decode()
    cliente_staff.post(url, {"asistio": [str(inscripcion.pk)]})
    inscripcion.refresh_from_db()
    assert inscripcion.asistio


@pytest.mark.django_db
def test_the_data_export_lists_the_members_registrations(seminario, miembro):
    services.inscribir(evento=seminario, usuario=miembro, compartir_datos=False)
    (fila,) = services.datos_de_miembro(miembro)["inscripciones_eventos"]
    assert fila["evento"] == "Seminario regional de consorcios" and fila["estado"] == "confirmada"


@pytest.mark.django_db
def test_event_page_queries_do_not_grow_with_registrations(
    client, seminario, miembro, django_user_model, django_assert_max_num_queries
):
    client.force_login(miembro)
    client.get(seminario.get_absolute_url())
    with django_assert_max_num_queries(12) as pocas:
        client.get(seminario.get_absolute_url())
    for usuario in _miembros(django_user_model, 10):
        services.inscribir(evento=seminario, usuario=usuario, compartir_datos=True)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        client.get(seminario.get_absolute_url())


@pytest.mark.django_db
def test_a_visitor_sees_the_places_left_change_at_once(client, seminario, miembro):
    assert "Quedan 2 plazas." in client.get(seminario.get_absolute_url()).content.decode()
    services.inscribir(evento=seminario, usuario=miembro, compartir_datos=False)
    assert "Queda 1 plaza." in client.get(seminario.get_absolute_url()).content.decode()
