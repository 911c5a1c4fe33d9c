"""The anonymous page cache and the sections' generations (comun/cache.py).

A kept page answers with no SQL; a write shows at once on the pages of its own section and
leaves the other sections' pages alone; nothing is flushed because a request was a POST.
"""

import uuid

import pytest
from django.db import transaction
from django.test import Client

from comun.cache import generacion, generaciones, invalidar
from consorcios.models import Consorcio
from foros import services as foros
from foros.models import Foro
from miembros.models import Institucion
from tests.conftest import PASSWORD
from tests.consorcios.conftest import crear_consorcio

REGISTRO = "/consorcios/"
FOROS = "/foros/"


@pytest.fixture
def publicado(db):
    return crear_consorcio(nombre="Consorcio Pisco del Sur", estado=Consorcio.Estado.PUBLICADO)


@pytest.fixture
def tema(db, promotor):
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales", descripcion="Leyes.")
    return foros.abrir_tema(foro=foro, autor=promotor, titulo="Ley de consorcios", fuente="¿Hace falta una ley?")


def servida_del_cache(ruta: str, django_assert_num_queries) -> bool:
    """Whether an anonymous visitor gets ``ruta`` without a query (a page kept by the cache)."""
    with django_assert_num_queries(0):
        respuesta = Client().get(ruta)
    return respuesta.status_code == 200


@pytest.mark.django_db
def test_second_anonymous_request_runs_no_query(client, publicado, django_assert_num_queries):
    primera = client.get(REGISTRO)
    with django_assert_num_queries(0):
        segunda = client.get(REGISTRO)
    assert segunda.content == primera.content
    assert "Consorcio Pisco del Sur" in segunda.content.decode()


@pytest.mark.django_db
def test_each_language_and_query_string_is_its_own_page(client, publicado):
    client.get(REGISTRO)
    assert '<html lang="en">' in client.get("/en" + REGISTRO).content.decode()
    en_portugues = client.get("/pt" + REGISTRO + "?tipo=origen").content.decode()
    assert '<html lang="pt">' in en_portugues
    assert "Consorcio Pisco del Sur" not in en_portugues  # an export consortium


@pytest.mark.django_db
def test_browsers_of_every_language_share_the_kept_spanish_page(publicado, django_assert_num_queries):
    """The URL decides the language: a visitor's Accept-Language does not split the kept page."""
    Client().get(REGISTRO, headers={"accept-language": "pt-BR,pt;q=0.9"})
    with django_assert_num_queries(0):
        respuesta = Client().get(REGISTRO, headers={"accept-language": "en-US,en;q=0.5"})
    assert '<html lang="es">' in respuesta.content.decode()


@pytest.mark.django_db
def test_a_save_shows_at_once_on_its_sections_pages(client, publicado):
    client.get(REGISTRO)
    publicado.nombre = "Consorcio Pisco de Ica"
    publicado.save()
    assert "Consorcio Pisco de Ica" in client.get(REGISTRO).content.decode()


@pytest.mark.django_db
def test_a_forum_post_leaves_the_registry_and_the_library_kept(publicado, tema, miembro, django_assert_num_queries):
    Client().get(REGISTRO)
    Client().get("/biblioteca/")
    Client().get(FOROS)
    foros.responder(tema=tema, autor=miembro, fuente="Sí, una ley marco.")
    assert servida_del_cache(REGISTRO, django_assert_num_queries)
    assert servida_del_cache("/biblioteca/", django_assert_num_queries)
    assert "2" in Client().get(FOROS).content.decode()  # the forum's page is made again, with the reply


@pytest.mark.django_db
def test_a_consortium_save_leaves_the_forums_kept(publicado, tema, django_assert_num_queries):
    Client().get(FOROS)
    Client().get(tema.get_absolute_url())
    publicado.save()
    assert servida_del_cache(FOROS, django_assert_num_queries)
    assert servida_del_cache(tema.get_absolute_url(), django_assert_num_queries)


@pytest.mark.django_db
def test_a_failed_login_changes_no_kept_page(client, publicado, miembro, django_assert_num_queries):
    Client().get(REGISTRO)
    respuesta = client.post("/cuentas/login/", {"login": miembro.email, "password": "no-es-la-clave"})
    assert respuesta.status_code == 200  # the form again, with its error
    assert servida_del_cache(REGISTRO, django_assert_num_queries)


@pytest.mark.django_db
def test_a_rate_limited_login_changes_no_kept_page(client, publicado, miembro, django_assert_num_queries):
    Client().get(REGISTRO)
    for _intento in range(6):
        client.post("/cuentas/login/", {"login": miembro.email, "password": "no-es-la-clave"})
    client.post("/cuentas/login/", {"login": miembro.email, "password": PASSWORD})  # refused: the limit holds
    assert "_auth_user_id" not in client.session
    assert servida_del_cache(REGISTRO, django_assert_num_queries)


