"""``manage.py rehacer_html`` renders the stored HTML again with today's renderer (issue 23)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from consorcios.models import Consorcio
from foros import services
from foros.models import Foro, Mensaje
from tests.consorcios.conftest import crear_consorcio

pytestmark = pytest.mark.django_db


def _rehacer() -> str:
    salida = io.StringIO()
    call_command("rehacer_html", stdout=salida)
    return salida.getvalue()


def test_stored_html_made_by_the_old_renderer_is_made_again_and_shown(client, promotor):
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    with translation.override("es"):
        tema = services.abrir_tema(foro=foro, autor=promotor, titulo="Leyes", fuente="Vea https://www.sela.org/")
    # As python-markdown left them: bare addresses were not links.
    Mensaje.objects.update(html="<p>Vea https://www.sela.org/</p>")
    consorcio = crear_consorcio(descripcion="Diez *empresas*.", estado=Consorcio.Estado.PUBLICADO)
    Consorcio.objects.update(descripcion_html="<p>viejo</p>")
    antes = client.get(tema.get_absolute_url()).content.decode()
    assert '<a href="https://www.sela.org/"' not in antes

    salida = _rehacer()

    assert "foros.Mensaje: 1 rehechos" in salida and "consorcios.Consorcio: 1 rehechos" in salida
    assert '<a href="https://www.sela.org/" rel="nofollow ugc noopener">' in Mensaje.objects.get().html
    consorcio.refresh_from_db()
    assert consorcio.descripcion_html == "<p>Diez <em>empresas</em>.</p>"
    # The forum's kept pages were dropped with the old HTML.
    assert '<a href="https://www.sela.org/"' in client.get(tema.get_absolute_url()).content.decode()
    # A second run finds nothing to change.
    assert "foros.Mensaje: 0 rehechos" in _rehacer()
