"""Compile translations without GNU gettext (Babel does it in pure Python).

Also builds the Portuguese catalogue of third-party apps: allauth and
django-countries ship Brazilian Portuguese (pt_BR) but our URLs and
LANGUAGES use plain "pt", which gettext would not match. Their pt_BR
messages are merged into var/locale/pt, a LOCALE_PATHS entry below ours.
"""

from importlib import import_module
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand

TERCEROS_PT_BR = ["allauth", "django_countries", "django_filters"]


class Command(BaseCommand):
    help = "Compila los archivos .po a .mo (sin gettext del sistema)."
    # It runs before PostgreSQL (manage.py lists it among the no-database commands), and
    # model checks may query the server (GeneratedField asks for its version).
    requires_system_checks: list = []

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        # The project's catalogue (locale/) and each app's own (<app>/locale/).
        for po in sorted([*base.glob("locale/*/LC_MESSAGES/*.po"), *base.glob("*/locale/*/LC_MESSAGES/*.po")]):
            self._compilar(po, po.with_suffix(".mo"))
        self._portugues_de_terceros(Path(settings.BASE_DIR) / "var" / "locale" / "pt" / "LC_MESSAGES")

    def _compilar(self, po: Path, mo: Path) -> None:
        with po.open("rb") as f:
            catalogo = read_po(f)
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            return
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as f:
            write_mo(f, catalogo, use_fuzzy=False)
        self.stdout.write(f"Compilado {mo.relative_to(settings.BASE_DIR)}")

    def _portugues_de_terceros(self, destino: Path) -> None:
        catalogo = None
        for paquete in TERCEROS_PT_BR:
            try:
                modulo = import_module(paquete)
            except ImportError:
                continue
            po = Path(modulo.__file__).parent / "locale" / "pt_BR" / "LC_MESSAGES" / "django.po"
            if not po.exists():
                continue
            with po.open("rb") as f:
                leido = read_po(f, locale="pt_BR")
            if catalogo is None:
                catalogo = leido
                continue
            for mensaje in leido:
                if mensaje.id and mensaje.id not in catalogo:
                    catalogo[mensaje.id] = mensaje
        if catalogo is None:
            return
        destino.mkdir(parents=True, exist_ok=True)
        with (destino / "django.mo").open("wb") as f:
            write_mo(f, catalogo, use_fuzzy=False)
