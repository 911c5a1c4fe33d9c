"""Synthetic data for the benchmark, fast (bulk inserts), at two scales.

Each app may have a ``sinteticos`` module with ``generar(cantidades, stdout)``; they
run in INSTALLED_APPS order. Idempotent per scale: an app that already has its
rows skips them.
"""

import importlib
import importlib.util
import time

from django.apps import apps
from django.core.management.base import BaseCommand

from redconsorcios.cache import invalidar

ESCALAS = {
    # consortia, documents, forum posts
    "default": {"consorcios": 5_000, "documentos": 20_000, "mensajes": 100_000},
    "large": {"consorcios": 100_000, "documentos": 100_000, "mensajes": 1_000_000},
    # For the tests: every code path, in a second.
    "tiny": {"consorcios": 60, "documentos": 200, "mensajes": 300},
}


class Command(BaseCommand):
    help = "Genera datos sintéticos realistas para el benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--escala", choices=sorted(ESCALAS), default="default", help="default, large (tiny: tests)")

    def handle(self, *args, escala: str, **options):
        cantidades = ESCALAS[escala]
        for config in apps.get_app_configs():
            nombre = f"{config.name}.sinteticos"
            if importlib.util.find_spec(nombre) is None:
                continue
            inicio = time.monotonic()
            importlib.import_module(nombre).generar(cantidades, self.stdout)
            self.stdout.write(f"  {config.label}: {time.monotonic() - inicio:.1f} s")
        invalidar()  # bulk inserts send no signals: cached pages are stale now
