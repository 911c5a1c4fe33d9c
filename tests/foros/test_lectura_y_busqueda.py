"""Unread marks for members (written by a POST, never by a GET) and the forum search."""

import pytest

from foros import services
from foros.models import Lectura

pytestmark = pytest.mark.django_db


def test_topic_with_a_new_reply_is_unread_until_the_member_reads_it(client, promotor, miembro, tema):
    client.force_login(promotor)
    assert "No leído" not in client.get(f"/foros/{tema.foro.slug}/").content.decode()  # own topic: read
    respuesta = services.responder(tema=tema, autor=miembro, fuente="Una respuesta nueva.")
    assert "No leído" in client.get(f"/foros/{tema.foro.slug}/").content.decode()

    pagina = client.get(tema.get_absolute_url()).content.decode()
    assert Lectura.objects.get(usuario=promotor, tema=tema).ultimo_leido_id < respuesta.pk  # the GET wrote nothing
    assert f'data-mensaje="{respuesta.pk}"' in pagina
    assert "js/foros/leido.js" in pagina
    assert "Nuevo</span>" in pagina

    assert client.post(f"/foros/tema/{tema.pk}/leido/", {"mensaje": respuesta.pk}).status_code == 204
    assert "No leído" not in client.get(f"/foros/{tema.foro.slug}/").content.decode()
    assert "js/foros/leido.js" not in client.get(tema.get_absolute_url()).content.decode()


def test_read_mark_never_moves_backwards(promotor, miembro, tema):
    primero = tema.mensajes.get()
    respuesta = services.responder(tema=tema, autor=miembro, fuente="r")
    services.marcar_leido(usuario=promotor, tema=tema, mensaje_id=respuesta.pk)
    services.marcar_leido(usuario=promotor, tema=tema, mensaje_id=primero.pk)
    assert Lectura.objects.get(usuario=promotor, tema=tema).ultimo_leido_id == respuesta.pk


def test_read_mark_refuses_anonymous_and_foreign_posts(client, miembro, tema, foro):
    assert client.post(f"/foros/tema/{tema.pk}/leido/", {"mensaje": 1}).status_code == 403
    otro = services.abrir_tema(foro=foro, autor=miembro, titulo="Otro tema distinto", fuente="x")
    client.force_login(miembro)
    client.post(f"/foros/tema/{tema.pk}/leido/", {"mensaje": otro.ultimo_mensaje_id})
    assert not Lectura.objects.filter(usuario=miembro, tema=tema).exists()


def test_anonymous_visitors_see_no_unread_marks_and_get_no_session(client, tema):
    respuesta = client.get(f"/foros/{tema.foro.slug}/")
    assert "No leído" not in respuesta.content.decode()
    assert "sessionid" not in respuesta.cookies


def test_search_finds_posts_and_titles_without_accents_ranked_and_highlighted(client, foro, promotor, miembro, staff):
    titulo = services.abrir_tema(foro=foro, autor=promotor, titulo="Legislación de consorcios", fuente="Sin texto.")
    cuerpo = services.abrir_tema(
        foro=foro, autor=miembro, titulo="Otra cosa", fuente="Hablemos de la legislación uruguaya."
    )
    oculto = services.responder(tema=cuerpo, autor=promotor, fuente="Legislación <script>x</script> oculta")
    services.ocultar(mensaje=oculto, por=staff, motivo="spam")

    respuesta = client.get("/foros/buscar/", {"q": "legislacion"})
    html = respuesta.content.decode()
    resultados = list(respuesta.context["pagina"])
    assert [m.tema for m in resultados] == [titulo, cuerpo]  # the title weighs more than the body
    assert "<mark>Legislación</mark> de consorcios" in html
    assert "de la <mark>legislación</mark> uruguaya" in html
    assert "oculta" not in html


def test_search_escapes_what_it_highlights(client, foro, promotor):
    services.abrir_tema(foro=foro, autor=promotor, titulo="Pisco", fuente="Uva & pisco <3 del Perú")
    html = client.get("/foros/buscar/", {"q": "pisco"}).content.decode()
    assert "Uva &amp; <mark>pisco</mark> &lt;3" in html


def test_search_snippets_show_the_text_read_not_the_markdown_typed(client, foro, promotor):
    fuente = "Falta un **marco jurídico** para los [consorcios](https://www.sela.org/) & sus socios."
    services.abrir_tema(foro=foro, autor=promotor, titulo="Leyes", fuente=fuente)
    html = client.get("/foros/buscar/", {"q": "marco"}).content.decode()
    assert "Falta un <mark>marco</mark> jurídico para los consorcios &amp; sus socios." in html
    assert "**" not in html and "](https" not in html


def test_search_page_without_query_answers(client, db):
    respuesta = client.get("/foros/buscar/")
    assert respuesta.status_code == 200
    assert respuesta.context["pagina"] is None


def test_edited_post_is_found_by_its_new_words(client, promotor, tema):
    services.editar_mensaje(mensaje=tema.mensajes.get(), usuario=promotor, fuente="Sombreros de Montecristi")
    assert len(client.get("/foros/buscar/", {"q": "montecristi"}).context["pagina"].object_list) == 1
    assert len(client.get("/foros/buscar/", {"q": "uruguay"}).context["pagina"].object_list) == 1  # title kept
