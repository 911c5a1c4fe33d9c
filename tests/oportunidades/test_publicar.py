"""Only editors publish: a consortium's responsables for it, an institution's active members for it;
bad input answered beside the field with everything kept; a double submit makes one record."""

from __future__ import annotations

import pytest
from django.core import mail

from miembros.models import MiembroInstitucion
from oportunidades.models import Oportunidad

from .conftest import crear_consorcio, crear_institucion, datos_formulario, vincular

pytestmark = pytest.mark.django_db


def test_a_responsable_publishes_for_their_consortium_and_staff_are_told(
    cliente_promotor, consorcio, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_promotor.post(f"/oportunidades/publicar/consorcio/{consorcio.slug}/", datos_formulario())
    assert respuesta.status_code == 302 and respuesta["Location"] == "/oportunidades/mias/"
    oportunidad = Oportunidad.objects.get()
    assert oportunidad.consorcio == consorcio and oportunidad.institucion is None
    assert oportunidad.estado == Oportunidad.Estado.PENDIENTE
    assert [s.slug for s in oportunidad.sectores.all()] == ["apicultura"]
    # Markdown sanitised at write time: the script is text, the bold is markup.
    assert "<strong>1100 colmenas</strong>" in oportunidad.descripcion_html
    assert "<script>" not in oportunidad.descripcion_html
    assert "Apicultura" in oportunidad.etiquetas and "Japan" in oportunidad.etiquetas
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "Royal Honey" in mail.outbox[0].body


def test_an_active_member_publishes_for_their_institution(cliente_promotor, institucion):
    respuesta = cliente_promotor.post(f"/oportunidades/publicar/institucion/{institucion.slug}/", datos_formulario())
    assert respuesta.status_code == 302
    assert Oportunidad.objects.get().institucion == institucion


def test_a_member_who_is_not_responsable_gets_403_and_an_unpublished_consortium_404(
    cliente_miembro, consorcio, promotor
):
    assert cliente_miembro.get(f"/oportunidades/publicar/consorcio/{consorcio.slug}/").status_code == 403
    assert (
        cliente_miembro.post(f"/oportunidades/publicar/consorcio/{consorcio.slug}/", datos_formulario()).status_code
        == 403
    )
    pendiente = crear_consorcio(promotor, slug="pendiente")
    assert cliente_miembro.get("/oportunidades/publicar/consorcio/pendiente/").status_code == 404
    # Its own responsable sees it, but may publish only for a published consortium.
    cliente_miembro.force_login(promotor)
    assert cliente_miembro.get(f"/oportunidades/publicar/consorcio/{pendiente.slug}/").status_code == 403
    assert not Oportunidad.objects.exists()


def test_a_link_that_is_not_active_does_not_let_publish_for_an_institution(client, miembro):
    institucion = crear_institucion(slug="camara")
    client.force_login(miembro)
    assert client.get("/oportunidades/publicar/institucion/camara/").status_code == 403
    vincular(institucion, miembro, estado=MiembroInstitucion.Estado.PEDIDO)
    assert client.get("/oportunidades/publicar/institucion/camara/").status_code == 403
    MiembroInstitucion.objects.filter(usuario=miembro).update(estado=MiembroInstitucion.Estado.ACTIVO)
    assert client.get("/oportunidades/publicar/institucion/camara/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, consorcio):
    respuesta = client.get(f"/oportunidades/publicar/consorcio/{consorcio.slug}/")
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]


def test_the_picker_offers_only_what_the_member_edits(cliente_promotor, consorcio, institucion):
    otro = crear_consorcio(nombre="Consorcio ajeno", estado="publicado")
    html = cliente_promotor.get("/oportunidades/publicar/").content.decode()
    assert "Consorcio Royal Honey" in html and "Instituto de Promoción de Exportaciones" in html
    assert "Consorcio ajeno" not in html
    # A forged choice is refused beside the field.
    respuesta = cliente_promotor.post("/oportunidades/publicar/", datos_formulario(publicador=f"c{otro.pk}"))
    assert respuesta.status_code == 200 and not Oportunidad.objects.exists()
    cliente_promotor.post("/oportunidades/publicar/", datos_formulario(publicador=f"i{institucion.pk}"))
    assert Oportunidad.objects.get().institucion == institucion


def test_a_member_with_nothing_to_publish_for_is_told_how(cliente_miembro):
    respuesta = cliente_miembro.get("/oportunidades/publicar/")
    assert respuesta.status_code == 200 and "Registrar un consorcio" in respuesta.content.decode()


def test_bad_input_is_answered_beside_the_field_and_keeps_what_was_typed(cliente_promotor, consorcio):
    datos = datos_formulario(titulo="Miel de los Andes para Japón", fecha_limite="2001-01-01", tipo="")
    html = cliente_promotor.post(f"/oportunidades/publicar/consorcio/{consorcio.slug}/", datos).content.decode()
    assert "La fecha límite no puede ser anterior a hoy." in html
    assert 'id="id_fecha_limite_error"' in html and 'id="id_tipo_error"' in html
    assert 'value="Miel de los Andes para Japón"' in html
    assert "1100 colmenas" in html
    assert not Oportunidad.objects.exists()


def test_a_deadline_too_far_ahead_is_refused(cliente_promotor, consorcio):
    datos = datos_formulario(fecha_limite="2999-01-01")
    html = cliente_promotor.post(f"/oportunidades/publicar/consorcio/{consorcio.slug}/", datos).content.decode()
    assert "como máximo a 180 días" in html
    assert not Oportunidad.objects.exists()


def test_a_double_submit_creates_one_opportunity(cliente_promotor, consorcio):
    datos = datos_formulario()
    url = f"/oportunidades/publicar/consorcio/{consorcio.slug}/"
    primera = cliente_promotor.post(url, datos)
    segunda = cliente_promotor.post(url, datos)
    assert primera.status_code == segunda.status_code == 302
    assert Oportunidad.objects.count() == 1


def test_pending_ones_are_seen_only_by_their_editors_and_staff(client, consorcio, promotor, miembro, staff):
    client.force_login(promotor)
    client.post(f"/oportunidades/publicar/consorcio/{consorcio.slug}/", datos_formulario())
    oportunidad = Oportunidad.objects.get()
    url = oportunidad.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Pendiente de revisión" in client.get("/oportunidades/mias/").content.decode()
    client.force_login(miembro)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_an_editor_of_another_consortium_gets_403_on_edit_renew_and_close(client, publicada, miembro):
    otro = crear_consorcio(miembro, nombre="Otro", estado="publicado")
    assert otro.responsables.filter(pk=miembro.pk).exists()
    client.force_login(miembro)
    for accion in ("editar", "renovar", "cerrar"):
        assert client.get(f"/oportunidades/{publicada.pk}/{accion}/").status_code == 403
        assert client.post(f"/oportunidades/{publicada.pk}/{accion}/").status_code == 403
    publicada.refresh_from_db()
    assert publicada.estado == Oportunidad.Estado.PUBLICADA


def test_an_edit_of_a_published_one_stays_public_and_waits_for_staff(cliente_promotor, publicada):
    datos = datos_formulario(titulo="Buscamos importador de miel en Corea", mercados=["KR"])
    respuesta = cliente_promotor.post(f"/oportunidades/{publicada.pk}/editar/", datos)
    assert respuesta.status_code == 302
    publicada.refresh_from_db()
    assert publicada.estado == Oportunidad.Estado.PUBLICADA and publicada.cambios_por_revisar
    assert publicada.titulo == "Buscamos importador de miel en Corea" and "Corea" in publicada.etiquetas


def test_a_rejected_one_goes_back_to_review_when_edited(
    cliente_promotor, publicada, staff, django_capture_on_commit_callbacks
):
    publicada.estado = Oportunidad.Estado.RECHAZADA
    publicada.motivo_rechazo = "Falta el mercado."
    publicada.save()
    html = cliente_promotor.get("/oportunidades/mias/").content.decode()
    assert "Falta el mercado." in html
    with django_capture_on_commit_callbacks(execute=True):
        cliente_promotor.post(f"/oportunidades/{publicada.pk}/editar/", datos_formulario())
    publicada.refresh_from_db()
    assert publicada.estado == Oportunidad.Estado.PENDIENTE
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_the_form_speaks_the_pages_language(cliente_promotor, consorcio):
    html = cliente_promotor.get(f"/en/oportunidades/publicar/consorcio/{consorcio.slug}/").content.decode()
    assert "<h1>Publish an opportunity</h1>" in html
    assert "After this date it is no longer shown (at most 180 days ahead)" in html


def test_the_institution_page_offers_publishing_to_its_active_members_only(client, institucion, promotor, miembro):
    enlace = f"/oportunidades/publicar/institucion/{institucion.slug}/"
    assert enlace not in client.get(institucion.get_absolute_url()).content.decode()
    client.force_login(miembro)
    assert enlace not in client.get(institucion.get_absolute_url()).content.decode()
    client.force_login(promotor)
    assert enlace in client.get(institucion.get_absolute_url()).content.decode()


def test_a_member_publishing_too_many_is_told_and_keeps_the_form(cliente_promotor, consorcio, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "oportunidad_publicacion": "2/h/user"}
    url = f"/oportunidades/publicar/consorcio/{consorcio.slug}/"
    for i in range(2):
        assert cliente_promotor.post(url, datos_formulario(titulo=f"Oportunidad número {i}")).status_code == 302
    respuesta = cliente_promotor.post(url, datos_formulario(titulo="Oportunidad tercera"))
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert "muchas oportunidades en poco tiempo" in html and 'value="Oportunidad tercera"' in html
    assert Oportunidad.objects.count() == 2
