"""Every library page, with content, in every language: 200, one <h1>, strict HTML5; admin pages open."""

from __future__ import annotations

import re
from datetime import timedelta

import html5lib
import pytest
from django.utils import timezone

from biblioteca.models import Evento, Noticia

from .conftest import nuevo_documento


@pytest.fixture
def contenido(db):
    documento = nuevo_documento(
        titulo="Código Orgánico de la Producción",
        tipo="legislacion",
        paises=["EC"],
        autores="Asamblea Nacional",
        resumen="Incentivos a la asociatividad.",
    )
    noticia = Noticia.objects.create(
        titulo="Nace la Red", slug="nace-la-red", resumen="r", cuerpo="**Hola**", estado=Noticia.Estado.PUBLICADO
    )
    inicio = timezone.now() + timedelta(days=30)
    evento = Evento.objects.create(
        titulo="Seminario bianual",
        slug="seminario-bianual",
        descripcion="d",
        inicio=inicio,
        fin=inicio + timedelta(days=2),
        lugar="Quito",
        pais="EC",
        enlace="https://example.org/sala",
        estado=Evento.Estado.PUBLICADO,
    )
    return [
        "/biblioteca/",
        "/biblioteca/?q=produccion&pais=EC",
        "/biblioteca/?q=nada-que-coincida",
        "/biblioteca/legislacion/",
        "/biblioteca/subir/",
        f"/biblioteca/documentos/{documento.slug}/",  # literal paths: the active language may be any
        "/biblioteca/noticias/",
        f"/biblioteca/noticias/{noticia.slug}/",
        "/biblioteca/eventos/",
        "/biblioteca/eventos/pasados/",
        f"/biblioteca/eventos/{evento.slug}/",
    ]


@pytest.mark.parametrize("idioma", ["", "/pt", "/en"])
def test_every_library_page_has_one_h1_and_parses_as_strict_html5(client, contenido, idioma):
    for ruta in contenido:
        respuesta = client.get(idioma + ruta)
        assert respuesta.status_code == 200, ruta
        html = respuesta.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, ruta
        assert "csrfmiddlewaretoken" not in html, ruta  # anonymous pages carry no form token
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(respuesta.content)
        except html5lib.html5parser.ParseError as error:
            raise AssertionError(f"{ruta}: {error}") from None


@pytest.mark.django_db
def test_upload_form_for_a_member_parses_as_strict_html5(cliente_miembro):
    respuesta = cliente_miembro.get("/biblioteca/subir/")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(respuesta.content)
    assert 'enctype="multipart/form-data"' in respuesta.content.decode()


@pytest.mark.parametrize("modelo", ["documento", "noticia", "evento", "tema"])
def test_admin_list_and_form_open_for_staff(cliente_staff, contenido, modelo):
    assert cliente_staff.get(f"/admin/biblioteca/{modelo}/").status_code == 200
    assert cliente_staff.get(f"/admin/biblioteca/{modelo}/add/").status_code == 200


@pytest.mark.django_db
def test_staff_publish_news_and_events_from_the_admin(cliente_staff):
    noticia = Noticia.objects.create(titulo="n", slug="n", resumen="r", cuerpo="c")
    cliente_staff.post("/admin/biblioteca/noticia/", {"action": "publicar", "_selected_action": [noticia.pk]})
    noticia.refresh_from_db()
    assert noticia.estado == Noticia.Estado.PUBLICADO
