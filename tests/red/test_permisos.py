"""Administrators edit their institution and its promoters only; others get 403, outsiders 404."""

from __future__ import annotations

import pytest

from miembros.models import MiembroInstitucion

from .conftest import crear_institucion, vincular

pytestmark = pytest.mark.django_db


def test_administrator_edits_the_profile(client, proecuador, promotor):
    client.force_login(promotor)
    url = f"/red/instituciones/{proecuador.slug}/editar/"
    assert client.get(url).status_code == 200
    respuesta = client.post(
        url,
        {
            "nombre": "Pro Ecuador",
            "sigla": "PRO ECUADOR",
            "tipo": "agencia",
            "pais": "EC",
            "ciudad": "Guayaquil",
            "latitud": "-2.170998",
            "longitud": "-79.922359",
            "sitio_web": "https://www.proecuador.gob.ec",
            "descripcion": "Instituto de promoción.",
        },
    )
    assert respuesta.status_code == 302
    proecuador.refresh_from_db()
    assert (proecuador.nombre, proecuador.ciudad, str(proecuador.latitud)) == ("Pro Ecuador", "Guayaquil", "-2.170998")


def test_a_point_needs_both_coordinates_and_a_real_latitude(client, proecuador, promotor):
    client.force_login(promotor)
    respuesta = client.post(
        f"/red/instituciones/{proecuador.slug}/editar/",
        {"nombre": "Pro Ecuador", "tipo": "agencia", "pais": "EC", "latitud": "95", "longitud": ""},
    )
    assert respuesta.status_code == 200
    assert "La latitud debe estar entre -90 y 90 grados." in respuesta.content.decode()


def test_logo_is_checked_by_content(client, proecuador, promotor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(promotor)
    falso = SimpleUploadedFile("logo.png", b"no soy una imagen", content_type="image/png")
    respuesta = client.post(
        f"/red/instituciones/{proecuador.slug}/editar/",
        {"nombre": "Pro Ecuador", "tipo": "agencia", "pais": "EC", "logo": falso},
    )
    assert "El archivo no es una imagen válida" in respuesta.content.decode()
    proecuador.refresh_from_db()
    assert not proecuador.logo


def test_a_member_who_does_not_administer_it_gets_403(client, proecuador, miembro):
    vincular(proecuador, miembro)  # even an active promoter
    client.force_login(miembro)
    assert client.get(f"/red/instituciones/{proecuador.slug}/editar/").status_code == 403
    promotor_link = proecuador.vinculos.get(rol="admin")
    assert client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{promotor_link.pk}/quitar/").status_code == 403


def test_outsiders_get_404_on_edit_pages_of_an_application(client, solicitada, miembro):
    client.force_login(miembro)
    assert client.get(f"/red/instituciones/{solicitada.slug}/editar/").status_code == 404
    client.logout()
    assert client.get(f"/red/instituciones/{solicitada.slug}/editar/").status_code == 302  # to the login


def test_an_administrator_manages_only_their_own_institution_and_promoters(client, proecuador, promotor, miembro):
    otra = crear_institucion(nombre="Cámara de Industrias", slug="camara")
    ajeno = vincular(otra, miembro)
    client.force_login(promotor)
    assert client.get("/red/instituciones/camara/editar/").status_code == 403
    # A link of another institution, reached through their own institution's address: 404.
    assert client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{ajeno.pk}/quitar/").status_code == 404
    assert client.post(f"/red/instituciones/camara/vinculos/{ajeno.pk}/quitar/").status_code == 403
    assert MiembroInstitucion.objects.filter(pk=ajeno.pk).exists()


def test_administrator_removes_a_promoter_and_their_profile_follows(client, proecuador, promotor, miembro):
    vinculo = vincular(proecuador, miembro)
    miembro.perfil.institucion = proecuador
    miembro.perfil.save()
    client.force_login(promotor)
    client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{vinculo.pk}/quitar/")
    assert not proecuador.vinculos.filter(usuario=miembro).exists()
    miembro.perfil.refresh_from_db()
    assert miembro.perfil.institucion is None


def test_the_last_administrator_cannot_leave(client, proecuador, promotor):
    client.force_login(promotor)
    propio = proecuador.vinculos.get(usuario=promotor)
    respuesta = client.post(f"/red/instituciones/{proecuador.slug}/vinculos/{propio.pk}/quitar/", follow=True)
    assert "Es el único administrador" in respuesta.content.decode()
    assert proecuador.vinculos.filter(pk=propio.pk).exists()


def test_staff_edit_any_institution(cliente_staff, solicitada):
    assert cliente_staff.get(f"/red/instituciones/{solicitada.slug}/editar/").status_code == 200
