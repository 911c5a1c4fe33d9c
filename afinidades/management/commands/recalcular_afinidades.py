from django.core.management.base import BaseCommand

from afinidades.calculo import recalcular


class Command(BaseCommand):
    help = "Recalcula las afinidades de todos los consorcios publicados (tras una carga masiva)."

    def handle(self, *args, **options) -> None:
        recalcular()
        self.stdout.write("afinidades recalculadas")
