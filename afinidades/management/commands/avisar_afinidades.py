from django.core.management.base import BaseCommand

from afinidades.services import enviar_avisos_semanales


class Command(BaseCommand):
    help = "Envía a los responsables los consorcios afines nuevos (semanal)."

    def handle(self, *args, **options) -> None:
        enviados = enviar_avisos_semanales()
        self.stdout.write(f"{enviados} avisos de afinidades")
