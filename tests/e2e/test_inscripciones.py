"""The biennial seminar in a real browser: a member registers, another lands on the waiting list, the first
cancels and the second's place is confirmed (and e-mailed)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from biblioteca.models import Evento, Inscripcion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _en_castellano():
    with translation.override("es"):
        yield


def _contexto(navegador, live_server, usuario, **opciones):
    cliente = Client()
    cliente.force_login(usuario)
    contexto = navegador.new_context(**opciones)
    contexto.add_cookies([{"name": "sessionid", "value": cliente.cookies["sessionid"].value, "url": live_server.url}])
    return contexto, contexto.new_page()


def test_member_registers_cancels_and_the_next_on_the_waiting_list_is_confirmed(
    live_server, navegador, promotor, miembro
):
    inicio = timezone.now() + timedelta(days=60)
    seminario = Evento.objects.create(
        titulo="Seminario regional bianual de la Red",
        slug="seminario-bianual",
        descripcion="Alianzas entre instituciones miembros.",
        inicio=inicio,
        fin=inicio + timedelta(days=2),
        lugar="Lima",
        pais="PE",
        estado=Evento.Estado.PUBLICADO,
        inscripciones_abiertas=True,
        cupo=1,
    )
    url = f"{live_server.url}{seminario.get_absolute_url()}"
    contexto_a, primera = _contexto(navegador, live_server, promotor, viewport={"width": 360, "height": 740})
    contexto_b, segunda = _contexto(navegador, live_server, miembro, viewport={"width": 1280, "height": 900})
    try:
        primera.goto(url)
        assert "Queda 1 plaza." in primera.locator(".inscripcion").inner_text()
        primera.get_by_label("Autorizo a compartir").check()
        primera.get_by_role("button", name="Inscribirme").click()
        primera.wait_for_load_state()
        assert "tu plaza está confirmada" in primera.locator(".inscripcion").inner_text()

        segunda.goto(url)
        segunda.get_by_role("button", name="Apuntarme a la lista de espera").click()
        segunda.wait_for_load_state()
        assert "Estás en la lista de espera" in segunda.locator(".inscripcion").inner_text()

        mail.outbox.clear()
        primera.get_by_role("button", name="Cancelar mi inscripción").click()
        primera.wait_for_load_state()
        # Her place went to the first on the waiting list: the event is full again for her.
        assert "Cancelaste tu inscripción." in primera.locator("body").inner_text()
        assert primera.get_by_role("button", name="Apuntarme a la lista de espera").is_visible()

        segunda.reload()
        assert "tu plaza está confirmada" in segunda.locator(".inscripcion").inner_text()
        assert [m.to for m in mail.outbox] == [[miembro.email]]
        assert Inscripcion.objects.get(usuario=miembro).estado == Inscripcion.Estado.CONFIRMADA
    finally:
        contexto_a.close()
        contexto_b.close()
