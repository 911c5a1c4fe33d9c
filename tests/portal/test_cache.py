"""The anonymous page cache: hits run no SQL, saves show at once, members are never served from it."""

import pytest
from django.test import Client

from miembros.models import Institucion


@pytest.mark.django_db
def test_second_anonymous_request_runs_no_query(client, django_assert_num_queries):
    primera = client.get("/acerca/")
    assert primera["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        segunda = client.get("/acerca/")
    assert segunda["X-Cache"] == "hit"
    assert segunda.content == primera.content


@pytest.mark.django_db
def test_each_language_and_query_string_is_its_own_page(client):
    client.get("/acerca/")
    assert client.get("/en/acerca/")["X-Cache"] == "miss"
    assert client.get("/acerca/?pagina=2")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_a_save_makes_the_next_request_fresh(client):
    client.get("/acerca/")
    assert client.get("/acerca/")["X-Cache"] == "hit"
    Institucion.objects.create(nombre="Conexport", tipo=Institucion.Tipo.CAMARA)
    assert client.get("/acerca/")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_logged_in_members_are_never_served_from_the_cache(cliente_miembro):
    Client().get("/")  # an anonymous visitor fills the cache
    respuesta = cliente_miembro.get("/")
    assert "X-Cache" not in respuesta
    assert "Mi perfil" in respuesta.content.decode()


@pytest.mark.django_db
def test_pages_with_a_form_are_not_cached(client):
    respuesta = client.get("/cuentas/login/")
    assert "X-Cache" not in respuesta
    assert "csrftoken" in respuesta.cookies


@pytest.mark.django_db
def test_an_accepted_post_invalidates(client, miembro):
    from tests.conftest import PASSWORD

    Client().get("/acerca/")
    client.post("/cuentas/login/", {"login": miembro.email, "password": PASSWORD})
    assert Client().get("/acerca/")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_private_bookkeeping_posts_keep_the_cache(client, cliente_miembro):
    """A read mark or a subscription changes no public page: the cache stays warm."""
    from boletin.models import Suscriptor

    Client().get("/acerca/")
    cliente_miembro.post("/boletin/mi-suscripcion/cambiar/", {"accion": "alta"})
    assert Suscriptor.objects.filter(baja_en__isnull=True).count() == 1
    assert Client().get("/acerca/")["X-Cache"] == "hit"
