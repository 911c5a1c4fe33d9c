"""Joining the Red: an institution applies, staff approve or reject with a reason, the applicant is told."""

from __future__ import annotations

import uuid

import pytest

from consorcios.models import Consorcio
from miembros.models import Institucion, MiembroInstitucion

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db


def _datos(**extra) -> dict:
    return {
        "nombre": "Comisión de Promoción del Perú para la Exportación y el Turismo",
        "sigla": "PROMPERÚ",
        "tipo": "agencia",
        "pais": "PE",
        "ciudad": "Lima",
        "sitio_web": "https://www.promperu.gob.pe",
        "descripcion": "Promueve las exportaciones del Perú.",
        "motivo_solicitud": "Apoyamos consorcios de origen con la ONUDI.",
        "token_envio": str(uuid.uuid4()),
        **extra,
    }


def test_visitor_is_asked_to_log_in(client):
    assert client.get("/red/unirse/")["Location"].startswith("/cuentas/login/?next=")


def test_member_applies_and_becomes_its_first_administrator(
    client, miembro, staff, django_capture_on_commit_callbacks, mailoutbox
):
    chulucanas = crear_consorcio(nombre="Chulucanas", estado=Consorcio.Estado.PUBLICADO)
    client.force_login(miembro)
    assert "Chulucanas" in client.get("/red/unirse/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post("/red/unirse/", _datos(consorcios=[chulucanas.pk]))
    institucion = Institucion.objects.get()
    assert respuesta["Location"] == f"/red/instituciones/{institucion.slug}/"
    assert institucion.estado == Institucion.Estado.SOLICITADA
    assert institucion.consorcios_solicitados == [chulucanas.pk]
    assert not chulucanas.instituciones_promotoras.exists()  # linked only once approved
    vinculo = MiembroInstitucion.objects.get()
    assert (vinculo.usuario, vinculo.rol, vinculo.estado) == (miembro, "admin", "activo")
    miembro.perfil.refresh_from_db()
    assert miembro.perfil.institucion == institucion
    assert [m.to for m in mailoutbox] == [["staff@example.org"]]
    assert "PROMPERÚ" not in client.get("/red/instituciones/").content.decode()


def test_a_double_submit_creates_one_application(client, miembro):
    client.force_login(miembro)
    datos = _datos()
    primera = client.post("/red/unirse/", datos)
    segunda = client.post("/red/unirse/", datos)
    assert Institucion.objects.count() == 1 and MiembroInstitucion.objects.count() == 1
    assert primera["Location"] == segunda["Location"]


def test_errors_show_beside_each_field_and_keep_what_was_typed(client, miembro):
    client.force_login(miembro)
    respuesta = client.post("/red/unirse/", _datos(motivo_solicitud="", pais="", sitio_web="no es una web"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    form = respuesta.context["form"]
    assert set(form.errors) == {"motivo_solicitud", "pais", "sitio_web"}
    assert 'value="Comisión de Promoción del Perú para la Exportación y el Turismo"' in html
    assert "no es una web" in html
    assert Institucion.objects.count() == 0


def test_staff_approve_in_the_admin_after_confirming_and_the_applicant_is_emailed_in_their_language(
    cliente_staff, solicitada, promotor, django_capture_on_commit_callbacks, mailoutbox
):
    promotor.perfil.idioma = "pt"
    promotor.perfil.save()
    nativa = crear_consorcio(nombre="Nativa", estado=Consorcio.Estado.PUBLICADO)
    solicitada.consorcios_solicitados = [nativa.pk]
    solicitada.save()
    accion = {"action": "aprobar_seleccionadas", "_selected_action": [solicitada.pk]}
    pregunta = cliente_staff.post("/admin/miembros/institucion/", accion)
    assert "Cámara de Comercio de Lima" in pregunta.content.decode() and mailoutbox == []
    solicitada.refresh_from_db()
    assert solicitada.estado == Institucion.Estado.SOLICITADA  # nothing changes before the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        cliente_staff.post("/admin/miembros/institucion/", {**accion, "confirmado": "1"})
    solicitada.refresh_from_db()
    assert solicitada.estado == Institucion.Estado.MIEMBRO
    assert list(nativa.instituciones_promotoras.all()) == [solicitada]
    (mensaje,) = mailoutbox
    assert mensaje.to == ["promotor@example.org"]
    assert "Boas-vindas" in mensaje.subject and f"/red/instituciones/{solicitada.slug}/" in mensaje.body


def test_staff_reject_with_a_reason_that_the_applicant_receives(
    cliente_staff, solicitada, django_capture_on_commit_callbacks, mailoutbox
):
    accion = {"action": "rechazar_seleccionadas", "_selected_action": [solicitada.pk], "aplicar": "1"}
    assert cliente_staff.post("/admin/miembros/institucion/", {**accion, "motivo": ""}).status_code == 200
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        cliente_staff.post("/admin/miembros/institucion/", {**accion, "motivo": "No promueve consorcios."})
    solicitada.refresh_from_db()
    assert solicitada.estado == Institucion.Estado.RECHAZADA
    assert solicitada.motivo_rechazo == "No promueve consorcios."
    assert [m.to for m in mailoutbox] == [["promotor@example.org"]]
    assert "No promueve consorcios." in mailoutbox[0].body


def test_admin_lists_filters_and_searches_institutions(cliente_staff, solicitada, proecuador):
    html = cliente_staff.get("/admin/miembros/institucion/?estado__exact=solicitada").content.decode()
    assert "Cámara de Comercio de Lima" in html and "Instituto de Promoción de Exportaciones" not in html
    assert "ProEcuador" in cliente_staff.get("/admin/miembros/institucion/?q=proecuador").content.decode()
    cambio = cliente_staff.get(f"/admin/miembros/institucion/{proecuador.pk}/change/").content.decode()
    assert "promotor@example.org" in cambio  # the members inline
