""" "Únete a la Red": live figures, a videos gallery that asks nothing of a video host until a click,
how to join, the partners; linked from the home page and every page's footer."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from consorcios.models import Consorcio
from miembros.models import Institucion
from tests.biblioteca.conftest import nuevo_documento

from .conftest import crear_consorcio, crear_institucion

pytestmark = pytest.mark.django_db

PUBLICADO = Consorcio.Estado.PUBLICADO


def test_the_figures_count_only_what_is_public(client):
    crear_consorcio(estado=PUBLICADO, pais="PE", numero_empresas=12, empleos_directos=40)
    crear_consorcio(estado=PUBLICADO, pais="EC", numero_empresas=8, empleos_directos=None)
    crear_consorcio(estado=Consorcio.Estado.PENDIENTE, pais="AR", numero_empresas=100, empleos_directos=100)
    crear_institucion(nombre="ONUDI", sigla="ONUDI")
    crear_institucion(nombre="Solicitante", estado=Institucion.Estado.SOLICITADA)
    nuevo_documento()
    nuevo_documento(estado="pendiente")
    cifras = client.get("/red/unete/").context["cifras"]
    assert cifras == {"consorcios": 2, "empresas": 20, "empleos": 40, "paises": 2, "instituciones": 1, "documentos": 1}


def test_videos_load_from_their_host_only_on_a_click(client):
    crear_consorcio(nombre="Consorcio Pallay", estado=PUBLICADO, videos=["https://www.youtube.com/watch?v=abcdefghijk"])
    respuesta = client.get("/red/unete/")
    html = respuesta.content.decode()
    assert "<iframe" not in html and "img.youtube" not in html and "ytimg" not in html
    assert 'data-embebido="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html  # without JavaScript
    assert "/static/js/red/videos.js" in html
    # The only frames the page may ever show are the privacy-enhanced hosts.
    politica = respuesta["Content-Security-Policy"]
    marcos = next(p for p in politica.split(";") if p.strip().startswith("frame-src")).split()[1:]
    assert marcos == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_partners_and_the_ways_to_join_are_linked(client):
    for sigla in ["Federexport", "SELA", "ONUDI"]:
        crear_institucion(nombre=f"Institución {sigla}", sigla=sigla, slug=sigla.lower())
    html = client.get("/red/unete/").content.decode()
    assert html.index("/red/instituciones/onudi/") < html.index("/red/instituciones/sela/")
    assert html.index("/red/instituciones/sela/") < html.index("/red/instituciones/federexport/")
    for enlace in ["/red/unirse/", "/red/promotores/", "/consorcios/registrar/", "/boletin/suscribirse/"]:
        assert f'href="{enlace}"' in html, enlace


def test_the_home_page_and_the_footer_link_it_and_the_old_address_still_works(client, cliente_miembro):
    assert 'href="/red/unete/"' in client.get("/").content.decode()
    assert 'href="/red/unete/"' in client.get("/consorcios/").content.decode()
    assert 'href="/en/red/unete/"' in client.get("/en/consorcios/").content.decode()
    assert "Solicitud de ingreso de una institución" in cliente_miembro.get("/red/unirse/").content.decode()


@pytest.mark.parametrize("n", [2, 20])
def test_query_count_is_constant_and_the_figures_are_kept(client, n, django_assert_num_queries):
    for i in range(n):
        crear_consorcio(nombre=f"C{i}", estado=PUBLICADO, videos=[f"https://vimeo.com/{1000 + i}"])
        crear_institucion(nombre=f"Institución {i}", sigla=["ONUDI", "SELA", "Federexport"][i % 3] if i < 3 else "")
    # the videos (the newest consortia with one) + the partners + the three figures' aggregates
    with django_assert_num_queries(5):
        html = client.get("/red/unete/").content.decode()
    assert html.count("video--diferido") == min(n, 6)
    caches["paginas"].clear()
    with django_assert_num_queries(0):  # the figures, videos and partners are kept until their sections change
        client.get("/red/unete/")
