"""The pages: permissions (404 to outsiders on every conversation URL), forms, buttons, query counts."""

from __future__ import annotations

import uuid

import pytest

from conversaciones import services
from conversaciones.models import Conversacion, Denuncia, Mensaje, Participante
from miembros.models import MiembroInstitucion, RegistroAuditoria
from tests.conftest import _crear_usuario
from tests.red.conftest import crear_institucion, vincular

from .conftest import antiguo

pytestmark = pytest.mark.django_db


def _urls(c: Conversacion) -> list[tuple[str, str]]:
    m = c.mensajes.first()
    return [
        ("get", f"/conversaciones/{c.pk}/"),
        ("get", f"/conversaciones/{c.pk}/mensajes/?despues=0"),
        ("post", f"/conversaciones/{c.pk}/leido/"),
        ("post", f"/conversaciones/{c.pk}/silenciar/"),
        ("post", f"/conversaciones/{c.pk}/salir/"),
        ("post", f"/conversaciones/{c.pk}/"),
        ("get", f"/conversaciones/{c.pk}/denunciar/{m.pk}/"),
        ("post", f"/conversaciones/{c.pk}/bloquear/{m.autor_id}/"),
    ]


def test_a_non_participant_gets_404_on_every_conversation_url(client, conversacion, intruso):
    client.force_login(intruso)
    for metodo, url in _urls(conversacion):
        assert getattr(client, metodo)(url).status_code == 404, url


def test_a_member_who_left_gets_404(client, conversacion, promotor):
    services.salir(conversacion=conversacion, usuario=promotor)
    client.force_login(promotor)
    assert client.get(f"/conversaciones/{conversacion.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, conversacion):
    respuesta = client.get(f"/conversaciones/{conversacion.pk}/")
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]


def test_the_conversation_page_shows_names_never_addresses_and_does_not_mark_read(
    client, conversacion, promotor, miembro
):
    miembro.perfil.nombre = "Ana Quispe"
    miembro.perfil.save()
    client.force_login(promotor)
    html = client.get(f"/conversaciones/{conversacion.pk}/").content.decode()
    assert "Ana Quispe" in html and "¿exportan a Japón?" in html
    assert miembro.email not in html
    assert "Consorcio Pisco del Sur" in html  # what it is about, linked
    # A GET never writes: the read mark waits for the POST.
    assert Participante.objects.get(miembro=promotor).ultimo_leido == 0
    assert "Marcar como leída" in html
    client.post(f"/conversaciones/{conversacion.pk}/leido/", {"mensaje": conversacion.ultimo_mensaje})
    assert Participante.objects.get(miembro=promotor).ultimo_leido == conversacion.ultimo_mensaje


def test_a_reply_is_posted_once_even_if_submitted_twice(client, conversacion, promotor):
    antiguo(promotor)
    client.force_login(promotor)
    datos = {"cuerpo": "Sí, desde 2010", "token": str(uuid.uuid4())}
    assert client.post(f"/conversaciones/{conversacion.pk}/", datos).status_code == 302
    assert client.post(f"/conversaciones/{conversacion.pk}/", datos).status_code == 302
    assert Mensaje.objects.filter(cuerpo="Sí, desde 2010").count() == 1


def test_an_empty_reply_shows_the_error_beside_the_field(client, conversacion, promotor):
    client.force_login(promotor)
    respuesta = client.post(f"/conversaciones/{conversacion.pk}/", {"cuerpo": "  ", "token": str(uuid.uuid4())})
    assert respuesta.status_code == 400
    assert "Escriba un mensaje." in respuesta.content.decode()


