"""The portal's e-mails speak one register in each language, without double spaces.

Spanish: "usted" throughout; the test renders every e-mail template of the project (its own and
its overrides of allauth's) in es, pt and en with a context that fills every variable.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

_BASE = Path(settings.BASE_DIR)
PROPIAS = sorted(
    str(p.relative_to(p.parents[2]))
    for p in [*_BASE.glob("*/templates/*/correo/*"), *_BASE.glob("templates/*/correo/*")]
)
PLANTILLAS = [*PROPIAS, "account/email/base_message.txt"]

# Spanish "tú" forms that would break the "usted" register.
TUTEO = re.compile(
    r"\b(tu|tus|te|ti|tú|haz|puedes|tienes|has|eres|quieres|debes|abre|pulsa|ignora|fuiste|revísalo|publícalo|"
    r"recházalo|recibes|estás|sigues|tuyo|tuya|contigo)\b",
    re.IGNORECASE,
)

_objeto = SimpleNamespace(
    titulo="Título", numero=7, motivo_rechazo="Duplicado", nombre="Foro", get_absolute_url=lambda: "/x/",
    foro=SimpleNamespace(nombre="Foro"), editorial_html="<p>Editorial</p>", elementos_incluidos=[],
)  # fmt: skip
CONTEXTO = {
    "documento": _objeto, "tema": _objeto, "numero": _objeto, "mensaje": SimpleNamespace(fuente="Texto"),
    "url": "https://r.org/u", "enlace": "https://r.org/e", "baja": "https://r.org/b", "perfil": "https://r.org/p",
    "autor": "Ana", "nuevo_tema": True, "por_foro": True, "temas": [], "enlace_baja": "https://r.org/b",
    "SITE_URL": "https://r.org", "secciones": [], "dias": 7,
}  # fmt: skip


def test_there_are_emails_to_check():
    assert len(PLANTILLAS) >= 8


@pytest.mark.parametrize("plantilla", PLANTILLAS)
@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
def test_email_has_no_double_spaces(plantilla, idioma):
    with translation.override(idioma):
        texto = render_to_string(plantilla, CONTEXTO)
    assert not [linea for linea in texto.splitlines() if "  " in linea.strip()]


@pytest.mark.parametrize("plantilla", PLANTILLAS)
def test_spanish_email_says_usted_throughout(plantilla):
    with translation.override("es"):
        texto = render_to_string(plantilla, CONTEXTO)
    assert not TUTEO.findall(texto)


def test_allauths_own_emails_say_usted_in_spanish():
    """allauth's account e-mails (confirmation, code, password reset, changes) come from its
    templates and catalogue; every sentence of them, as the portal translates it, says usted."""
    from pathlib import Path

    import allauth
    from babel.messages.pofile import read_po
    from django.utils.translation import gettext

    catalogo = Path(allauth.__file__).parent / "locale" / "es" / "LC_MESSAGES" / "django.po"
    with catalogo.open("rb") as archivo:
        mensajes = [
            m.id
            for m in read_po(archivo)
            if isinstance(m.id, str) and m.id and any("account/email/" in lugar for lugar, _linea in m.locations)
        ]
    assert len(mensajes) >= 10
    with translation.override("es"):
        tuteo = {mensaje: gettext(mensaje) for mensaje in mensajes if TUTEO.search(gettext(mensaje))}
    assert tuteo == {}
