from django.core.management.base import BaseCommand

from datos import tasks, volcados


class Command(BaseCommand):
    help = (
        "Reconstruye los volcados de datos abiertos (registro, biblioteca, noticias y eventos en CSV y JSON)."
        " Por defecto encola la tarea para el worker; con --ahora los escribe en este proceso."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ahora", action="store_true", help="Escribirlos ahora, sin pasar por la cola de tareas.")

    def handle(self, *args, ahora: bool = False, **options):
        if ahora:
            for volcado in volcados.reconstruir():
                self.stdout.write(f"{volcado.nombre}: {volcado.filas} filas, {volcado.tamano} bytes")
            return
        resultado = tasks.reconstruir_volcados.enqueue()
        self.stdout.write(f"Tarea encolada: {resultado.id}")
