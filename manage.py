#!/usr/bin/env python
"""Django's command-line utility for the Red de Consorcios portal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redconsorcios.settings")
    if not os.environ.get("DATABASE_URL"):
        # The embedded cluster: start it on demand so every command just works.
        from redconsorcios import pg

        pg.ensure_running()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
