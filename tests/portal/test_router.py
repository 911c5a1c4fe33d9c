"""The replica router (redconsorcios/routers.py): which reads go to the replica, read-your-writes, fallback.

`make test` has no replica: these tests drive the router and its middleware directly, with the
replica's probe replaced where its answer matters; the probe's query itself runs on the test database
(a primary, which it reports as current). `make cluster-test` drills the real replica."""

from __future__ import annotations

import pytest
import time_machine
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from consorcios.models import Consorcio
from redconsorcios import routers

router = routers.RouterReplica()


@pytest.fixture(autouse=True)
def replica(monkeypatch, settings):
    """A replica 0.2 s behind, probed afresh in each test; the answer is in ``replica.retraso``."""
    settings.DATABASE_REPLICA_STICKY_SECONDS = 10
    settings.DATABASE_REPLICA_MAX_LAG = 5
    settings.DATABASE_REPLICA_PROBE_SECONDS = 2
    monkeypatch.setattr(routers, "_sonda", routers._Sonda())
    estado = type("Replica", (), {"retraso": 0.2, "sondeos": 0})()

    def retraso(alias=routers.REPLICA):
        estado.sondeos += 1
        return estado.retraso

    monkeypatch.setattr(routers, "retraso_replica", retraso)
    return estado


def _atender(request, vista):
    """Run ``vista`` behind the middleware; return the response and the alias its read used."""
    usado = {}

    def get_response(req):
        usado["lectura"] = router.db_for_read(Consorcio)
        return vista(req)

    respuesta = routers.LecturasMiddleware(get_response)(request)
    return respuesta, usado["lectura"]


def _solo_lee(request):
    return HttpResponse("ok")


def _escribe(request):
    router.db_for_write(Consorcio)
    return HttpResponse(status=302)


def test_visitor_page_reads_from_the_replica():
    _respuesta, alias = _atender(RequestFactory().get("/consorcios/"), _solo_lee)
    assert alias == "replica"


def test_a_post_reads_from_the_primary():
    _respuesta, alias = _atender(RequestFactory().post("/consorcios/registrar/"), _solo_lee)
    assert alias == "default"


def test_work_outside_a_request_reads_from_the_primary():
    assert router.db_for_read(Consorcio) == "default"
    assert router.db_for_write(Consorcio) == "default"


def test_sessions_are_always_read_from_the_primary():
    from django.contrib.sessions.models import Session

    usado = {}

    def get_response(req):
        usado["sesion"] = router.db_for_read(Session)
        return HttpResponse()

    routers.LecturasMiddleware(get_response)(RequestFactory().get("/"))
    assert usado["sesion"] == "default"


def test_member_who_just_saved_reads_their_change_from_the_primary_then_the_replica_again():
    with time_machine.travel("2026-12-06 12:00:00Z", tick=False) as viaje:
        respuesta, _alias = _atender(RequestFactory().post("/consorcios/mio/editar/"), _escribe)
        cookie = respuesta.cookies[routers.COOKIE]
        assert cookie["max-age"] == 10
        assert cookie["httponly"]

        siguiente = RequestFactory().get("/consorcios/mio/")
        siguiente.COOKIES[routers.COOKIE] = cookie.value
        _respuesta, alias = _atender(siguiente, _solo_lee)
        assert alias == "default"

        viaje.shift(11)
        _respuesta, alias = _atender(siguiente, _solo_lee)
        assert alias == "replica"


def test_a_forged_write_cookie_changes_nothing():
    peticion = RequestFactory().get("/")
    peticion.COOKIES[routers.COOKIE] = "1765000000:falsa"
    _respuesta, alias = _atender(peticion, _solo_lee)
    assert alias == "replica"


def test_a_post_that_wrote_nothing_sets_no_cookie():
    respuesta, _alias = _atender(RequestFactory().post("/cuentas/login/"), _solo_lee)
    assert routers.COOKIE not in respuesta.cookies


def test_reads_fall_back_to_the_primary_when_the_replica_lags_beyond_the_bound(replica):
    replica.retraso = 30.0
    _respuesta, alias = _atender(RequestFactory().get("/"), _solo_lee)
    assert alias == "default"


def test_reads_fall_back_to_the_primary_when_the_replica_does_not_answer(replica):
    replica.retraso = None
    _respuesta, alias = _atender(RequestFactory().get("/"), _solo_lee)
    assert alias == "default"


def test_the_probe_runs_once_per_period_not_per_query(replica):
    for _ in range(5):
        _atender(RequestFactory().get("/"), _solo_lee)
    assert replica.sondeos == 1
    routers._sonda.hasta = 0.0  # the period is over
    _atender(RequestFactory().get("/"), _solo_lee)
    assert replica.sondeos == 2


def test_a_page_whose_replica_query_failed_is_answered_again_from_the_primary():
    """The handler calls process_exception when the view raises; the middleware then repeats the GET."""
    intentos = []

    def get_response(req):
        alias = router.db_for_read(Consorcio)
        intentos.append(alias)
        if alias == "replica":
            middleware.process_exception(req, OperationalError("server closed the connection unexpectedly"))
            return HttpResponse(status=500)
        return HttpResponse("ok")

    middleware = routers.LecturasMiddleware(get_response)
    respuesta = middleware(RequestFactory().get("/"))
    assert respuesta.status_code == 200
    assert intentos == ["replica", "default"]
    # …and the next page does not try the replica again until the next probe.
    respuesta = middleware(RequestFactory().get("/"))
    assert intentos[-1] == "default"


@pytest.mark.django_db
def test_probe_query_reports_a_server_that_is_not_replaying_as_current(monkeypatch):
    monkeypatch.undo()  # the real probe, on the test database
    assert routers.retraso_replica("default") == 0.0
