from django.core.management.base import BaseCommand

from conversaciones.services import avisar_no_leidos


class Command(BaseCommand):
    help = "Avisa por correo de los mensajes que llevan CONVERSACIONES_AVISO_MINUTOS sin leer (cada pocos minutos)."

    def handle(self, *args, **options) -> None:
        enviados = avisar_no_leidos()
        self.stdout.write(f"{enviados} avisos encolados")
