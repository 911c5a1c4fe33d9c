"""Forum names and descriptions in the URL's language, falling back to Spanish."""

import pytest

from foros.models import Foro


@pytest.fixture
def foro_traducido(db):
    return Foro.objects.create(
        nombre_es="Marcos legales",
        nombre_pt="Marcos legais",
        nombre_en="Legal frameworks",
        slug="marcos-legales",
        descripcion_es="Leyes y formas jurídicas.",
        descripcion_pt="Leis e formas jurídicas.",
    )


@pytest.mark.parametrize(
    ("prefijo", "nombre", "descripcion"),
    [
        ("", "Marcos legales", "Leyes y formas jurídicas."),
        ("/pt", "Marcos legais", "Leis e formas jurídicas."),
        # No English description: the Spanish one stands in.
        ("/en", "Legal frameworks", "Leyes y formas jurídicas."),
    ],
)
def test_visitor_sees_forum_name_and_description_in_the_pages_language(
    client, foro_traducido, prefijo, nombre, descripcion
):
    pagina = client.get(f"{prefijo}/foros/").content.decode()
    assert nombre in pagina
    assert descripcion in pagina


def test_forum_made_with_the_plain_field_name_is_spanish_in_every_language(client, db):
    Foro.objects.create(nombre="Anuncios de la Red", slug="anuncios")
    for prefijo in ("", "/pt", "/en"):
        assert "Anuncios de la Red" in client.get(f"{prefijo}/foros/").content.decode()


def test_existing_forum_keeps_its_name_as_spanish_after_the_migration(db):
    """The migration copied each name into the Spanish column (see 0006_foro_traducciones)."""
    foro = Foro.objects.create(nombre="Sin traducir", slug="sin-traducir")
    assert Foro.objects.filter(pk=foro.pk, nombre_es="Sin traducir", nombre_pt=None).exists()


def test_staff_edit_the_forum_name_in_three_languages_in_the_admin(cliente_staff, foro_traducido):
    pagina = cliente_staff.get(f"/admin/foros/foro/{foro_traducido.pk}/change/").content.decode()
    for campo in ("nombre_es", "nombre_pt", "nombre_en", "descripcion_es", "descripcion_pt", "descripcion_en"):
        assert f'name="{campo}"' in pagina
    respuesta = cliente_staff.post(
        f"/admin/foros/foro/{foro_traducido.pk}/change/",
        {
            "nombre_es": "Marcos legales",
            "nombre_pt": "Marcos legais",
            "nombre_en": "Legal frameworks and laws",
            "slug": "marcos-legales",
            "descripcion_es": "Leyes.",
            "descripcion_pt": "",
            "descripcion_en": "",
            "orden": 0,
            "tipo": "discusion",
        },
    )
    assert respuesta.status_code == 302
    foro_traducido.refresh_from_db()
    assert (foro_traducido.nombre_en, foro_traducido.descripcion_pt) == ("Legal frameworks and laws", "")


def test_admin_requires_the_spanish_name_only(cliente_staff, db):
    respuesta = cliente_staff.post(
        "/admin/foros/foro/add/",
        {"nombre_es": "", "nombre_pt": "Só em português", "slug": "so-pt", "orden": 0},
    )
    assert respuesta.status_code == 200
    assert "nombre_es" in respuesta.context["adminform"].form.errors
