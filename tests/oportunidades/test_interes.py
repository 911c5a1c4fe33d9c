""" "Me interesa": one record per member, counted for the editors, never by the editors themselves."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from oportunidades import services
from oportunidades.models import Interes, Oportunidad

from .conftest import crear_oportunidad

pytestmark = pytest.mark.django_db


def test_a_member_expresses_interest_once_however_many_times_they_click(cliente_miembro, publicada, miembro):
    url = f"/oportunidades/{publicada.pk}/me-interesa/"
    primera = cliente_miembro.post(url, follow=True)
    assert "Anotamos su interés" in primera.content.decode()
    segunda = cliente_miembro.post(url, follow=True)
    assert "Ya había expresado su interés" in segunda.content.decode()
    assert Interes.objects.filter(oportunidad=publicada, miembro=miembro).count() == 1
    assert "Usted expresó su interés" in cliente_miembro.get(publicada.get_absolute_url()).content.decode()


def test_the_service_is_idempotent(publicada, miembro):
    interes, creado = services.registrar_interes(oportunidad=publicada, miembro=miembro)
    otra_vez, creado_otra_vez = services.registrar_interes(oportunidad=publicada, miembro=miembro)
    assert creado and not creado_otra_vez and interes == otra_vez


def test_its_editors_cannot_express_interest_and_see_how_many_did(client, publicada, promotor, miembro, staff):
    with pytest.raises(PermissionDenied):
        services.registrar_interes(oportunidad=publicada, miembro=promotor)
    client.force_login(promotor)
    assert client.post(f"/oportunidades/{publicada.pk}/me-interesa/").status_code == 403
    assert "Me interesa" not in client.get(publicada.get_absolute_url()).content.decode()
    services.registrar_interes(oportunidad=publicada, miembro=miembro)
    services.registrar_interes(oportunidad=publicada, miembro=staff)
    html = client.get(publicada.get_absolute_url()).content.decode()
    assert 'data-intereses="2"' in html and "2 miembros expresaron interés" in html
    assert '<td data-etiqueta="Interesados">2</td>' in client.get("/oportunidades/mias/").content.decode()


def test_other_members_do_not_see_the_count(cliente_miembro, publicada, staff):
    services.registrar_interes(oportunidad=publicada, miembro=staff)
    html = cliente_miembro.get(publicada.get_absolute_url()).content.decode()
    assert "expresó interés" not in html and "Me interesa" in html


def test_anonymous_visitors_are_asked_to_log_in_and_cannot_post(client, publicada):
    assert "Ingrese a la Red para decir que le interesa" in client.get(publicada.get_absolute_url()).content.decode()
    respuesta = client.post(f"/oportunidades/{publicada.pk}/me-interesa/")
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]
    assert not Interes.objects.exists()


def test_no_interest_in_one_not_published_or_expired(cliente_miembro):
    pendiente = crear_oportunidad(estado=Oportunidad.Estado.PENDIENTE)
    assert cliente_miembro.post(f"/oportunidades/{pendiente.pk}/me-interesa/").status_code == 404
    assert cliente_miembro.get(f"/oportunidades/{pendiente.pk}/me-interesa/").status_code in (404, 405)
    assert not Interes.objects.exists()


def test_an_institutions_active_members_are_its_editors(client, institucion, promotor, miembro):
    oportunidad = crear_oportunidad(institucion=institucion)
    assert list(oportunidad.editores()) == [promotor]
    assert oportunidad.es_editor(promotor) and not oportunidad.es_editor(miembro)
    client.force_login(promotor)
    assert client.get(f"/oportunidades/{oportunidad.pk}/editar/").status_code == 200


def test_too_many_clicks_are_refused_with_a_message(client, settings, django_user_model):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "oportunidad_interes": "2/h/user"}
    usuario = django_user_model.objects.create_user(username="curioso", email="curioso@example.org")
    client.force_login(usuario)
    oportunidades = [crear_oportunidad() for _ in range(3)]
    for oportunidad in oportunidades[:2]:
        client.post(f"/oportunidades/{oportunidad.pk}/me-interesa/")
    respuesta = client.post(f"/oportunidades/{oportunidades[2].pk}/me-interesa/", follow=True)
    assert "Demasiados «Me interesa»" in respuesta.content.decode()
    assert Interes.objects.filter(miembro=usuario).count() == 2


def test_me_interesa_opens_one_conversation_with_the_editors_quoting_the_opportunity(
    cliente_miembro, client, publicada, miembro, promotor
):
    from conversaciones.models import Conversacion

    url = f"/oportunidades/{publicada.pk}/me-interesa/"
    respuesta = cliente_miembro.post(url)
    conversacion = Conversacion.objects.get()
    assert respuesta["Location"] == conversacion.get_absolute_url()
    assert set(conversacion.participantes.values_list("miembro", flat=True)) == {miembro.pk, promotor.pk}
    assert conversacion.sobre == publicada and publicada.titulo in conversacion.cita
    assert cliente_miembro.post(url)["Location"] == conversacion.get_absolute_url()  # the same one again
    assert Conversacion.objects.count() == 1 and conversacion.mensajes.count() == 1
    client.force_login(promotor)
    html = client.get(conversacion.get_absolute_url()).content.decode()
    assert "Me interesa esta oportunidad." in html and publicada.titulo in html
    assert "promotor@" not in html and miembro.email not in html


def test_a_blocked_member_still_counts_as_interested_but_writes_to_no_one(
    cliente_miembro, publicada, miembro, promotor
):
    from conversaciones import services as conversaciones
    from conversaciones.models import Conversacion

    conversaciones.bloquear(quien=promotor, a_quien=miembro)
    respuesta = cliente_miembro.post(f"/oportunidades/{publicada.pk}/me-interesa/")
    assert respuesta["Location"] == publicada.get_absolute_url()
    assert Interes.objects.filter(miembro=miembro).exists() and not Conversacion.objects.exists()
