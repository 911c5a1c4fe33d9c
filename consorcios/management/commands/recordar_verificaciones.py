"""Remind the responsables of published consortia to confirm their data once a year (run daily,
README "Running beyond one machine")."""

from django.core.management.base import BaseCommand

from consorcios.services import recordar_verificaciones


class Command(BaseCommand):
    help = "Recuerda a los responsables confirmar los datos de los consorcios sin verificar desde hace un año."

    def handle(self, *args, **options):
        self.stdout.write(f"{recordar_verificaciones()} consorcios recordados.")
