from django.core.management.base import BaseCommand

from boletin import tasks


class Command(BaseCommand):
    help = "Vuelve a encolar el envío de los boletines con entregas pendientes (tras una caída del worker)."

    def handle(self, *args, **options):
        numeros = tasks.reanudar()
        self.stdout.write(f"Reanudados: {numeros or 'ninguno'}")
