"""Kept fragments ({% cache %} keyed by a section's generation): rendered once until their section
changes, per language, never mixing readers."""

import itertools

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from comun.cache import invalidar
from comun.context_processors import cache as generaciones_del_contexto
from comun.templatetags.portal import huella


@pytest.fixture(autouse=True)
def _en_castellano():
    """URLs reversed here are Spanish (the test client leaves the last request's language active)."""
    with translation.override("es"):
        yield


PLANTILLA = Template(
    '{% load cache %}{% cache 600 "prueba" clave generacion.foros LANGUAGE_CODE %}{{ veces }}{% endcache %}'
)


@pytest.fixture
def render():
    """Renders the test fragment; ``veces`` counts the renderings that were not taken from the cache."""
    contador = itertools.count(1)

    def render(clave: str = "a", idioma: str = "es") -> str:
        with translation.override(idioma):
            contexto = {"clave": clave, "veces": lambda: next(contador), "LANGUAGE_CODE": idioma}
            return PLANTILLA.render(Context({**contexto, **generaciones_del_contexto(None)}))

    return render


def test_a_fragment_is_rendered_once_until_its_section_changes(render):
    assert (render(), render()) == ("1", "1")
    invalidar("consorcios")  # another section: the fragment stays
    assert render() == "1"
    invalidar("foros")
    assert (render(), render()) == ("2", "2")


def test_each_language_and_each_key_is_its_own_fragment(render):
    assert render() == "1"
    assert render(idioma="pt") == "2"
    assert render(clave="b") == "3"
    assert render() == "1"


def test_with_fragments_off_a_fragment_is_rendered_every_time(render, settings):
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert (render(), render()) == ("1", "2")


def test_a_forms_print_is_its_own_values_in_a_fixed_order():
    from biblioteca.forms import BusquedaForm
    from consorcios.filters import filtrar

    assert huella(BusquedaForm()) == ""
    una = huella(BusquedaForm(QueryDict("q=tagua&tipo=caso&pagina=3")))
    assert una == huella(BusquedaForm(QueryDict("tipo=caso&q=tagua"))) == "?q=tagua&tipo=caso"
    # The registry's filters: the page and unknown parameters do not split it; bound is not unbound.
    assert huella(filtrar(QueryDict("pais=PE&tipo=origen"))) == huella(filtrar(QueryDict("tipo=origen&page=2&pais=PE")))
    assert huella(filtrar(QueryDict(""))) == ""
    assert huella(filtrar(QueryDict("page=2"))) == "?"


@pytest.mark.django_db
def test_a_topic_seen_first_by_a_visitor_still_shows_each_reader_their_own_part(client, staff, miembro):
    from foros import services
    from foros.models import Foro
    from tests.conftest import _crear_usuario

    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    autor = _crear_usuario(type(miembro), "autora@example.org")
    tema = services.abrir_tema(foro=foro, autor=autor, titulo="Una ley de consorcios", fuente="Primer mensaje.")
    oculto = services.responder(tema=tema, autor=autor, fuente="Texto que la moderación ocultó.")
    services.ocultar(mensaje=oculto, por=staff, motivo="Publicidad")
    url = tema.get_absolute_url()

    visitante = client.get(url).content.decode()  # keeps the posts' fragments
    assert "Texto que la moderación ocultó." not in visitante and "Reportar" not in visitante

    client.force_login(miembro)
    html = client.get(url).content.decode()
    assert "Reportar" in html and "Citar" in html and "foros-etiqueta--nuevo" in html
    assert "Texto que la moderación ocultó." not in html
    client.force_login(staff)
    assert "Texto que la moderación ocultó." in client.get(url).content.decode()
    client.logout()
    assert client.get(url).content.decode() == visitante


@pytest.mark.django_db
def test_a_members_second_visit_to_a_profile_reads_only_what_is_theirs(
    client, promotor, miembro, django_assert_num_queries
):
    from consorcios.models import Consorcio
    from tests.consorcios.conftest import crear_consorcio

    consorcio = crear_consorcio(
        promotor, estado=Consorcio.Estado.PUBLICADO, correo_contacto="c@gyp.example.org", publicar_contacto=True
    )
    url = consorcio.get_absolute_url()
    assert "c@gyp.example.org" not in client.get(url).content.decode()  # a visitor keeps the fragments
    client.force_login(promotor)
    # session, user, the consortium's row, whether the reader may edit it, whether they follow it (Mi red),
    # its matching consortia and the opportunities it fits (editors only), the header's unread conversations
    with django_assert_num_queries(8):
        html = client.get(url).content.decode()
    assert "c@gyp.example.org" in html and "Editar este consorcio" in html
    client.force_login(miembro)
    html = client.get(url).content.decode()
    assert "c@gyp.example.org" in html and "Editar este consorcio" not in html

    client.force_login(promotor)
    consorcio.productos = "Rosas de altura"
    consorcio.save()
    assert "Rosas de altura" in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_visitor_past_the_page_cache_sees_a_reply_and_a_hidden_post_at_once(settings, staff, miembro):
    """Whole posts are kept fragments: each write renders them again."""
    from django.test import Client

    from foros import services
    from foros.models import Foro

    settings.CACHE_PAGINAS_SEGUNDOS = 0
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    tema = services.abrir_tema(foro=foro, autor=miembro, titulo="Una ley de consorcios", fuente="Primer mensaje.")
    visitante = Client()
    assert "0 respuestas" in visitante.get(tema.get_absolute_url()).content.decode()
    respuesta = services.responder(tema=tema, autor=miembro, fuente="Una respuesta nueva.")
    html = visitante.get(tema.get_absolute_url()).content.decode()
    assert "1 respuesta" in html and "Una respuesta nueva." in html
    services.ocultar(mensaje=respuesta, por=staff, motivo="Publicidad")
    html = visitante.get(tema.get_absolute_url()).content.decode()
    assert "Una respuesta nueva." not in html and "Publicidad" in html


@pytest.mark.django_db
def test_kept_posts_give_their_author_and_other_members_each_their_own_actions(client, miembro, promotor):
    from foros import services
    from foros.models import Foro

    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    tema = services.abrir_tema(foro=foro, autor=miembro, titulo="Una ley de consorcios", fuente="Primer mensaje.")
    url = tema.get_absolute_url()
    client.force_login(promotor)
    otro = client.get(url).content.decode()
    client.force_login(miembro)
    autor = client.get(url).content.decode()
    assert "Editar" in autor and "Reportar" not in autor[autor.index('<ol class="foros-mensajes">') :]
    client.force_login(promotor)

    def mensajes(html: str) -> str:
        return html[html.index('<ol class="foros-mensajes">') : html.index("</ol>")]

    assert mensajes(client.get(url).content.decode()) == mensajes(otro)
    assert "Editar" not in mensajes(otro) and "Reportar" in mensajes(otro)
