"""Staff review opportunities as they review consortia: approve after a confirmation page, reject
with a reason; the editors are e-mailed each time, in their language."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oportunidades import services
from oportunidades.models import Oportunidad

from .conftest import crear_oportunidad

pytestmark = pytest.mark.django_db


@pytest.fixture
def pendiente(consorcio):
    return crear_oportunidad(consorcio=consorcio, estado=Oportunidad.Estado.PENDIENTE, publicada_en=None)


def test_staff_approve_in_the_admin_after_confirming_and_the_editors_are_emailed(
    cliente_staff, pendiente, django_capture_on_commit_callbacks, mailoutbox
):
    datos = {"action": "aprobar_seleccionadas", "_selected_action": [pendiente.pk]}
    confirmacion = cliente_staff.post("/admin/oportunidades/oportunidad/", datos)
    assert confirmacion.status_code == 200 and pendiente.titulo in confirmacion.content.decode()
    pendiente.refresh_from_db()
    assert pendiente.estado == Oportunidad.Estado.PENDIENTE  # nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        cliente_staff.post("/admin/oportunidades/oportunidad/", {**datos, "confirmado": "1"})
    pendiente.refresh_from_db()
    assert pendiente.estado == Oportunidad.Estado.PUBLICADA and pendiente.publicada_en is not None
    assert [m.to for m in mailoutbox] == [["promotor@example.org"]]
    assert pendiente.get_absolute_url() in mailoutbox[0].body


def test_staff_reject_with_a_reason_the_editors_read(
    cliente_staff, pendiente, promotor, django_capture_on_commit_callbacks, mailoutbox
):
    datos = {"action": "rechazar_seleccionadas", "_selected_action": [pendiente.pk]}
    assert "motivo" in cliente_staff.post("/admin/oportunidades/oportunidad/", datos).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cliente_staff.post(
            "/admin/oportunidades/oportunidad/", {**datos, "aplicar": "1", "motivo": "Indique el mercado buscado."}
        )
    pendiente.refresh_from_db()
    assert pendiente.estado == Oportunidad.Estado.RECHAZADA
    assert "Indique el mercado buscado." in mailoutbox[0].body
    cliente_staff.force_login(promotor)
    assert "Indique el mercado buscado." in cliente_staff.get("/oportunidades/mias/").content.decode()


def test_a_rejection_without_a_reason_is_refused(cliente_staff, pendiente, staff, mailoutbox):
    with pytest.raises(ValidationError):
        services.rechazar(oportunidad=pendiente, por=staff, motivo="  ")
    respuesta = cliente_staff.post(
        "/admin/oportunidades/oportunidad/",
        {"action": "rechazar_seleccionadas", "_selected_action": [pendiente.pk], "aplicar": "1", "motivo": ""},
    )
    assert respuesta.status_code == 200
    pendiente.refresh_from_db()
    assert pendiente.estado == Oportunidad.Estado.PENDIENTE and mailoutbox == []


def test_each_editor_is_emailed_in_their_language(
    pendiente, promotor, miembro, staff, django_capture_on_commit_callbacks, mailoutbox
):
    pendiente.consorcio.responsables.add(miembro)
    miembro.perfil.idioma = "en"
    miembro.perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.aprobar(oportunidad=pendiente, por=staff)
    asuntos = {m.to[0]: m.subject for m in mailoutbox}
    assert asuntos["promotor@example.org"].startswith("Su oportunidad fue publicada")
    assert asuntos["miembro@example.org"].startswith("Your opportunity was published")


def test_the_admin_lists_filters_and_searches(cliente_staff, pendiente):
    for consulta in ("", "?estado__exact=pendiente", "?tipo__exact=busca_socio", "?pais=EC", "?q=miel"):
        respuesta = cliente_staff.get(f"/admin/oportunidades/oportunidad/{consulta}")
        assert respuesta.status_code == 200 and pendiente.titulo in respuesta.content.decode(), consulta
    assert cliente_staff.get(f"/admin/oportunidades/oportunidad/{pendiente.pk}/change/").status_code == 200


def test_the_constraint_one_publisher_is_said_in_words(pendiente, institucion):
    pendiente.institucion = institucion
    with pytest.raises(ValidationError, match="solo uno de los dos"):
        pendiente.full_clean()


def test_staff_editing_the_sectors_in_the_admin_updates_the_search_labels(cliente_staff, pendiente):
    from consorcios.models import Sector

    respuesta = cliente_staff.get(f"/admin/oportunidades/oportunidad/{pendiente.pk}/change/")
    assert respuesta.status_code == 200
    datos = {
        "titulo": pendiente.titulo,
        "tipo": pendiente.tipo,
        "estado": pendiente.estado,
        "motivo_rechazo": "",
        "consorcio": pendiente.consorcio_id,
        "descripcion": pendiente.descripcion,
        "sectores": [Sector.objects.get(slug="flores").pk],
        "productos": pendiente.productos,
        "paises": ["EC"],
        "mercados": ["JP"],
        "fecha_limite": pendiente.fecha_limite.isoformat(),
        "intereses-TOTAL_FORMS": "0",
        "intereses-INITIAL_FORMS": "0",
    }
    assert cliente_staff.post(f"/admin/oportunidades/oportunidad/{pendiente.pk}/change/", datos).status_code == 302
    pendiente.refresh_from_db()
    assert "Flores" in pendiente.etiquetas and "Flowers" in pendiente.etiquetas
