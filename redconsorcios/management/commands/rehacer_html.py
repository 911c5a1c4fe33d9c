"""Render again the HTML stored from every Markdown text, after the renderer changed.

The HTML of posts, consortium descriptions, news, events and boletín editorials is made once, at
write time (comun.markdown), and stored. When the renderer changes (issue 23: python-markdown to
markdown-it-py, with bare addresses as links), run this once after ``migrate``. It may run while
the site serves: rows are read and written in batches, only the HTML column is updated, and rows
whose HTML does not change are left alone. The sections' cached pages are dropped at the end.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from biblioteca.models import Evento, Noticia
from boletin.models import Numero
from comun.cache import SECCIONES, invalidar
from comun.markdown import a_html
from consorcios.models import Consorcio
from foros.models import Mensaje

# (model, Markdown field, stored HTML field)
TEXTOS = [
    (Mensaje, "fuente", "html"),
    (Consorcio, "descripcion", "descripcion_html"),
    (Noticia, "cuerpo", "cuerpo_html"),
    (Evento, "descripcion", "descripcion_html"),
    (Numero, "editorial", "editorial_html"),
]
LOTE = 1000


class Command(BaseCommand):
    help = "Vuelve a generar el HTML guardado de los textos en Markdown (mensajes, descripciones, noticias…)."

    def handle(self, *args, **options) -> None:
        for modelo, fuente, html in TEXTOS:
            cambiados = 0
            filas = modelo.objects.order_by("pk").values_list("pk", fuente, html)
            lote: list = []
            for pk, texto, guardado in filas.iterator(chunk_size=LOTE):
                nuevo = a_html(texto)
                if nuevo != guardado:
                    lote.append(modelo(pk=pk, **{html: nuevo}))
                if len(lote) >= LOTE:
                    cambiados += self._guardar(modelo, html, lote)
                    lote = []
            cambiados += self._guardar(modelo, html, lote)
            self.stdout.write(f"{modelo._meta.label}: {cambiados} rehechos")
        invalidar(*SECCIONES)

    @staticmethod
    def _guardar(modelo, html: str, lote: list) -> int:
        with transaction.atomic():
            modelo.objects.bulk_update(lote, [html])
        return len(lote)
