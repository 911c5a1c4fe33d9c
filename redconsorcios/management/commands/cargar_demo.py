"""Load the demo data of every app (idempotent).

Each app may have a ``demo`` module with a ``cargar(stdout)`` function; they run
in INSTALLED_APPS order, so later apps can use what earlier ones created.
"""

import importlib
import importlib.util

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Carga los datos de demostración (idempotente)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--si-vacia",
            action="store_true",
            help="Cargar solo si la base de datos no tiene usuarios todavía (lo usa `make run`).",
        )

    def handle(self, *args, si_vacia: bool = False, **options):
        if si_vacia and get_user_model().objects.exists():
            self.stdout.write("La base de datos ya tiene datos: no se cargan los de demostración.")
            return
        with transaction.atomic():
            for config in apps.get_app_configs():
                nombre = f"{config.name}.demo"
                if importlib.util.find_spec(nombre) is None:
                    continue
                importlib.import_module(nombre).cargar(self.stdout)
        self.stdout.write(self.style.SUCCESS("Datos de demostración cargados."))
