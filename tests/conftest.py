"""Shared fixtures: the personas of the portal and the embedded database."""

from __future__ import annotations

import os

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import caches

PASSWORD = "clave-de-prueba-2012"


def pytest_configure(config):
    # The embedded PostgreSQL, unless DATABASE_URL points at a server.
    if not os.environ.get("DATABASE_URL"):
        from redconsorcios import pg

        if pg.ensure_running():
            config.add_cleanup(pg.stop)
    # Translations are compiled artefacts; make sure they match the .po files.
    import django
    from django.core.management import call_command

    django.setup()
    call_command("compilar_mensajes", verbosity=0)
    # django.setup() may already have loaded a catalogue (a gettext at import time): on a
    # checkout compiled just now, that one lacked the new .mo files. Forget what was loaded,
    # with the receiver Django's tests run when LOCALE_PATHS changes.
    from django.test.signals import language_changed

    language_changed(setting="LOCALE_PATHS")


@pytest.fixture(autouse=True)
def _cache_limpia():
    """Rate limits and cached pages must not leak from one test to the next."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _sin_canal_en_vivo(settings):
    """No live channel unless a test starts one (tests/conversaciones): the test servers are WSGI, where
    /vivo/ answers 404, and a browser's EventSource would count as a failed request on every page."""
    settings.VIVO_URL = ""


def _crear_usuario(django_user_model, email: str, **extra):
    usuario = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=usuario, email=email, verified=True, primary=True)
    return usuario


@pytest.fixture
def promotor(django_user_model):
    """A registered member who promotes consortia."""
    usuario = _crear_usuario(django_user_model, "promotor@example.org")
    usuario.perfil.rol = "promotor"
    usuario.perfil.save()
    return usuario


@pytest.fixture
def miembro(django_user_model):
    """Another registered member, with no special relation to anything."""
    return _crear_usuario(django_user_model, "miembro@example.org")


@pytest.fixture
def staff(django_user_model):
    """UNIDO/SELA staff: curate everything in the admin."""
    return _crear_usuario(django_user_model, "staff@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def cliente_promotor(client, promotor):
    client.force_login(promotor)
    return client


@pytest.fixture
def cliente_miembro(client, miembro):
    client.force_login(miembro)
    return client


@pytest.fixture
def cliente_staff(client, staff):
    client.force_login(staff)
    return client
