"""Records that stay true: responsables confirm their data once a year ("Datos verificados el …"), are
reminded after 12 months, the page warns after 18; their edits to a published record stay public and
wait for staff to look at them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consorcios import services
from consorcios.models import Consorcio, HistorialCambio

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db

AVISO = "pueden estar desactualizados"


@pytest.fixture
def aprobado(promotor, staff):
    consorcio = crear_consorcio(promotor, nombre="Consorcio Cacao Fino", slug="cacao-fino")
    return services.aprobar(consorcio=consorcio, usuario=staff)


def test_approval_verifies_the_record_and_its_page_says_since_when(client, aprobado):
    assert aprobado.verificado_en is not None
    pagina = client.get(aprobado.get_absolute_url()).content.decode()
    assert "Datos verificados el" in pagina
    assert AVISO not in pagina


def test_responsables_are_reminded_once_after_a_year_in_their_language(
    aprobado, promotor, miembro, mailoutbox, time_machine, django_capture_on_commit_callbacks
):
    promotor.perfil.idioma = "pt"
    promotor.perfil.save()
    aprobado.responsables.add(miembro)
    time_machine.move_to(timezone.now() + timedelta(days=364))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recordar_verificaciones() == 0
    time_machine.move_to(timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recordar_verificaciones", verbosity=0)
    destinatarios = sorted(tuple(m.to) for m in mailoutbox)
    assert destinatarios == [(miembro.email,), (promotor.email,)]
    portugues = next(m for m in mailoutbox if m.to == [promotor.email])
    assert "Consorcio Cacao Fino" in portugues.subject and "vigentes" in portugues.subject  # pt: "vigentes" too
    assert reverse("consorcios:editar", args=[aprobado.slug]) in portugues.body
    # Once per verification: the next day's run sends nothing more.
    time_machine.move_to(timezone.now() + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recordar_verificaciones() == 0
    assert len(mailoutbox) == 2


def test_after_eighteen_months_the_page_warns_and_staff_see_it(client, cliente_staff, staff, aprobado, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=549))
    cliente_staff.force_login(staff)  # the session from before the jump has expired
    pagina = client.get(aprobado.get_absolute_url()).content.decode()
    assert AVISO in pagina
    assert list(Consorcio.objects.desactualizados()) == [aprobado]
    lista = cliente_staff.get(reverse("admin:consorcios_consorcio_changelist") + "?vigencia=desactualizados")
    assert "Consorcio Cacao Fino" in lista.content.decode()


def test_a_responsable_confirms_the_data_and_the_warning_goes(client, promotor, aprobado, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=600))
    assert AVISO in client.get(aprobado.get_absolute_url()).content.decode()
    responsable = client.__class__()
    responsable.force_login(promotor)
    respuesta = responsable.post(reverse("consorcios:verificar", args=[aprobado.slug]))
    assert respuesta["Location"] == reverse("consorcios:editar", args=[aprobado.slug])
    aprobado.refresh_from_db()
    assert aprobado.verificado_en.date() == timezone.now().date()
    assert HistorialCambio.objects.filter(consorcio=aprobado, accion=HistorialCambio.Accion.VERIFICADO).exists()
    assert AVISO not in client.get(aprobado.get_absolute_url()).content.decode()


def test_only_responsables_confirm_and_only_published_records(cliente_miembro, client, aprobado, pendiente, promotor):
    assert cliente_miembro.post(reverse("consorcios:verificar", args=[aprobado.slug])).status_code == 403
    assert cliente_miembro.post(reverse("consorcios:verificar", args=[pendiente.slug])).status_code == 404
    assert cliente_miembro.get(reverse("consorcios:verificar", args=[aprobado.slug])).status_code == 405
    client.force_login(promotor)
    assert client.post(reverse("consorcios:verificar", args=[pendiente.slug])).status_code == 403


def test_an_edit_to_a_published_record_stays_public_and_is_listed_for_staff(
    client, cliente_staff, aprobado, promotor, staff
):
    def guardar(c):
        c.productos = "Cacao fino de aroma y chocolate"
        c.save()

    services.actualizar(consorcio=aprobado, usuario=promotor, campos=["productos"], guardar=guardar)
    aprobado.refresh_from_db()
    assert aprobado.es_publico and aprobado.cambios_por_revisar
    assert "chocolate" in client.get(aprobado.get_absolute_url()).content.decode()
    url = reverse("admin:consorcios_consorcio_changelist")
    assert "Consorcio Cacao Fino" in cliente_staff.get(url + "?vigencia=cambios").content.decode()

    cliente_staff.post(url, {"action": "marcar_revisados", "_selected_action": [aprobado.pk]})
    aprobado.refresh_from_db()
    assert not aprobado.cambios_por_revisar
    assert HistorialCambio.objects.filter(consorcio=aprobado, accion=HistorialCambio.Accion.REVISADO).exists()
    assert "Consorcio Cacao Fino" not in cliente_staff.get(url + "?vigencia=cambios").content.decode()
