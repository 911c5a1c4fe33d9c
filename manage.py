#!/usr/bin/env python
"""Django's command-line utility for the Red de Consorcios portal."""

import os
import sys

# Commands that never touch the database: no reason to start PostgreSQL for them.
SIN_BASE_DE_DATOS = {"compilar_mensajes", "makemessages", "collectstatic", "help", "version", "--help", "--version"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redconsorcios.settings")
    comando = sys.argv[1] if len(sys.argv) > 1 else "help"
    if not os.environ.get("DATABASE_URL") and comando not in SIN_BASE_DE_DATOS:
        # The embedded cluster: start it on demand so every command just works.
        from redconsorcios import pg

        pg.ensure_running()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
