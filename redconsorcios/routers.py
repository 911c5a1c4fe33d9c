"""Reads on a PostgreSQL replica, with read-your-writes (README "Running beyond one machine").

Enabled only when ``DATABASE_REPLICA_URL`` is set (settings add the ``replica`` alias, this router and
its middleware); without it everything uses ``default``, as `make run` and `make test` do.

- A GET or HEAD request reads from the replica; every write, and every read of a POST, goes to the
  primary. Work outside a request (task workers, management commands) always uses the primary.
- A request that wrote gets a signed cookie carrying the time of the write; for
  ``DATABASE_REPLICA_STICKY_SECONDS`` after it, that browser reads from the primary, so a member who
  just saved sees what they saved (asynchronous replication lags by a fraction of a second).
- Sessions always come from the primary (one just made at login may not have reached the replica).
- The replica is used only while it answers and lags at most ``DATABASE_REPLICA_MAX_LAG`` seconds: a
  probe (one query, remembered ``DATABASE_REPLICA_PROBE_SECONDS`` per process) checks it. A GET whose
  replica query fails is answered again from the primary (a GET never writes, so it is safe to repeat),
  and the replica is left alone until the next probe.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, connections

PRIMARIO = "default"
REPLICA = "replica"
COOKIE = "rc_escritura"
SAL = "redconsorcios.routers.escritura"
# Models read from the primary whatever the request: a session is written at login and read at once.
SIEMPRE_PRIMARIO = {"sessions"}
METODOS_SEGUROS = {"GET", "HEAD", "OPTIONS"}

# How far the replica is behind, in seconds. An idle primary sends nothing, so "now − last replayed
# commit" alone would grow forever: a replica that is streaming and has replayed everything it received
# is current. One that is not streaming (its primary unreachable) or is behind is as old as its last
# replayed commit. A server that is not in recovery (the test database mirrored as a replica) is
# current. The status column of pg_stat_wal_receiver needs a role with pg_read_all_stats (pg_monitor).
SQL_RETRASO = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')
        AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
END
"""


@dataclass
class _Peticion:
    puede_usar_replica: bool
    uso_replica: bool = False
    escribio: bool = False


_peticion: ContextVar[_Peticion | None] = ContextVar("redconsorcios_peticion", default=None)


@dataclass
class _Sonda:
    sana: bool = False
    hasta: float = 0.0  # time.monotonic() until which ``sana`` holds


_sonda = _Sonda()


def retraso_replica(alias: str = REPLICA) -> float | None:
    """The replica's lag in seconds, or None when it does not answer."""
    conexion = connections[alias]
    try:
        with conexion.cursor() as cursor:
            cursor.execute(SQL_RETRASO)
            return float(cursor.fetchone()[0])
    except DatabaseError:
        conexion.close()  # a broken connection is not reused; the next probe opens a new one
        return None


def replica_sana() -> bool:
    """Whether reads may go to the replica now (probed at most once per DATABASE_REPLICA_PROBE_SECONDS)."""
    ahora = time.monotonic()
    if ahora >= _sonda.hasta:
        retraso = retraso_replica()
        _sonda.sana = retraso is not None and retraso <= settings.DATABASE_REPLICA_MAX_LAG
        _sonda.hasta = ahora + settings.DATABASE_REPLICA_PROBE_SECONDS
    return _sonda.sana


def replica_caida() -> None:
    """A query on the replica failed: read from the primary until the next probe."""
    _sonda.sana = False
    _sonda.hasta = time.monotonic() + settings.DATABASE_REPLICA_PROBE_SECONDS


class RouterReplica:
    def db_for_read(self, model, **hints):
        peticion = _peticion.get()
        if (
            peticion is not None
            and peticion.puede_usar_replica
            and model._meta.app_label not in SIEMPRE_PRIMARIO
            and replica_sana()
        ):
            peticion.uso_replica = True
            return REPLICA
        return PRIMARIO

    def db_for_write(self, model, **hints):
        if (peticion := _peticion.get()) is not None:
            peticion.escribio = True
        return PRIMARIO

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARIO


def escribio_hace_poco(request) -> bool:
    """Whether this browser wrote within DATABASE_REPLICA_STICKY_SECONDS (the signed cookie says when)."""
    try:
        request.get_signed_cookie(COOKIE, salt=SAL, max_age=settings.DATABASE_REPLICA_STICKY_SECONDS)
    except (KeyError, signing.BadSignature):
        return False
    return True


class LecturasMiddleware:
    """Decides, per request, whether its reads may use the replica, and marks the browsers that wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        puede = request.method in METODOS_SEGUROS and not escribio_hace_poco(request)
        peticion = _Peticion(puede_usar_replica=puede)
        token = _peticion.set(peticion)
        try:
            respuesta = self.get_response(request)
            if getattr(request, "_replica_fallo", False):
                # The replica failed under this GET: answer it again from the primary.
                request._replica_fallo = False
                peticion = _Peticion(puede_usar_replica=False)
                _peticion.set(peticion)
                respuesta = self.get_response(request)
        finally:
            _peticion.reset(token)
        if peticion.escribio:
            respuesta.set_signed_cookie(
                COOKIE,
                str(int(time.time())),
                salt=SAL,
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return respuesta

    def process_exception(self, request, exception):
        peticion = _peticion.get()
        if isinstance(exception, DatabaseError) and peticion is not None and peticion.uso_replica:
            replica_caida()
            request._replica_fallo = True
        return None
