"""Review workflow: staff approve or reject, the responsables are e-mailed each time."""

import pytest
from django.core.exceptions import ValidationError

from consorcios import services
from consorcios.models import Consorcio

pytestmark = pytest.mark.django_db


def test_approval_publishes_and_emails_every_responsable(
    pendiente, miembro, staff, django_capture_on_commit_callbacks, mailoutbox
):
    pendiente.responsables.add(miembro)
    with django_capture_on_commit_callbacks(execute=True):
        services.aprobar(consorcio=pendiente, usuario=staff)
    assert Consorcio.objects.publicados().get() == pendiente
    assert sorted(m.to[0] for m in mailoutbox) == ["miembro@example.org", "promotor@example.org"]
    assert "publicado" in mailoutbox[0].subject
    assert f"/consorcios/{pendiente.slug}/" in mailoutbox[0].body


def test_rejection_emails_the_reason_to_the_responsables(
    pendiente, staff, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.rechazar(consorcio=pendiente, usuario=staff, motivo="Falta la ubicación exacta.")
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.RECHAZADO
    assert [m.to for m in mailoutbox] == [["promotor@example.org"]]
    assert "Falta la ubicación exacta." in mailoutbox[0].body


def test_responsable_who_opted_out_of_review_emails_gets_none(
    pendiente, promotor, miembro, staff, django_capture_on_commit_callbacks, mailoutbox
):
    pendiente.responsables.add(miembro)
    promotor.perfil.avisos_revision = False
    promotor.perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.aprobar(consorcio=pendiente, usuario=staff)
    assert [m.to for m in mailoutbox] == [["miembro@example.org"]]


def test_rejection_without_a_reason_is_refused(pendiente, staff):
    with pytest.raises(ValidationError):
        services.rechazar(consorcio=pendiente, usuario=staff, motivo="  ")
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.PENDIENTE


def test_admin_reject_action_without_reason_asks_again(cliente_staff, pendiente, mailoutbox):
    respuesta = cliente_staff.post(
        "/admin/consorcios/consorcio/",
        {"action": "rechazar_seleccionados", "_selected_action": [pendiente.pk], "aplicar": "1", "motivo": ""},
    )
    assert respuesta.status_code == 200
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.PENDIENTE
    assert mailoutbox == []


def test_slug_never_shadows_a_section_page(promotor):
    consorcio = Consorcio(
        nombre="Mapa",
        tipo="origen",
        productos="x",
        descripcion="x",
        pais="PE",
        latitud=0,
        longitud=0,
    )
    services.registrar_consorcio(consorcio=consorcio, usuario=promotor)
    assert consorcio.slug == "mapa-2"


def test_each_responsable_is_emailed_in_their_language(
    pendiente, promotor, miembro, staff, django_capture_on_commit_callbacks, mailoutbox
):
    pendiente.responsables.add(miembro)
    miembro.perfil.idioma = "pt"
    miembro.perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.rechazar(consorcio=pendiente, usuario=staff, motivo="Falta la ubicación.")
    por_destinatario = {m.to[0]: m for m in mailoutbox}
    assert por_destinatario["miembro@example.org"].subject.startswith("Seu consórcio não foi aprovado")
    assert "/pt/consorcios/mios/" in por_destinatario["miembro@example.org"].body
    assert por_destinatario["promotor@example.org"].subject.startswith("Su consorcio no fue aprobado")
