"""Staff moderate on the site: hide and show posts, pin, lock, move and feature topics, handle reports.
The reply counter stays right through all of it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from foros import services
from foros.models import Foro, Mensaje, Reporte, Tema

pytestmark = pytest.mark.django_db


def _recuento_real(tema) -> int:
    return Mensaje.objects.filter(tema=tema, oculto=False).count() - 1


def test_reply_count_and_last_post_stay_right_through_replies_and_hiding(tema, miembro, otro_miembro, staff):
    respuestas = [services.responder(tema=tema, autor=autor, fuente="r") for autor in (miembro, otro_miembro, miembro)]
    tema.refresh_from_db()
    assert tema.respuestas == _recuento_real(tema) == 3
    assert tema.ultimo_mensaje == respuestas[-1]
    services.ocultar(mensaje=respuestas[-1], por=staff, motivo="Fuera de tema")
    tema.refresh_from_db()
    assert tema.respuestas == _recuento_real(tema) == 2
    assert tema.ultimo_mensaje == respuestas[1]
    assert tema.ultima_actividad == respuestas[1].creado
    services.mostrar(mensaje=respuestas[-1], por=staff)
    tema.refresh_from_db()
    assert tema.respuestas == _recuento_real(tema) == 3
    assert tema.ultimo_mensaje == respuestas[-1]


def test_staff_hides_a_post_with_a_reason_shown_in_its_place(client, staff, miembro, tema):
    mensaje = services.responder(tema=tema, autor=miembro, fuente="Compre relojes baratos")
    client.force_login(staff)
    assert client.post(f"/foros/mensaje/{mensaje.pk}/ocultar/", {"motivo": ""}).status_code == 302
    mensaje.refresh_from_db()
    assert not mensaje.oculto  # a reason is required
    client.post(f"/foros/mensaje/{mensaje.pk}/ocultar/", {"motivo": "Publicidad"})
    mensaje.refresh_from_db()
    assert (mensaje.oculto, mensaje.motivo_ocultacion, mensaje.oculto_por) == (True, "Publicidad", staff)
    client.logout()
    pagina = client.get(tema.get_absolute_url()).content.decode()
    assert "Mensaje ocultado por la moderación: Publicidad" in pagina
    assert "relojes baratos" not in pagina
    client.force_login(staff)
    client.post(f"/foros/mensaje/{mensaje.pk}/mostrar/")
    mensaje.refresh_from_db()
    assert not mensaje.oculto and mensaje.motivo_ocultacion == ""


def test_staff_pins_locks_features_and_moves_topics_from_the_site(client, staff, tema):
    otro = Foro.objects.create(nombre="Consorcios de origen", slug="consorcios-de-origen")
    client.force_login(staff)
    for accion in ["fijar", "cerrar", "destacar"]:
        assert client.post(f"/foros/tema/{tema.pk}/moderar/{accion}/").status_code == 302
    client.post(f"/foros/tema/{tema.pk}/moderar/mover/", {"foro": otro.pk})
    tema.refresh_from_db()
    assert (tema.fijado, tema.cerrado, tema.destacado, tema.foro) == (True, True, True, otro)
    for accion in ["desfijar", "reabrir", "quitar-destacado"]:
        client.post(f"/foros/tema/{tema.pk}/moderar/{accion}/")
    tema.refresh_from_db()
    assert not (tema.fijado or tema.cerrado or tema.destacado)
    assert client.post(f"/foros/tema/{tema.pk}/moderar/borrar-todo/").status_code == 403


def test_pinned_topics_come_first_on_the_forum_page(client, foro, promotor, staff):
    viejo = services.abrir_tema(foro=foro, autor=promotor, titulo="El tema más antiguo", fuente="a")
    services.abrir_tema(foro=foro, autor=promotor, titulo="El tema más reciente", fuente="b")
    services.fijar(tema=viejo, por=staff)
    pagina = client.get(f"/foros/{foro.slug}/").content.decode()
    assert pagina.index("El tema más antiguo") < pagina.index("El tema más reciente")


def test_member_reports_a_post_and_staff_resolve_it_from_the_queue(client, miembro, staff, tema):
    mensaje = tema.mensajes.get()
    client.force_login(miembro)
    assert client.get(f"/foros/mensaje/{mensaje.pk}/reportar/").status_code == 200
    client.post(f"/foros/mensaje/{mensaje.pk}/reportar/", {"motivo": "Contiene datos personales"})
    client.post(f"/foros/mensaje/{mensaje.pk}/reportar/", {"motivo": "Otra vez"})
    reporte = Reporte.objects.get()  # one pending report per member and post
    assert reporte.estado == Reporte.Estado.PENDIENTE
    client.force_login(staff)
    assert "Contiene datos personales" in client.get("/foros/moderacion/").content.decode()
    client.post(f"/foros/moderacion/{reporte.pk}/resolver/", {"estado": "resuelto"})
    reporte.refresh_from_db()
    assert (reporte.estado, reporte.resuelto_por) == (Reporte.Estado.RESUELTO, staff)
    assert "No hay reportes pendientes" in client.get("/foros/moderacion/").content.decode()


def test_services_refuse_moderation_by_members(tema, miembro):
    with pytest.raises(PermissionDenied):
        services.fijar(tema=tema, por=miembro)
    with pytest.raises(PermissionDenied):
        services.ocultar(mensaje=tema.mensajes.get(), por=miembro, motivo="x")


def test_subscription_targets_one_thing_and_clean_says_so(tema, miembro):
    from foros.models import Suscripcion

    with pytest.raises(ValidationError):
        Suscripcion(usuario=miembro, tema=tema, foro=tema.foro).clean()
    services.suscribir(usuario=miembro, tema=tema)
    with pytest.raises(ValidationError):
        Suscripcion(usuario=miembro, tema=tema).clean()


def test_reserved_forum_slugs_are_refused(db):
    with pytest.raises(ValidationError):
        Foro(nombre="Buscar", slug="buscar").full_clean()


def test_admin_pages_and_actions_work(client, staff, tema, miembro):
    client.force_login(staff)
    for modelo in ["foro", "tema", "mensaje", "reporte", "suscripcion"]:
        assert client.get(f"/admin/foros/{modelo}/").status_code == 200, modelo
    client.post("/admin/foros/tema/", {"action": "destacar_si", "_selected_action": [tema.pk]})
    tema.refresh_from_db()
    assert tema.destacado
    mensaje = tema.mensajes.get()
    client.post("/admin/foros/mensaje/", {"action": "ocultar", "_selected_action": [mensaje.pk]})
    mensaje.refresh_from_db()
    assert mensaje.oculto and mensaje.oculto_por == staff
    reporte = services.reportar(mensaje=mensaje, usuario=miembro, motivo="spam")
    client.post("/admin/foros/reporte/", {"action": "resolver", "_selected_action": [reporte.pk]})
    reporte.refresh_from_db()
    assert reporte.estado == Reporte.Estado.RESUELTO
    assert Tema.objects.get().respuestas == 0


def test_title_changed_in_the_admin_is_searchable(client, staff, tema):
    client.force_login(staff)
    datos = {
        "foro": tema.foro_id,
        "titulo": "Indicaciones geográficas andinas",
        "slug": tema.slug,
        "autor": tema.autor_id,
        "fijado": "",
        "cerrado": "",
        "destacado": "",
    }
    respuesta = client.post(f"/admin/foros/tema/{tema.pk}/change/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    resultados = client.get("/foros/buscar/", {"q": "andinas"}).context["pagina"].object_list
    assert [m.tema_id for m in resultados] == [tema.pk]


def test_posts_deleted_in_the_admin_leave_their_topic_counted_right(client, staff, tema, miembro):
    primera = services.responder(tema=tema, autor=miembro, fuente="Primera respuesta.")
    segunda = services.responder(tema=tema, autor=miembro, fuente="Segunda respuesta.")
    client.force_login(staff)
    client.post(f"/admin/foros/mensaje/{segunda.pk}/delete/", {"post": "yes"})
    tema.refresh_from_db()
    assert (tema.respuestas, tema.ultimo_mensaje_id) == (1, primera.pk)
    client.post("/admin/foros/mensaje/", {"action": "delete_selected", "_selected_action": [primera.pk], "post": "yes"})
    tema.refresh_from_db()
    assert tema.respuestas == 0
    assert tema.ultimo_mensaje_id == tema.mensajes.get().pk
    assert Foro.objects.con_estadisticas().get(pk=tema.foro_id).num_mensajes == 1
