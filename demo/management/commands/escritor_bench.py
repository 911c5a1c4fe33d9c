"""The writer of the benchmark's mixed-load pass: while wrk reads the pages, it posts one forum
message and/or saves one consortium every second, through the same code as production (the forum
service, the model's save), so the same signals bump the same sections' generations.

It writes until stopped (SIGTERM or Ctrl-C) or for ``--segundos``. The first line of its output,
"escribiendo", says it is ready; the last one says how much it wrote.
"""

import signal
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from consorcios.models import Consorcio
from demo.sinteticos.foros import TITULO_REFERENCIA
from foros import services as servicios_foros
from foros.models import Tema


class Command(BaseCommand):
    help = "Escribe cada segundo un mensaje en los foros y/o guarda un consorcio (pasada mixta del benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--foros", action="store_true", help="Publicar un mensaje por segundo.")
        parser.add_argument("--consorcios", action="store_true", help="Guardar un consorcio por segundo.")
        parser.add_argument("--segundos", type=float, default=0, help="Cuánto escribir (0: hasta que lo detengan).")

    def handle(self, *args, foros: bool, consorcios: bool, segundos: float, **options):
        if not (foros or consorcios):
            raise CommandError("Indica qué escribir: --foros, --consorcios o ambos.")
        # Staff: the posting rate limit of members does not apply.
        autor, _ = get_user_model().objects.get_or_create(
            username="escritor-bench@example.org",
            defaults={"email": "escritor-bench@example.org", "is_staff": True},
        )
        # Not the 50-post topic the benchmark reads: its page must keep its 50 posts.
        tema = Tema.objects.exclude(titulo=TITULO_REFERENCIA).order_by("pk").first() if foros else None
        consorcio = Consorcio.objects.publicados().order_by("-pk").first() if consorcios else None
        if (foros and tema is None) or (consorcios and consorcio is None):
            raise CommandError("No hay datos: corre antes `manage.py generar_datos`.")

        seguir = True

        def parar(*_args) -> None:
            nonlocal seguir
            seguir = False

        anteriores = {numero: signal.signal(numero, parar) for numero in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write("escribiendo")
        self.stdout.flush()
        mensajes = guardados = 0
        siguiente = time.monotonic()
        fin = siguiente + segundos if segundos else float("inf")
        try:
            while seguir and time.monotonic() < fin:
                if tema is not None:
                    servicios_foros.responder(tema=tema, autor=autor, fuente=f"Mensaje de carga mixta {mensajes + 1}.")
                    mensajes += 1
                if consorcio is not None:
                    consorcio.save()  # post_save: the registry's generation moves, as on an edit
                    guardados += 1
                siguiente += 1
                time.sleep(max(0.0, min(siguiente, fin) - time.monotonic()))
        finally:
            for numero, anterior in anteriores.items():
                signal.signal(numero, anterior)
        self.stdout.write(f"{mensajes} mensajes, {guardados} consorcios guardados")
