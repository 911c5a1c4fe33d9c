"""Fill a gettext catalogue from a JSON table {msgid: {"pt": ..., "en": ...}}.

Usage: python scripts/traducir.py <app-or-locale-dir> <tabla.json>
Spanish is the source language: its msgstr is the msgid itself.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def _plurales(formas, catalogo) -> tuple:
    """As many forms as the language's Plural-Forms asks (Spanish's catalogue may declare three)."""
    formas = list(formas)
    return tuple(formas + [formas[-1]] * (catalogo.num_plurals - len(formas)))


def main(base: str, tabla_json: str) -> int:
    tabla = json.loads(Path(tabla_json).read_text())
    faltan = set()
    for idioma in ("es", "pt", "en"):
        po = Path(base) / "locale" / idioma / "LC_MESSAGES" / "django.po"
        with po.open("rb") as f:
            catalogo = read_po(f)
        for mensaje in catalogo:
            if not mensaje.id:
                continue
            clave = mensaje.id if isinstance(mensaje.id, str) else mensaje.id[0]
            if idioma == "es":
                # The msgid itself, unless a Spanish text is already there (an English msgid of
                # Django's that the project translates, such as its empty-choice label).
                if (
                    not mensaje.string
                    or "fuzzy" in mensaje.flags
                    or not (mensaje.string if isinstance(mensaje.string, str) else mensaje.string[0])
                ):
                    mensaje.string = mensaje.id if isinstance(mensaje.id, str) else _plurales(mensaje.id, catalogo)
            elif clave in tabla:
                valor = tabla[clave][idioma]
                mensaje.string = valor if isinstance(mensaje.id, str) else _plurales(valor, catalogo)
            elif "fuzzy" in mensaje.flags:
                mensaje.string = (
                    "" if isinstance(mensaje.id, str) else ("",) * len(mensaje.id)
                )  # a guess, not a translation
            if idioma != "es" and not (mensaje.string if isinstance(mensaje.string, str) else all(mensaje.string)):
                faltan.add(clave)
            mensaje.flags.discard("fuzzy")
        with po.open("wb") as f:
            write_po(f, catalogo, width=100, omit_header=False)
    for clave in sorted(faltan):
        print("FALTA:", clave)
    return 1 if faltan else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
