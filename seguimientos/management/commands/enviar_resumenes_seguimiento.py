from django.core.management.base import BaseCommand

from seguimientos import services


class Command(BaseCommand):
    help = "Envía el resumen diario o semanal de lo que siguen a los miembros que lo eligieron (una vez al día)."

    def handle(self, *args, **options):
        enviados = services.enviar_resumenes()
        self.stdout.write(f"Resúmenes de seguimientos enviados: {enviados}")
