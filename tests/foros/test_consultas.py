"""Query counts that do not grow with rows, and pages that do no Markdown work."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comun import markdown as markdown_portal
from foros.models import Foro, Mensaje, Tema

pytestmark = pytest.mark.django_db


def _llenar(tema, autor, n: int) -> None:
    """n posts in the topic, written straight to the database (services are tested elsewhere)."""
    inicio = timezone.now()
    Mensaje.objects.bulk_create(
        Mensaje(tema=tema, autor=autor, fuente=f"m{i}", html=f"<p>m{i}</p>", creado=inicio + timedelta(seconds=i))
        for i in range(n)
    )


def _sin_markdown(monkeypatch):
    def prohibido(*args, **kwargs):
        raise AssertionError("Markdown convertido al leer una página")

    monkeypatch.setattr(markdown_portal, "a_html", prohibido)
    monkeypatch.setattr(markdown_portal._md, "render", prohibido)


@pytest.mark.parametrize("n", [10, 200])
def test_topic_page_queries_do_not_grow_with_posts_and_render_no_markdown(
    client, django_assert_num_queries, monkeypatch, settings, tema, miembro, n
):
    _llenar(tema, miembro, n)
    _sin_markdown(monkeypatch)
    # 1 topic with its forum, 2 count for the paginator, 3 the page's posts with their authors' names.
    with django_assert_num_queries(3):
        respuesta = client.get(tema.get_absolute_url() + "?pagina=1")
    assert respuesta.content.decode().count('<article id="m') == min(n + 1, 20)
    # The next visitor, past the page cache: the count and the page of posts are kept until the
    # forums change; only the topic's row is read.
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    with django_assert_num_queries(1):
        assert Client().get(tema.get_absolute_url() + "?pagina=1").content == respuesta.content


@pytest.mark.parametrize("n", [10, 200])
def test_topic_page_for_a_member_and_staff_keeps_constant_queries(
    client, django_assert_num_queries, monkeypatch, tema, miembro, staff, n
):
    _llenar(tema, miembro, n)
    _sin_markdown(monkeypatch)
    client.force_login(miembro)
    # session, user, topic, count, posts, read mark, subscription, the header's unread conversations.
    with django_assert_num_queries(8):
        client.get(tema.get_absolute_url())
    client.force_login(staff)
    # …and the forums of the "move" menu; the count is kept since the member's visit.
    with django_assert_num_queries(8):
        client.get(tema.get_absolute_url())


def _temas(foro, autor, n: int) -> None:
    for i in range(n):
        tema = Tema.objects.create(foro=foro, titulo=f"Tema {i}", slug=f"tema-{i}", autor=autor)
        mensaje = Mensaje.objects.create(tema=tema, autor=autor, fuente="x", html="<p>x</p>")
        Tema.objects.filter(pk=tema.pk).update(ultimo_mensaje=mensaje)


@pytest.mark.parametrize("n", [2, 30])
def test_forum_index_and_forum_page_keep_constant_queries(
    client, django_assert_num_queries, foro, promotor, miembro, n
):
    for i in range(n):
        Foro.objects.create(nombre=f"Foro {i}", slug=f"foro-{i}")
    _temas(foro, promotor, n)
    with django_assert_num_queries(1):  # forums with counts and last topic, annotated
        client.get("/foros/")
    with django_assert_num_queries(3):  # forum, count, topics with authors and last posts
        client.get(f"/foros/{foro.slug}/")
    client.force_login(miembro)
    # session, user, forum, count, topics annotated with read marks, forum subscription, follow (Mi red),
    # the header's unread conversations.
    with django_assert_num_queries(8):
        client.get(f"/foros/{foro.slug}/")


def test_index_counts_topics_and_posts(client, tema, miembro):
    from foros import services

    services.responder(tema=tema, autor=miembro, fuente="Una respuesta.")
    foro = Foro.objects.con_estadisticas().get(pk=tema.foro_id)
    assert (foro.num_temas, foro.num_mensajes, foro.ultimo_tema_id) == (1, 2, tema.pk)
    pagina = client.get("/foros/").content.decode()
    assert tema.titulo in pagina


def test_index_counts_follow_replies_hidden_posts_and_moved_topics(tema, foro, foro_anuncios, miembro, staff):
    from foros import services
    from tests.foros.conftest import antiguo

    respuesta = services.responder(tema=tema, autor=antiguo(miembro), fuente="Una respuesta.")
    otro = services.abrir_tema(foro=foro, autor=antiguo(miembro), titulo="Otro tema", fuente="Hola.")

    def cifras() -> dict:
        return {
            f.slug: (f.num_temas, f.num_mensajes, f.ultimo_tema_id, f.ultima_actividad)
            for f in Foro.objects.con_estadisticas()
        }

    otro.refresh_from_db()
    assert cifras() == {foro.slug: (2, 3, otro.pk, otro.ultima_actividad), foro_anuncios.slug: (0, 0, None, None)}
    services.ocultar(mensaje=respuesta, por=staff, motivo="Publicidad")
    assert cifras()[foro.slug][:2] == (2, 2)
    services.mover(tema=tema, por=staff, foro=foro_anuncios)
    tema.refresh_from_db()
    assert cifras() == {
        foro.slug: (1, 1, otro.pk, otro.ultima_actividad),
        foro_anuncios.slug: (1, 1, tema.pk, tema.ultima_actividad),
    }


def test_home_hook_lists_featured_topics_in_one_query(django_assert_num_queries, tema, foro, promotor):
    from django.template import Context, Template

    _temas(foro, promotor, 5)
    Tema.objects.update(destacado=True)
    plantilla = Template("{% load foros_portada %}{% foros_portada %}")
    with django_assert_num_queries(1):
        html = plantilla.render(Context({}))
    assert "Temas de interés común" in html
    assert tema.titulo in html or "Tema" in html
    assert html.count("<li>") == 5


def test_moderation_queue_keeps_constant_queries(client, django_assert_num_queries, tema, staff, miembro):
    from foros import services

    mensaje = tema.mensajes.get()
    services.reportar(mensaje=mensaje, usuario=miembro, motivo="Publicidad")
    client.force_login(staff)
    # session, user, count, reports with posts, topics, forums and people, the header's unread conversations.
    with django_assert_num_queries(5):
        respuesta = client.get("/foros/moderacion/")
    assert "Publicidad" in respuesta.content.decode()


def test_index_lists_forums_in_their_order(client, foro, foro_anuncios):
    Foro.objects.filter(pk=foro_anuncios.pk).update(orden=0)
    Foro.objects.filter(pk=foro.pk).update(orden=5)
    pagina = client.get("/foros/").content.decode()
    assert pagina.index("Anuncios") < pagina.index("Marcos legales")


def test_permalink_of_a_post_goes_to_its_page_and_anchor(client, tema, miembro):
    _llenar(tema, miembro, 44)  # 45 posts: pages of 20, 20 and 5
    mensajes = list(Mensaje.objects.del_tema(tema))
    for posicion, pagina in [(0, None), (19, None), (20, 2), (44, 3)]:
        mensaje = mensajes[posicion]
        respuesta = client.get(f"/foros/mensaje/{mensaje.pk}/")
        sufijo = f"?pagina={pagina}" if pagina else ""
        assert respuesta["Location"] == f"{tema.get_absolute_url()}{sufijo}#m{mensaje.pk}"
        assert f'id="m{mensaje.pk}"' in client.get(respuesta["Location"].split("#")[0]).content.decode()


def test_forum_index_counts_are_kept_until_a_reply_changes_them(client, django_assert_num_queries, tema, miembro):
    """Members never get the page cache; the counts are computed once per content version for them too."""
    from foros import services
    from tests.foros.conftest import antiguo

    client.force_login(miembro)
    client.get("/foros/")
    # session, user and the header's unread conversations: the counts come from the cache
    with django_assert_num_queries(3):
        antes = client.get("/foros/").content.decode()
    services.responder(tema=tema, autor=antiguo(miembro), fuente="Una respuesta.")
    despues = client.get("/foros/").content.decode()
    assert "<td>1</td>\n            <td>1</td>" in antes.replace("\r", "")
    assert "<td>1</td>\n            <td>2</td>" in despues.replace("\r", "")


def test_topic_page_signs_posts_with_public_names_never_the_email(client, tema, miembro, otro_miembro, staff):
    """The profile's name first, else the account's full name, else a label with the member's number (two
    members without a name never look alike); a deleted account says so."""
    miembro.perfil.nombre = "Rosa Quispe"
    miembro.perfil.save()
    otro_miembro.first_name, otro_miembro.last_name = "Joao", "Silva"
    otro_miembro.save()
    _llenar(tema, miembro, 1)
    _llenar(tema, otro_miembro, 1)
    _llenar(tema, staff, 1)
    _llenar(tema, None, 1)
    firmas = [m.firma for m in Mensaje.objects.del_tema(tema)]
    sin_nombre = [f"Miembro de la Red n.º {tema.autor_id}", f"Miembro de la Red n.º {staff.pk}"]
    assert firmas == [sin_nombre[0], "Rosa Quispe", "Joao Silva", sin_nombre[1], "Miembro retirado"]
    pagina = client.get(tema.get_absolute_url()).content.decode()
    assert "Rosa Quispe" in pagina and "Joao Silva" in pagina and "Miembro retirado" in pagina
    assert "@example.org" not in pagina
