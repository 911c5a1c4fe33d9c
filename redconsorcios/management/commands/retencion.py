"""Apply the retention periods (run daily, README "Personal data"): erase the accounts whose grace period
is over and the accounts never confirmed, prune the boletín's old records and the expired data exports."""

from django.core.management.base import BaseCommand

from redconsorcios.baja import aplicar_retencion


class Command(BaseCommand):
    help = "Aplica los plazos de conservación de datos personales: bajas vencidas, cuentas sin confirmar, "
    "registros del boletín y exportaciones caducadas."

    def handle(self, *args, **options):
        for que, cuantos in aplicar_retencion().items():
            self.stdout.write(f"{que}: {cuantos}")
