"""Synthetic data for the benchmark, fast (bulk inserts), at two scales.

One module per app in ``demo/sinteticos/``, each with ``generar(cantidades, stdout)``, run in
dependency order. Idempotent per scale: an app that already has its rows skips them.
"""

import time

from django.core.management.base import BaseCommand

from comun.cache import invalidar
from demo.sinteticos import biblioteca, consorcios, foros, miembros, oportunidades

ESCALAS = {
    # consortia, documents, forum posts
    "default": {"consorcios": 5_000, "documentos": 20_000, "mensajes": 100_000},
    "large": {"consorcios": 100_000, "documentos": 100_000, "mensajes": 1_000_000},
    # For the tests: every code path, in a second.
    "tiny": {"consorcios": 60, "documentos": 200, "mensajes": 300},
}
MODULOS = {
    "miembros": miembros,
    "consorcios": consorcios,
    "biblioteca": biblioteca,
    "foros": foros,
    "oportunidades": oportunidades,
}


class Command(BaseCommand):
    help = "Genera datos sintéticos realistas para el benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--escala", choices=sorted(ESCALAS), default="default", help="default, large (tiny: tests)")

    def handle(self, *args, escala: str, **options):
        cantidades = ESCALAS[escala]
        for nombre, modulo in MODULOS.items():
            inicio = time.monotonic()
            modulo.generar(cantidades, self.stdout)
            self.stdout.write(f"  {nombre}: {time.monotonic() - inicio:.1f} s")
        # Bulk inserts send no signals: the sections' cached pages and fragments are stale now.
        invalidar("consorcios", "biblioteca", "foros", "oportunidades")