def test_a_blocked_member_sees_why_and_keeps_the_text(client, conversacion, promotor, miembro):
    services.bloquear(quien=promotor, a_quien=miembro)
    client.force_login(miembro)
    respuesta = client.post(
        f"/conversaciones/{conversacion.pk}/", {"cuerpo": "Texto largo escrito", "token": str(uuid.uuid4())}
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 400
    assert "No puede escribir a este miembro." in html and "Texto largo escrito" in html


def test_the_fragment_lists_only_newer_messages(client, conversacion, promotor, miembro):
    nuevo = services.escribir(conversacion=conversacion, autor=miembro, cuerpo="Segundo mensaje")
    client.force_login(promotor)
    html = client.get(
        f"/conversaciones/{conversacion.pk}/mensajes/?despues={conversacion.mensajes.first().pk}"
    ).content.decode()
    assert f'id="m{nuevo.pk}"' in html and "Segundo mensaje" in html and "exportan a Japón" not in html


def test_contactar_opens_a_conversation_with_the_consortiums_responsables(client, miembro, promotor, consorcio):
    antiguo(miembro)
    client.force_login(miembro)
    url = f"/conversaciones/contactar/consorcio/{consorcio.slug}/"
    assert client.get(url).status_code == 200
    respuesta = client.post(url, {"asunto": "", "cuerpo": "Queremos importar pisco", "token": str(uuid.uuid4())})
    conversacion = Conversacion.objects.get()
    assert respuesta["Location"] == f"/conversaciones/{conversacion.pk}/"
    assert {p.miembro for p in conversacion.participantes.all()} == {miembro, promotor}
    assert conversacion.sobre == consorcio and str(conversacion) == "Consorcio Pisco del Sur"


def test_contactar_an_institution_writes_to_its_administrators(client, miembro, promotor, django_user_model):
    institucion = crear_institucion(nombre="Agencia de Promoción", slug="agencia")
    vincular(institucion, promotor, rol=MiembroInstitucion.Rol.ADMINISTRADOR)
    vincular(institucion, _crear_usuario(django_user_model, "p@example.org"))
    client.force_login(antiguo(miembro))
    client.post("/conversaciones/contactar/institucion/agencia/", {"cuerpo": "Hola", "token": str(uuid.uuid4())})
    assert {p.miembro for p in Conversacion.objects.get().participantes.all()} == {miembro, promotor}


def test_a_blocked_member_cannot_contact(client, miembro, promotor, consorcio):
    services.bloquear(quien=promotor, a_quien=miembro)
    client.force_login(miembro)
    respuesta = client.post(
        f"/conversaciones/contactar/consorcio/{consorcio.slug}/", {"cuerpo": "Hola", "token": str(uuid.uuid4())}
    )
    assert respuesta.status_code == 400 and "No puede escribir a este miembro." in respuesta.content.decode()
    assert not Conversacion.objects.exists()


def test_the_consortium_page_has_contactar_for_members_and_a_login_link_for_visitors(client, miembro, consorcio):
    html = client.get(consorcio.get_absolute_url()).content.decode()
    assert "Ingrese para contactar" in html
    client.force_login(miembro)
    html = client.get(consorcio.get_absolute_url()).content.decode()
    assert f'href="/conversaciones/contactar/consorcio/{consorcio.slug}/"' in html


def test_write_to_a_promoter_from_their_public_profile(client, miembro, promotor, staff):
    from miembros.services import publicar_perfil

    promotor.perfil.nombre = "Promotora Pública"
    promotor.perfil.save()
    # A member without a public profile: their number tells nothing, not even their name.
    client.force_login(antiguo(miembro))
    respuesta = client.get(f"/conversaciones/nueva/?a={promotor.pk}")
    assert respuesta.status_code == 404 and "Promotora Pública" not in respuesta.content.decode()
    publicar_perfil(perfil=promotor.perfil, campos=["nombre"])
    perfil = client.get(f"/red/promotores/{promotor.perfil.pk}/").content.decode()
    assert f'href="/conversaciones/nueva/?a={promotor.pk}"' in perfil and promotor.email not in perfil
    assert client.get(f"/conversaciones/nueva/?a={promotor.pk}").status_code == 200
    assert client.get(f"/conversaciones/nueva/?a={miembro.pk}").status_code == 404
    assert client.get(f"/conversaciones/nueva/?a={staff.pk}").status_code == 404
    client.post(f"/conversaciones/nueva/?a={promotor.pk}", {"cuerpo": "Hola", "token": str(uuid.uuid4())})
    assert Conversacion.objects.de(promotor).count() == 1


def test_mute_leave_and_block_buttons(client, conversacion, promotor, miembro):
    client.force_login(promotor)
    client.post(f"/conversaciones/{conversacion.pk}/silenciar/")
    assert Participante.objects.get(miembro=promotor).silenciada
    client.post(f"/conversaciones/{conversacion.pk}/bloquear/{miembro.pk}/")
    assert services.bloqueado_por(autor=miembro, destinatarios=[promotor])
    client.post(f"/conversaciones/{conversacion.pk}/bloquear/{miembro.pk}/", {"desbloquear": "1"})
    assert not services.bloqueado_por(autor=miembro, destinatarios=[promotor])
    assert client.post(f"/conversaciones/{conversacion.pk}/salir/")["Location"] == "/conversaciones/"
    assert Participante.objects.get(miembro=promotor).salio_en is not None


def test_a_report_lets_staff_read_the_conversation_and_each_reading_is_audited(client, conversacion, promotor, staff):
    client.force_login(staff)
    mensaje = conversacion.mensajes.first()
    # Staff cannot open a conversation as such: they are not in it.
    assert client.get(f"/conversaciones/{conversacion.pk}/").status_code == 404
    client.force_login(promotor)
    client.post(f"/conversaciones/{conversacion.pk}/denunciar/{mensaje.pk}/", {"motivo": "Spam"})
    denuncia = Denuncia.objects.get()
    client.force_login(staff)
    # The GET only asks: nothing is read, nothing is written.
    html = client.get(f"/conversaciones/denuncias/{denuncia.pk}/").content.decode()
    assert "¿exportan a Japón?" not in html and not RegistroAuditoria.objects.exists()
    for _vez in range(2):
        html = client.post(f"/conversaciones/denuncias/{denuncia.pk}/").content.decode()
        assert "¿exportan a Japón?" in html
    lecturas = RegistroAuditoria.objects.filter(accion=RegistroAuditoria.Accion.LECTURA_CONVERSACION)
    assert lecturas.count() == 2
    assert all(r.staff == staff and f"denuncia {denuncia.pk}" in r.motivo for r in lecturas)


def test_members_cannot_open_the_staff_reading(client, conversacion, promotor):
    mensaje = conversacion.mensajes.first()
    denuncia = services.denunciar(mensaje=mensaje, denunciante=promotor, motivo="Spam")
    client.force_login(promotor)
    assert client.post(f"/conversaciones/denuncias/{denuncia.pk}/").status_code == 302  # to the login
    assert not RegistroAuditoria.objects.exists()


def test_conversations_are_not_in_the_admin_only_reports(client, staff, conversacion):
    client.force_login(staff)
    assert client.get("/admin/conversaciones/conversacion/").status_code == 404
    assert client.get("/admin/conversaciones/denuncia/").status_code == 200


def test_staff_resolve_reports_from_the_admin(client, staff, conversacion, promotor):
    denuncia = services.denunciar(mensaje=conversacion.mensajes.first(), denunciante=promotor, motivo="Spam")
    client.force_login(staff)
    client.post("/admin/conversaciones/denuncia/", {"action": "resolver", "_selected_action": [denuncia.pk]})
    denuncia.refresh_from_db()
    assert denuncia.resuelta and denuncia.resuelta_por == staff


def test_the_header_shows_the_unread_count(client, conversacion, promotor):
    client.force_login(promotor)
    html = client.get("/conversaciones/").content.decode()
    assert "<span data-cuenta>1</span>" in html
    assert client.get("/conversaciones/no-leidos/").json() == {"no_leidos": 1}


@pytest.mark.parametrize("n", [2, 25])
def test_inbox_query_count_does_not_grow_with_conversations(
    client, miembro, django_user_model, n, django_assert_num_queries, settings
):
    settings.CONVERSACIONES_MENSAJES_POR_HORA_CUENTA_NUEVA = 1000
    for i in range(n):
        otro = _crear_usuario(django_user_model, f"otro{i}@example.org")
        services.abrir_conversacion(iniciador=miembro, destinatarios=[otro], cuerpo=f"Hola {i}")
    client.force_login(miembro)
    # session + user + count for the paginator + the page's rows (with their conversation)
    # + their participants (with profiles) + the header's unread count
    with django_assert_num_queries(6):
        respuesta = client.get("/conversaciones/")
    assert respuesta.content.decode().count('class="bandeja__fila') == n


@pytest.mark.parametrize("n", [2, 40])
def test_conversation_page_query_count_does_not_grow_with_messages(
    client, conversacion, miembro, promotor, n, django_assert_num_queries, settings
):
    settings.CONVERSACIONES_MENSAJES_POR_HORA = 1000
    for i in range(n):
        services.escribir(conversacion=conversacion, autor=miembro if i % 2 else promotor, cuerpo=f"Mensaje {i}")
    client.force_login(promotor)
    # session + user + the member's place (with the conversation) + the page's messages (with authors)
    # + participants (with profiles) + the reader's blocks + what it is about + the header's unread count
    with django_assert_num_queries(8):
        respuesta = client.get(f"/conversaciones/{conversacion.pk}/")
    assert f"Mensaje {n - 1}" in respuesta.content.decode()
