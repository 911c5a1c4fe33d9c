"""The anonymous page cache: hits run no SQL, saves show at once, members are never served from it."""

import gzip

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


@pytest.mark.django_db(transaction=True)
def test_a_save_inside_a_transaction_bumps_the_version_again_at_commit(client):
    """A page rendered from the old rows while the write was uncommitted is never served after it."""
    from django.db import transaction

    from redconsorcios.cache import version

    antes = version()
    with transaction.atomic():
        Institucion.objects.create(nombre="Conexport", tipo=Institucion.Tipo.CAMARA)
        durante = version()
        client.get("/acerca/")  # what another worker might render and store meanwhile
    assert antes < durante < version()
    assert client.get("/acerca/")["X-Cache"] == "miss"


def _en_otro_proceso(codigo: str, directorio) -> str:
    """Run code in a new production-mode process whose shared cache lives in ``directorio``."""
    import os
    import subprocess
    import sys

    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "redconsorcios.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "prueba-" + "k7" * 30,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "CACHE_DIR": str(directorio),
    }
    programa = f"import django; django.setup()\n{codigo}"
    return subprocess.run(
        [sys.executable, "-c", programa], env=entorno, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_production_workers_share_one_content_version(tmp_path):
    """gunicorn's workers are separate processes: a save in one must make every other one render afresh."""
    leer = "from redconsorcios.cache import version; print(version())"
    antes = int(_en_otro_proceso(leer, tmp_path))
    _en_otro_proceso("from redconsorcios.cache import invalidar; invalidar()", tmp_path)
    assert int(_en_otro_proceso(leer, tmp_path)) == antes + 1
    motor = _en_otro_proceso("from django.conf import settings; print(settings.CACHES['default']['BACKEND'])", tmp_path)
    assert motor.endswith("FileBasedCache")


def test_production_workers_share_rendered_pages_apart_from_the_version_and_rate_limits(tmp_path):
    """A page stored by one worker is read by another; culling the pages never touches the rest."""
    guardar = "from django.core.cache import caches; caches['paginas'].set('pagina:1:x', ('cuerpo', None, 0), 60)"
    _en_otro_proceso(guardar, tmp_path)
    leer = "from django.core.cache import caches; print(caches['paginas'].get('pagina:1:x')[0])"
    assert _en_otro_proceso(leer, tmp_path) == "cuerpo"
    assert list((tmp_path / "paginas").iterdir())
    ubicacion = "from django.conf import settings; print(settings.CACHES['paginas']['LOCATION'])"
    assert _en_otro_proceso(ubicacion, tmp_path) == str(tmp_path / "paginas")


@pytest.mark.django_db
def test_a_page_reads_the_shared_version_once_however_many_values_it_caches(client, monkeypatch):
    """The version lives in the shared cache (a file or Redis read): once per request, not once per value."""
    from django.core.cache import cache

    client.get("/acerca/")  # the first read of all creates the version
    lecturas = []
    leer = cache.get
    monkeypatch.setattr(cache, "get", lambda clave, *a, **k: (lecturas.append(clave), leer(clave, *a, **k))[1])
    client.get("/consorcios/")  # the filter form's four choice lists and the page itself are cached values
    assert lecturas == ["paginas:version"]  # the page another worker may have stored is in caches["paginas"]


@pytest.mark.django_db
def test_with_the_data_cache_off_each_value_is_still_computed_once_per_request(
    client, settings, django_assert_num_queries
):
    """The benchmark's cold pass: every request pays like the first one after a save, no more."""
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    settings.CACHE_DATOS_SEGUNDOS = 0
    for _vez in range(2):
        # the count (nothing published: no page to read), and the filter form's choices, asked for
        # by four selects: three queries, once
        with django_assert_num_queries(4):
            client.get("/consorcios/")


@pytest.mark.django_db
def test_a_page_another_worker_stored_is_served_without_rendering(client, django_assert_num_queries):
    """Each gunicorn worker has its own memory: the page one rendered reaches the others (and a worker
    that has just been started) through the shared cache, so a page is rendered once per version."""
    from django.core.cache import caches

    primera = client.get("/consorcios/")
    assert primera["X-Cache"] == "miss"
    caches["local"].clear()  # another worker: the shared cache, but none of this one's memory
    with django_assert_num_queries(0):
        otra = client.get("/consorcios/", HTTP_ACCEPT_ENCODING="gzip")
    assert otra["X-Cache"] == "hit"
    assert otra["Content-Encoding"] == "gzip"
    assert gzip.decompress(otra.content) == primera.content
    Institucion.objects.create(nombre="Conexport", tipo=Institucion.Tipo.CAMARA)
    caches["local"].clear()
    assert client.get("/consorcios/")["X-Cache"] == "miss"  # a save: no worker serves the old page


@pytest.mark.django_db
def test_a_page_from_the_shared_cache_lives_no_longer_than_it_had_left(client, monkeypatch):
    import time

    from django.core.cache import caches

    client.get("/acerca/")
    ahora = time.time()
    monkeypatch.setattr(time, "time", lambda: ahora + 599.5)  # CACHE_PAGINAS_SEGUNDOS is 600
    caches["local"].clear()
    assert client.get("/acerca/")["X-Cache"] == "miss"


def test_a_lost_version_never_goes_back_to_the_versions_already_used():
    """Evicted from Redis or culled from the files, the version starts again above every old one:
    values the workers still keep under those versions are never taken for current ones."""
    from django.core.cache import cache

    from redconsorcios.cache import CLAVE_VERSION, invalidar, version

    invalidar()
    antes = version()
    cache.delete(CLAVE_VERSION)
    despues = version()
    assert despues > antes  # not 1 again
    invalidar()
    assert version() == despues + 1
