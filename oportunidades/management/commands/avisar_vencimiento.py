"""Remind the editors of published opportunities that their deadline is a week away (run daily,
deploy/systemd/redconsorcios-diario.service)."""

from django.core.management.base import BaseCommand

from oportunidades.services import avisar_vencimiento


class Command(BaseCommand):
    help = "Avisa a los editores de las oportunidades que vencen dentro de una semana."

    def handle(self, *args, **options):
        self.stdout.write(f"{avisar_vencimiento()} oportunidades avisadas.")
