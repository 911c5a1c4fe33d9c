"""The live channel: Server-Sent Events of new messages, served by a separate ASGI process.

``uvicorn redconsorcios.asgi:application`` runs it (README "Conversations"); HAProxy sends ``/vivo/`` there,
so a long-lived stream never occupies a gunicorn worker that serves pages. Under WSGI this view answers
404: the page workers never hold a stream.

How an event travels: ``services.escribir`` runs ``pg_notify('conversaciones', …)`` inside the message's
transaction; PostgreSQL delivers it on commit to every connection LISTENing on the channel, on this machine
or another one. Each live process holds ONE such connection (``Oyente``), fed by psycopg's
``notifies()`` generator (event-driven, no polling), and hands each notice to the queues of the streams of
the participants it names. A stream is per member: every conversation of theirs, so the header's unread
count moves on any page; ``?conversacion=<id>`` narrows it to one (404 unless a participant).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from . import services
from .models import Participante

logger = logging.getLogger(__name__)

REINTENTO_MS = 3000  # how soon a browser reconnects after the stream drops (EventSource's retry)


class Oyente:
    """The process's one LISTEN connection and the queues of its open streams, by member id."""

    def __init__(self) -> None:
        self.colas: dict[int, set[asyncio.Queue]] = defaultdict(set)
        self.tarea: asyncio.Task | None = None
        self.escuchando = asyncio.Event()

    def suscribir(self, usuario_id: int) -> asyncio.Queue:
        bucle = asyncio.get_running_loop()
        if self.tarea is None or self.tarea.done() or self.tarea.get_loop() is not bucle:
            self.escuchando = asyncio.Event()
            self.tarea = bucle.create_task(self._escuchar())
        cola: asyncio.Queue = asyncio.Queue(maxsize=100)
        self.colas[usuario_id].add(cola)
        return cola

    def quitar(self, usuario_id: int, cola: asyncio.Queue) -> None:
        colas = self.colas.get(usuario_id)
        if colas is not None:
            colas.discard(cola)
            if not colas:
                del self.colas[usuario_id]

    def repartir(self, carga: str) -> None:
        try:
            datos = json.loads(carga)
        except ValueError:
            return
        for usuario_id in datos.get("p", []):
            for cola in list(self.colas.get(usuario_id, ())):
                # A stream that stopped reading drops events: its page catches up from the fragment URL.
                with contextlib.suppress(asyncio.QueueFull):
                    cola.put_nowait(datos)

    async def _escuchar(self) -> None:
        """LISTEN, then wait for notices; on a lost connection, connect again after a pause."""
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(**_parametros(), autocommit=True) as conexion:
                    await conexion.execute(f"LISTEN {services.CANAL}")
                    self.escuchando.set()
                    async for aviso in conexion.notifies():
                        self.repartir(aviso.payload)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("El canal en vivo perdió su conexión a PostgreSQL; reintenta en 2 s")
            self.escuchando.clear()
            await asyncio.sleep(2)


def _parametros() -> dict:
    """Django's connection parameters for the default database, minus what only a sync connection takes."""
    parametros = connections["default"].get_connection_params()
    for clave in ("cursor_factory", "context", "prepare_threshold"):
        parametros.pop(clave, None)
    return parametros


oyente = Oyente()


def _comprobar(token: str, conversacion: str | None) -> int | None:
    """The member of a valid token (and a participant of ``conversacion`` when given), else None.

    Runs in a thread and gives its database connection back at once: a stream lasts hours and must not
    hold one."""
    try:
        usuario = services.leer_token_vivo(token)
        if usuario is None:
            return None
        if conversacion is not None:
            if not conversacion.isdigit():
                return -1
            existe = Participante.objects.activos().filter(conversacion_id=int(conversacion), miembro=usuario).exists()
            if not existe:
                return -1
        return usuario.pk
    finally:
        connections.close_all()


def _cors(respuesta: HttpResponse) -> HttpResponse:
    # The page may be on another origin than the stream (make run's second port): the token
    # authenticates, no cookie is needed, so any origin may read it.
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta


async def flujo(request: HttpRequest) -> HttpResponse:
    if not isinstance(request, ASGIRequest):
        raise Http404  # never on a page worker
    conversacion = request.GET.get("conversacion")
    usuario_id = await sync_to_async(_comprobar, thread_sensitive=False)(request.GET.get("t", ""), conversacion)
    if usuario_id is None:
        return _cors(HttpResponse(status=403))
    if usuario_id == -1:
        return _cors(HttpResponse(status=404))
    filtro = int(conversacion) if conversacion else None

    async def eventos() -> AsyncIterator[str]:
        cola = oyente.suscribir(usuario_id)
        try:
            # "conectado" only once the process listens: from then on no message is missed.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(oyente.escuchando.wait(), timeout=10)
            yield f"retry: {REINTENTO_MS}\n: conectado\n\n"
            while True:
                try:
                    datos = await asyncio.wait_for(cola.get(), timeout=settings.VIVO_LATIDO_SEGUNDOS)
                except TimeoutError:
                    yield ": latido\n\n"
                    continue
                if filtro is not None and datos.get("c") != filtro:
                    continue
                carga = json.dumps({"conversacion": datos["c"], "mensaje": datos["m"]})
                yield f"event: mensaje\nid: {datos['m']}\ndata: {carga}\n\n"
        finally:
            oyente.quitar(usuario_id, cola)

    respuesta = StreamingHttpResponse(eventos(), content_type="text/event-stream")
    respuesta["Cache-Control"] = "no-cache, no-store"
    respuesta["X-Accel-Buffering"] = "no"  # proxies that buffer (nginx) pass each event at once
    return _cors(respuesta)
