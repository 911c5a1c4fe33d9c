"""Delete the members' data exports whose download link has expired (run daily, README "Running beyond
one machine")."""

from django.core.management.base import BaseCommand

from redconsorcios.exportacion import purgar


class Command(BaseCommand):
    help = "Borra las exportaciones de datos de los miembros cuyo enlace ya caducó."

    def handle(self, *args, **options):
        borrados = purgar()
        self.stdout.write(f"{borrados} exportaciones borradas.")
