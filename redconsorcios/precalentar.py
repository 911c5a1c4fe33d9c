"""Work every worker would otherwise repeat on its first requests, done once before forking.

gunicorn (``preload_app`` and the ``when_ready`` hook in gunicorn.conf.py) imports the
portal in its master process and calls ``precalentar()`` there; the workers it forks,
including those it starts again after ``max_requests``, inherit compiled templates,
loaded translation catalogues and populated URL resolvers instead of paying for them
on their first requests (hundreds of milliseconds each: the spikes in p99). Nothing
here opens a database connection: a connection must never be shared across a fork.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from django.urls import reverse
from django.utils import translation


def _nombres_de_plantillas(motor) -> set[str]:
    nombres = set()
    for directorio in motor.template_dirs:
        raiz = Path(directorio)
        if raiz.is_dir():
            nombres.update(str(ruta.relative_to(raiz)) for ruta in raiz.rglob("*.html"))
    return nombres


def precalentar() -> dict[str, int]:
    """Compile the portal's templates and load every language; returns what was done."""
    compiladas = 0
    for motor in engines.all():
        for nombre in sorted(_nombres_de_plantillas(motor)):
            try:
                motor.get_template(nombre)
            except (TemplateDoesNotExist, TemplateSyntaxError, ImportError):
                continue  # a template of a library we never render; the page that needs it will say
            compiladas += 1
    for codigo, _nombre in settings.LANGUAGES:
        with translation.override(codigo):
            translation.gettext("Inicio")  # loads the merged catalogue of the language
            reverse("portada")  # fills the language's URL resolver
    return {"plantillas": compiladas, "idiomas": len(settings.LANGUAGES)}
