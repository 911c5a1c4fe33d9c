"""Hold N open conversations on the live channel: the load `make bench` adds to its page floor.

The acceptance of issue 25 asks that the live channel hold 200 open conversations while the benchmark's
page floor stays within 10 % of what it is without them. This script is that load:

1. In the database the settings point at (the benchmark's, or DATABASE_URL), it makes (once) N members
   ``vivo-bench-<i>@example.org`` and, for each, a one-to-one conversation with a host member
   ``vivo-bench-anfitrion@example.org``, through ``conversaciones.services`` like any conversation.
2. It signs each member's stream token with the same signer the pages use (``services.token_vivo``) and
   opens N Server-Sent Events streams (``<url>?t=…&conversacion=<id>``) to a RUNNING live process
   (``uvicorn redconsorcios.asgi:application``), with plain asyncio sockets, and keeps them open.
3. Every 5 seconds it prints how many are connected; with ``--mensajes`` the host also writes one message
   a second to a random conversation and the delivery time to its stream is reported (p50 and max).
4. It runs for ``--segundos`` (0: until Ctrl-C) and exits 1 when fewer than N streams ever connected.

    python bench/vivo.py --url http://127.0.0.1:8001/vivo/ [-n 200] [--segundos 60] [--mensajes]

The integrator plugs it into `make bench`: start the live process on the benchmark's database, run this
in the background during a second pass of the page floor, and report both floors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redconsorcios.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from conversaciones import services  # noqa: E402
from conversaciones.models import Conversacion  # noqa: E402


def preparar(n: int) -> tuple[object, list[tuple[object, int]]]:
    """The host and N (member, conversation id) pairs, made once and reused by later runs."""
    # The host opens N conversations and then writes a message a second: past the members' hourly
    # limit, which this process (and only it) lifts.
    settings.CONVERSACIONES_MENSAJES_POR_HORA = 10**9
    usuarios = get_user_model().objects
    hace_un_anio = timezone.now() - timezone.timedelta(days=365)  # past the new accounts' limits

    def miembro(correo: str):
        usuario, _creado = usuarios.get_or_create(
            username=correo, defaults={"email": correo, "date_joined": hace_un_anio}
        )
        return usuario

    anfitrion = miembro("vivo-bench-anfitrion@example.org")
    pares = []
    for i in range(n):
        otro = miembro(f"vivo-bench-{i}@example.org")
        conversacion = Conversacion.objects.de(otro).filter(participantes__miembro=anfitrion).first()
        if conversacion is None:
            conversacion = services.abrir_conversacion(
                iniciador=anfitrion, destinatarios=[otro], cuerpo="Conversación del benchmark", asunto=f"Bench {i}"
            )
        pares.append((otro, conversacion.pk))
    return anfitrion, pares


class Flujos:
    def __init__(self) -> None:
        self.conectados = 0
        self.alguna_vez = 0
        self.enviados: dict[int, float] = {}  # message id → when it was written
        self.latencias: list[float] = []

    async def abrir(self, url: str, token: str, conversacion: int) -> None:
        partes = urlsplit(url)
        ruta = f"{partes.path}?{urlencode({'t': token, 'conversacion': conversacion})}"
        while True:
            try:
                lector, escritor = await asyncio.open_connection(partes.hostname, partes.port or 80)
                escritor.write(
                    f"GET {ruta} HTTP/1.1\r\nHost: {partes.netloc}\r\nAccept: text/event-stream\r\n"
                    # As the load balancer says (production settings redirect plain HTTP to HTTPS).
                    "X-Forwarded-Proto: https\r\n\r\n".encode()
                )
                await escritor.drain()
                estado = await lector.readline()
                if b" 200 " not in estado:
                    raise ConnectionError(estado.decode(errors="replace").strip())
                contado = False
                while linea := await lector.readline():
                    if not contado and linea.startswith(b"retry:"):
                        contado = True
                        self.conectados += 1
                        self.alguna_vez += 1
                    elif linea.startswith(b"id: "):
                        enviado = self.enviados.pop(int(linea[4:]), None)
                        if enviado is not None:
                            self.latencias.append(time.monotonic() - enviado)
                if contado:
                    self.conectados -= 1
            except (OSError, ConnectionError) as error:
                print(f"flujo {conversacion}: {error}", file=sys.stderr)
            await asyncio.sleep(1)


async def principal(argumentos: argparse.Namespace) -> int:
    anfitrion, pares = await asyncio.to_thread(preparar, argumentos.n)
    flujos = Flujos()
    tareas = [
        asyncio.create_task(flujos.abrir(argumentos.url, services.token_vivo(miembro), conversacion))
        for miembro, conversacion in pares
    ]
    inicio = time.monotonic()
    siguiente_informe = inicio + 5
    while not argumentos.segundos or time.monotonic() - inicio < argumentos.segundos:
        await asyncio.sleep(1)
        if argumentos.mensajes and flujos.conectados:
            _miembro, conversacion_id = random.choice(pares)  # noqa: S311  (not cryptography)
            conversacion = await asyncio.to_thread(Conversacion.objects.get, pk=conversacion_id)
            antes = time.monotonic()
            mensaje = await asyncio.to_thread(
                services.escribir, conversacion=conversacion, autor=anfitrion, cuerpo="Mensaje del benchmark"
            )
            flujos.enviados[mensaje.pk] = antes
        if time.monotonic() >= siguiente_informe:
            siguiente_informe += 5
            latencia = ""
            if flujos.latencias:
                latencia = (
                    f", entrega p50 {statistics.median(flujos.latencias) * 1000:.0f} ms"
                    f" máx {max(flujos.latencias) * 1000:.0f} ms ({len(flujos.latencias)} mensajes)"
                )
            print(f"{time.monotonic() - inicio:5.0f} s: {flujos.conectados}/{argumentos.n} flujos abiertos{latencia}")
    for tarea in tareas:
        tarea.cancel()
    return 0 if flujos.alguna_vez >= argumentos.n else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8001/vivo/", help="the live process's /vivo/ address")
    parser.add_argument("-n", type=int, default=200, help="streams (members with a conversation each)")
    parser.add_argument("--segundos", type=float, default=60, help="how long to hold them (0: until Ctrl-C)")
    parser.add_argument("--mensajes", action="store_true", help="write a message a second and time its delivery")
    sys.exit(asyncio.run(principal(parser.parse_args())))
