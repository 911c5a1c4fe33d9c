"""Who may see and edit a consortium: outsiders 404, members 403, responsables edit, staff approve."""

import pytest

from consorcios.models import Consorcio, HistorialCambio

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_gets_404_on_pending_consortium(client, pendiente):
    assert client.get(pendiente.get_absolute_url()).status_code == 404


def test_outsider_member_gets_404_on_pending_consortium(cliente_miembro, pendiente):
    assert cliente_miembro.get(pendiente.get_absolute_url()).status_code == 404
    assert cliente_miembro.get(f"/consorcios/{pendiente.slug}/editar/").status_code == 404


def test_responsable_previews_own_pending_consortium_with_an_edit_link(cliente_promotor, pendiente):
    respuesta = cliente_promotor.get(pendiente.get_absolute_url())
    assert respuesta.status_code == 200
    assert f"/consorcios/{pendiente.slug}/editar/" in respuesta.content.decode()


def test_other_member_sees_no_edit_link(cliente_miembro, publicado):
    assert (
        f"/consorcios/{publicado.slug}/editar/"
        not in cliente_miembro.get(publicado.get_absolute_url()).content.decode()
    )


def test_anyone_sees_a_published_consortium(client, publicado):
    respuesta = client.get(publicado.get_absolute_url())
    assert respuesta.status_code == 200
    assert respuesta.content.decode().count("<h1") == 1


def test_other_member_gets_403_when_editing_a_published_consortium(cliente_miembro, publicado):
    assert cliente_miembro.get(f"/consorcios/{publicado.slug}/editar/").status_code == 403
    assert cliente_miembro.post(f"/consorcios/{publicado.slug}/editar/", {}).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in_to_edit(client, publicado):
    respuesta = client.get(f"/consorcios/{publicado.slug}/editar/")
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]


def test_responsable_edits_published_consortium_and_history_records_it(cliente_promotor, publicado, promotor):
    from .conftest import datos_formulario

    pagina = cliente_promotor.get(f"/consorcios/{publicado.slug}/editar/")
    assert pagina.status_code == 200
    datos = datos_formulario(nombre="Consorcio publicado y corregido", **_formsets_vacios())
    respuesta = cliente_promotor.post(f"/consorcios/{publicado.slug}/editar/", datos)
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    publicado.refresh_from_db()
    assert publicado.nombre == "Consorcio publicado y corregido"
    assert publicado.estado == Consorcio.Estado.PUBLICADO  # edits stay public
    cambio = publicado.historial.get()
    assert cambio.usuario == promotor
    assert cambio.accion == HistorialCambio.Accion.EDITADO
    assert "nombre" in cambio.campos


def test_rejected_consortium_goes_back_to_review_when_corrected(
    cliente_promotor, promotor, staff, django_capture_on_commit_callbacks, mailoutbox
):
    from .conftest import datos_formulario

    consorcio = crear_consorcio(promotor, estado=Consorcio.Estado.RECHAZADO, motivo_rechazo="Faltan datos")
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_promotor.post(
            f"/consorcios/{consorcio.slug}/editar/", {**datos_formulario(), **_formsets_vacios()}
        )
    assert respuesta.status_code == 302
    consorcio.refresh_from_db()
    assert consorcio.estado == Consorcio.Estado.PENDIENTE
    assert [m.to for m in mailoutbox] == [[staff.email]]


def test_staff_approve_from_the_admin_after_a_confirmation_page(cliente_staff, pendiente):
    datos = {"action": "aprobar_seleccionados", "_selected_action": [pendiente.pk]}
    pagina = cliente_staff.post("/admin/consorcios/consorcio/", datos)
    assert pagina.status_code == 200
    assert "Consorcio pendiente" in pagina.content.decode()
    assert "recibirán un correo" in pagina.content.decode()
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.PENDIENTE  # nothing happens before staff confirm
    respuesta = cliente_staff.post("/admin/consorcios/consorcio/", {**datos, "confirmado": "1"})
    assert respuesta.status_code == 302
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.PUBLICADO
    assert pendiente.publicado_en is not None


def test_staff_reject_with_a_reason_through_an_intermediate_page(cliente_staff, pendiente):
    url = "/admin/consorcios/consorcio/"
    pagina = cliente_staff.post(url, {"action": "rechazar_seleccionados", "_selected_action": [pendiente.pk]})
    assert pagina.status_code == 200
    assert "motivo" in pagina.content.decode()
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.PENDIENTE

    respuesta = cliente_staff.post(
        url,
        {
            "action": "rechazar_seleccionados",
            "_selected_action": [pendiente.pk],
            "aplicar": "1",
            "motivo": "Falta la ubicación exacta.",
        },
    )
    assert respuesta.status_code == 302
    pendiente.refresh_from_db()
    assert pendiente.estado == Consorcio.Estado.RECHAZADO
    assert pendiente.motivo_rechazo == "Falta la ubicación exacta."


def test_admin_pages_open(cliente_staff, publicado):
    assert cliente_staff.get("/admin/consorcios/consorcio/").status_code == 200
    cambio = cliente_staff.get(f"/admin/consorcios/consorcio/{publicado.pk}/change/")
    assert cambio.status_code == 200
    assert "Select an option" not in cambio.content.decode()
    assert (
        cliente_staff.get("/admin/consorcios/consorcio/?estado__exact=pendiente&tipo__exact=origen").status_code == 200
    )


def _formsets_vacios() -> dict:
    datos = {}
    for prefijo in ("empresas", "indicadores", "actividades"):
        datos.update(
            {
                f"{prefijo}-TOTAL_FORMS": "0",
                f"{prefijo}-INITIAL_FORMS": "0",
                f"{prefijo}-MIN_NUM_FORMS": "0",
                f"{prefijo}-MAX_NUM_FORMS": "500",
            }
        )
    return datos


def test_two_figures_for_the_same_year_are_refused_beside_the_formset(cliente_promotor, publicado):
    from .conftest import datos_formulario

    datos = {**datos_formulario(), **_formsets_vacios()}
    datos.update(
        {
            "indicadores-TOTAL_FORMS": "2",
            "indicadores-0-anio": "2011",
            "indicadores-0-empleos": "100",
            "indicadores-1-anio": "2011",
            "indicadores-1-empleos": "120",
        }
    )
    respuesta = cliente_promotor.post(f"/consorcios/{publicado.slug}/editar/", datos)
    assert respuesta.status_code == 200
    assert respuesta.context["indicadores"].non_form_errors()
    assert not publicado.indicadores.exists()


def test_responsable_adds_yearly_figures_and_activities(cliente_promotor, publicado):
    from .conftest import datos_formulario

    datos = {**datos_formulario(), **_formsets_vacios()}
    datos.update(
        {
            "indicadores-TOTAL_FORMS": "1",
            "indicadores-0-anio": "2012",
            "indicadores-0-exportaciones_usd": "250000",
            "actividades-TOTAL_FORMS": "1",
            "actividades-0-fecha": "2012-06-14",
            "actividades-0-tipo": "feria",
            "actividades-0-titulo": "Seminario de Quito",
        }
    )
    respuesta = cliente_promotor.post(f"/consorcios/{publicado.slug}/editar/", datos)
    assert respuesta.status_code == 302
    assert publicado.indicadores.get().exportaciones_usd == 250000
    assert publicado.actividades.get().titulo == "Seminario de Quito"
    assert {"indicadores", "actividades"} <= set(publicado.historial.get().campos)
