"""Load the demo data (idempotent): members, consortia, the library, the forums, the cooperation
opportunities, in that order, so later modules can use what earlier ones created."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from afinidades.calculo import recalcular
from demo import biblioteca, consorcios, foros, miembros, oportunidades

MODULOS = (miembros, consorcios, biblioteca, foros, oportunidades)


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
            for modulo in MODULOS:
                modulo.cargar(self.stdout)
            recalcular()  # the matches of every consortium at once (saves also enqueue their own)
        self.stdout.write(self.style.SUCCESS("Datos de demostración cargados."))
