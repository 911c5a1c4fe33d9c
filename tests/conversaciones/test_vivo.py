"""The live channel, for real: uvicorn serves the ASGI app in a thread against the test database, a
plain HTTP client opens a member's stream, a message written in another transaction arrives."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from urllib.parse import urlencode

import pytest
import uvicorn

from conversaciones import services

from .conftest import antiguo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def servidor_vivo():
    from redconsorcios.asgi import application

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        puerto = s.getsockname()[1]
    servidor = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=puerto, log_level="warning", lifespan="off")
    )
    hilo = threading.Thread(target=servidor.run, daemon=True)
    hilo.start()
    limite = time.monotonic() + 10
    while not servidor.started:
        assert time.monotonic() < limite, "uvicorn no arrancó"
        time.sleep(0.05)
    yield puerto
    servidor.should_exit = True
    hilo.join(10)


def _abrir(puerto: int, token: str, **extra) -> http.client.HTTPResponse:
    conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=5)
    conexion.request("GET", "/vivo/?" + urlencode({"t": token, **extra}))
    return conexion.getresponse()


def _evento(respuesta: http.client.HTTPResponse) -> dict:
    """The next event's fields (comments skipped)."""
    campos: dict = {}
    while True:
        linea = respuesta.readline().decode().rstrip("\n")
        if not linea:
            if campos:
                return campos
            continue
        if linea.startswith(":") or linea.startswith("retry:"):
            continue
        nombre, _sep, valor = linea.partition(": ")
        campos[nombre] = valor


def test_a_message_reaches_the_other_participants_stream_within_two_seconds(
    servidor_vivo, conversacion, miembro, promotor
):
    respuesta = _abrir(servidor_vivo, services.token_vivo(promotor))
    assert respuesta.status == 200
    assert respuesta.getheader("Content-Type").startswith("text/event-stream")
    assert respuesta.getheader("Access-Control-Allow-Origin") == "*"
    assert respuesta.readline().startswith(b"retry:")  # the stream listens from here on
    antes = time.monotonic()
    mensaje = services.escribir(conversacion=conversacion, autor=antiguo(miembro), cuerpo="¿Me lee en vivo?")
    evento = _evento(respuesta)
    assert time.monotonic() - antes < 2
    assert evento["event"] == "mensaje"
    assert json.loads(evento["data"]) == {"conversacion": conversacion.pk, "mensaje": mensaje.pk}
    respuesta.close()


def test_the_live_channel_refuses_bad_tokens_and_non_participants(servidor_vivo, conversacion, promotor, intruso):
    assert _abrir(servidor_vivo, "falso").status == 403
    assert _abrir(servidor_vivo, services.token_vivo(intruso), conversacion=conversacion.pk).status == 404
    assert _abrir(servidor_vivo, services.token_vivo(promotor), conversacion="x").status == 404
    respuesta = _abrir(servidor_vivo, services.token_vivo(promotor), conversacion=conversacion.pk)
    assert respuesta.status == 200
    respuesta.close()


def test_the_page_workers_never_serve_the_stream(client, promotor):
    # Under WSGI (gunicorn, runserver, the test client) the live URL does not exist. In a thread of its
    # own: the test client runs the async view through async_to_sync, which refuses a thread where an
    # event loop runs (Playwright's, when the browser tests ran before in this process).
    token = services.token_vivo(promotor)
    respuestas = []
    hilo = threading.Thread(target=lambda: respuestas.append(client.get("/vivo/", {"t": token})))
    hilo.start()
    hilo.join(10)
    assert [r.status_code for r in respuestas] == [404]
