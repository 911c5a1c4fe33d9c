"""Fixtures of the forum tests: a forum, a staff-only forum, a topic opened by the promoter."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from foros import services
from foros.models import Foro


@pytest.fixture(autouse=True)
def _claves_rapidas(settings):
    """The personas' passwords hash in microseconds here (PBKDF2 would dominate these tests)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _en_castellano():
    """URLs reversed by the tests are Spanish (the test client leaves the last request's language active)."""
    with translation.override("es"):
        yield


def antiguo(usuario):
    """Make an account old enough to leave the new-account limits."""
    usuario.date_joined = timezone.now() - timedelta(days=365)
    usuario.save(update_fields=["date_joined"])
    return usuario


@pytest.fixture
def foro(db):
    return Foro.objects.create(nombre="Marcos legales", slug="marcos-legales", descripcion="Leyes y formas jurídicas.")


@pytest.fixture
def foro_anuncios(db):
    return Foro.objects.create(nombre="Anuncios", slug="anuncios", solo_staff=True, orden=9)


@pytest.fixture
def tema(foro, promotor):
    return services.abrir_tema(
        foro=foro,
        autor=promotor,
        titulo="¿Hace falta una ley de consorcios en Uruguay?",
        fuente="En Uruguay falta un **marco jurídico** para los consorcios.",
    )


@pytest.fixture
def otro_miembro(django_user_model):
    from tests.conftest import _crear_usuario

    return _crear_usuario(django_user_model, "otra@example.org")
