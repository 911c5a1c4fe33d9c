from django.core.management.base import BaseCommand

from foros import services


class Command(BaseCommand):
    help = "Envía el resumen diario de los foros a quienes lo eligieron en su perfil (ejecutar una vez al día)."

    def handle(self, *args, **options):
        enviados = services.enviar_recopilaciones()
        self.stdout.write(f"Resúmenes enviados: {enviados}")
