"""Fixtures of conversations: a consortium whose responsable is the promotor persona, and a
conversation between the member and the promotor about it."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from consorcios.models import Consorcio
from conversaciones import services
from tests.conftest import _crear_usuario
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


@pytest.fixture
def consorcio(db, promotor):
    sembrar_sectores()
    return crear_consorcio(promotor, nombre="Consorcio Pisco del Sur", estado=Consorcio.Estado.PUBLICADO, slug="pisco")


def antiguo(usuario):
    """An account older than FOROS_CUENTA_NUEVA_DIAS: the ordinary limits, not the new accounts' ones."""
    usuario.date_joined = timezone.now() - timezone.timedelta(days=60)
    usuario.save(update_fields=["date_joined"])
    return usuario


@pytest.fixture
def conversacion(miembro, promotor, consorcio):
    """The member contacted the promotor about their consortium."""
    return services.abrir_conversacion(
        iniciador=antiguo(miembro),
        destinatarios=[antiguo(promotor)],
        cuerpo="Hola, ¿exportan a Japón?",
        sobre=consorcio,
    )


@pytest.fixture
def intruso(django_user_model):
    """A member who is in no conversation."""
    return _crear_usuario(django_user_model, "intruso@example.org")