@pytest.mark.django_db
def test_a_forum_preview_changes_no_kept_page(client, tema, miembro, django_assert_num_queries):
    Client().get(tema.get_absolute_url())
    client.force_login(miembro)
    datos = {"fuente": "**Hola**", "token": str(uuid.uuid4()), "vista_previa": "1"}
    respuesta = client.post(f"/foros/tema/{tema.pk}/responder/", datos)
    assert "<strong>Hola</strong>" in respuesta.content.decode()
    assert servida_del_cache(tema.get_absolute_url(), django_assert_num_queries)


@pytest.mark.django_db
def test_a_rejected_form_changes_no_kept_page(client, publicado, promotor, django_assert_num_queries):
    Client().get(REGISTRO)
    client.force_login(promotor)
    respuesta = client.post("/consorcios/registrar/", {"nombre": ""})
    assert respuesta.status_code == 200
    assert Consorcio.objects.count() == 1
    assert servida_del_cache(REGISTRO, django_assert_num_queries)


@pytest.mark.django_db
def test_a_deleted_consortium_leaves_the_list_with_no_empty_card(client, settings):
    """Cards are kept fragments keyed by the registry's generation: a deleted row is gone, not blank."""
    settings.CACHE_PAGINAS_SEGUNDOS = 0  # only the fragments
    primero = crear_consorcio(nombre="Consorcio Café de Loja", estado=Consorcio.Estado.PUBLICADO)
    crear_consorcio(nombre="Consorcio Tagua Manabí", estado=Consorcio.Estado.PUBLICADO)
    antes = client.get(REGISTRO).content.decode()
    assert antes.count('class="tarjeta"') == 2
    primero.delete()
    despues = client.get(REGISTRO).content.decode()
    assert despues.count('class="tarjeta"') == 1
    assert "Consorcio Café de Loja" not in despues
    assert "Consorcio Tagua Manabí" in despues


@pytest.mark.django_db
def test_logged_in_members_are_never_served_a_kept_page(cliente_miembro, publicado):
    Client().get(REGISTRO)  # an anonymous visitor fills the cache
    respuesta = cliente_miembro.get(REGISTRO)
    assert "Mi perfil" in respuesta.content.decode()


@pytest.mark.django_db
def test_pages_with_a_form_are_not_kept(client, django_assert_max_num_queries):
    client.get("/cuentas/login/")
    respuesta = Client().get("/cuentas/login/")
    assert "csrftoken" in respuesta.cookies


@pytest.mark.django_db
def test_kept_pages_tell_browsers_to_revalidate_and_answer_304(client, publicado):
    primera = client.get(REGISTRO)
    assert "max-age=0" in primera["Cache-Control"]
    assert "Cookie" in primera["Vary"]
    segunda = client.get(REGISTRO, headers={"if-none-match": primera["ETag"]})
    assert segunda.status_code == 304


@pytest.mark.django_db
def test_kept_pages_are_stored_compressed_for_clients_that_accept_gzip(client, publicado):
    import gzip

    client.get(REGISTRO, headers={"accept-encoding": "gzip"})
    respuesta = client.get(REGISTRO, headers={"accept-encoding": "gzip"})
    assert respuesta["Content-Encoding"] == "gzip"
    assert "Consorcio Pisco del Sur" in gzip.decompress(respuesta.content).decode()
    assert "Content-Encoding" not in client.get(REGISTRO)


@pytest.mark.django_db
def test_an_update_without_signals_bumps_its_section_through_the_service(tema, miembro):
    """Replies update the topic's counters with update(): the service bumps the forums itself."""
    antes = generacion("foros")
    foros.responder(tema=tema, autor=miembro, fuente="De acuerdo.")
    assert generacion("foros") > antes


@pytest.mark.django_db(transaction=True)
def test_a_save_inside_a_transaction_bumps_the_generation_again_at_commit():
    """A page made from the old rows while the write was uncommitted is never served after it."""
    antes = generacion("consorcios")
    with transaction.atomic():
        Institucion.objects.create(nombre="Conexport", tipo=Institucion.Tipo.CAMARA)
        durante = generacion("consorcios")
    assert antes < durante < generacion("consorcios")


def test_a_lost_generation_starts_again_above_every_number_it_had(settings):
    from django.core.cache import cache

    primera = generacion("biblioteca")
    invalidar("biblioteca")
    cache.delete("generacion:biblioteca")
    assert generacion("biblioteca") > primera + 1


def test_generations_are_read_together_and_unknown_sections_are_refused():
    assert set(generaciones("consorcios", "foros")) == {"consorcios", "foros"}
    with pytest.raises(ValueError, match="desconocida"):
        invalidar("consorcio")


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


def test_production_workers_share_the_generations(tmp_path):
    """gunicorn's workers are separate processes: a write in one must make every other one see it."""
    leer = "from comun.cache import generacion; print(generacion('foros'))"
    antes = int(_en_otro_proceso(leer, tmp_path))
    _en_otro_proceso("from comun.cache import invalidar; invalidar('foros')", tmp_path)
    assert int(_en_otro_proceso(leer, tmp_path)) == antes + 1
