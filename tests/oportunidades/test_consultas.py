"""Pages cost the same number of queries with few or many opportunities, sectors and interests."""

from __future__ import annotations

import pytest
from django.utils import translation

from oportunidades import services
from oportunidades.models import Oportunidad

from .conftest import crear_institucion, crear_oportunidad

pytestmark = pytest.mark.django_db


def _muchas(n: int, consorcio, django_user_model) -> list[Oportunidad]:
    institucion = crear_institucion(nombre="Cámara de Comercio de Lima", slug="ccl")
    oportunidades = []
    for i in range(n):
        publicador = {"consorcio": consorcio} if i % 2 else {"institucion": institucion}
        oportunidades.append(
            crear_oportunidad(titulo=f"Oportunidad de miel {i}", sectores=["apicultura", "agroindustria"], **publicador)
        )
    for i in range(n):
        usuario = django_user_model.objects.create_user(username=f"u{i}", email=f"u{i}@example.org")
        services.registrar_interes(oportunidad=oportunidades[1], miembro=usuario)  # one of the consortium's
    return oportunidades


@pytest.mark.parametrize("n", [2, 25])
def test_the_list_costs_the_same_with_few_or_many(client, consorcio, django_user_model, n, django_assert_num_queries):
    _muchas(n, consorcio, django_user_model)
    # the count for the paginator + the page's cards (publisher joined, sectors' keys as a subquery)
    with django_assert_num_queries(2):
        respuesta = client.get("/oportunidades/")
    html = respuesta.content.decode()
    assert f"Oportunidad de miel {n - 1}" in html and "Apicultura" in html
    # filtered and searched: the same two
    with django_assert_num_queries(2):
        client.get("/oportunidades/", {"q": "miel", "tipo": "busca_socio", "pais": "EC", "mercado": "JP"})
    with django_assert_num_queries(2):
        client.get("/oportunidades/", {"sector": "apicultura", "publicador": "consorcio"})


@pytest.mark.parametrize("n", [2, 25])
def test_a_page_costs_the_same_with_many_sectors_and_interests(
    client, consorcio, promotor, django_user_model, n, django_assert_num_queries
):
    ultima = _muchas(n, consorcio, django_user_model)[1]
    # the opportunity with its publisher + its sectors + the consortia that fit it (afinidades; one more,
    # the sectors' names, when a reason names a sector)
    with django_assert_num_queries(3):
        assert client.get(ultima.get_absolute_url()).status_code == 200
    # an editor: + the session and the user, + whether they edit it, + how many are interested, + the
    # header's unread conversations; the main column (sectors, consortia that fit) is the kept fragment
    client.force_login(promotor)
    with django_assert_num_queries(6):
        html = client.get(ultima.get_absolute_url()).content.decode()
    assert f'data-intereses="{n}"' in html


@pytest.mark.parametrize("n", [2, 25])
def test_mis_oportunidades_costs_the_same_with_few_or_many(
    client, consorcio, promotor, django_user_model, n, django_assert_num_queries
):
    _muchas(n, consorcio, django_user_model)
    client.force_login(promotor)
    # session + user + its opportunities with their publisher and interest counts
    # + the consortia and the institutions it may publish for (the "Publicar" button)
    # + the header's unread conversations
    with django_assert_num_queries(6):
        client.get("/oportunidades/mias/")


@pytest.mark.parametrize("n", [2, 25])
def test_the_feed_and_the_site_search_cost_the_same(client, consorcio, django_user_model, n, django_assert_num_queries):
    _muchas(n, consorcio, django_user_model)
    with django_assert_num_queries(1):  # the latest with their publisher
        client.get("/oportunidades/rss/")
    with translation.override("es"):
        client.get("/buscar/", {"q": "miel"})  # fills the library's kept facets
    from django.core.cache import caches

    caches["paginas"].clear()
    # the registry (cards, total), institutions (cards, total), the library (facets and order kept:
    # 0 rows to read), the forums (posts, total) and the opportunities (cards, total)
    with django_assert_num_queries(8):
        html = client.get("/buscar/", {"q": "miel"}).content.decode()
    assert "Oportunidades de cooperación" in html and f"{n} oportunidades encontradas" in html
