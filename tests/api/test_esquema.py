"""The OpenAPI document is valid, and every operation answers as it says (schemathesis on the live schema)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hipotesis
from openapi_spec_validator import validate

from redconsorcios.wsgi import application

pytestmark = pytest.mark.django_db
# Examples per operation: 15 operations × 25 is a few hundred requests.
EJEMPLOS = int(os.environ.get("API_EJEMPLOS", 25))


def test_openapi_document_is_valid_openapi_3_1(api):
    documento = api("openapi.json").json()
    assert documento["openapi"] == "3.1.0"
    validate(documento)
    assert "Error" in documento["components"]["schemas"]
    rutas = set(documento["paths"])
    assert {
        "/api/v1/consorcios/",
        "/api/v1/consorcios/{slug}/",
        "/api/v1/documentos/facetas/",
        "/api/v1/temas/",
    } <= rutas
    parametros = {p["name"] for p in documento["paths"]["/api/v1/consorcios/"]["get"]["parameters"]}
    assert {"q", "tipo", "sector", "pais", "institucion", "mercado", "cursor", "limite", "lang"} <= parametros
    assert "orden" not in parametros


def _aplicacion(environ, start_response):
    """The portal's WSGI application, called as a server would (the test transport leaves no address),
    uncompressed (the test transport does not inflate gzip)."""
    environ["REMOTE_ADDR"] = environ.get("REMOTE_ADDR") or "127.0.0.1"
    environ.pop("HTTP_ACCEPT_ENCODING", None)
    return application(environ, start_response)


@pytest.fixture
def en_la_transaccion_del_test():
    """As Django's test client does: the request's end must not close the test's connection (and its data)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_answers_within_its_schema_and_never_fails(mundo, settings, en_la_transaccion_del_test):
    settings.API_RATE_ANON = "100000/min"
    esquema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _aplicacion)
    operaciones = [resultado.ok() for resultado in esquema.get_all_operations()]
    assert len(operaciones) >= 14
    casos = []
    for operacion in operaciones:

        @given(caso=operacion.as_strategy())
        @hipotesis(
            max_examples=EJEMPLOS,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def probar(caso):
            casos.append(caso.operation.label)
            respuesta = caso.call()
            assert respuesta.status_code < 500, (caso.path, caso.query, respuesta.text[:500])
            caso.validate_response(respuesta)

        probar()
    assert len(casos) >= 200  # a few hundred requests in all
