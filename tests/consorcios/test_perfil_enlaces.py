"""A consortium's profile lists the library's documents and the forum topics about it."""

import pytest

from biblioteca.models import Documento
from consorcios.models import Consorcio
from foros.models import Foro, Tema
from tests.biblioteca.conftest import nuevo_documento

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db


def test_profile_lists_published_documents_and_linked_topics(client, miembro):
    consorcio = crear_consorcio(estado=Consorcio.Estado.PUBLICADO, slug="pisco")
    publicado = nuevo_documento(titulo="Guía de denominaciones de origen")
    pendiente = nuevo_documento(titulo="Borrador sin revisar", estado=Documento.Estado.PENDIENTE)
    ajeno = nuevo_documento(titulo="Sobre otro consorcio")
    publicado.consorcios.add(consorcio)
    pendiente.consorcios.add(consorcio)
    foro = Foro.objects.create(nombre="Consorcios de origen", slug="origen", orden=1)
    Tema.objects.create(
        foro=foro, titulo="El Pisco y sus imitaciones", slug="pisco", autor=miembro, consorcio=consorcio
    )
    Tema.objects.create(foro=foro, titulo="Tema sin consorcio", slug="otro", autor=miembro)

    html = client.get("/consorcios/pisco/").content.decode()

    assert "Guía de denominaciones de origen" in html
    assert "Borrador sin revisar" not in html  # only published documents
    assert ajeno.titulo not in html
    assert "El Pisco y sus imitaciones" in html
    assert "Tema sin consorcio" not in html


def test_profile_without_documents_or_topics_shows_no_empty_sections(client):
    crear_consorcio(estado=Consorcio.Estado.PUBLICADO, slug="nativa")
    html = client.get("/consorcios/nativa/").content.decode()
    assert 'id="t-documentos"' not in html
    assert 'id="t-temas"' not in html


def test_demo_links_the_reports_documents_and_topics_to_its_consortia(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("cargar_demo", stdout=StringIO())
    call_command("cargar_demo", stdout=StringIO())  # idempotent, links included
    nativa = Consorcio.objects.get(slug="consorcio-nativa-ecuador")
    assert nativa.documentos.count() == 2
    html = client.get("/consorcios/consorcio-de-la-cadena-turistica-de-chulucanas/").content.decode()
    assert "¿Cómo integrar consorcios de cerámica, apicultura y chocolate en una ruta turística?" in html
    assert "Marketing territorial: consorcios de exportación y turismo en Chulucanas (Perú)" in html
    # Montecristi hats are an example the report names, not a consortium (párr. 12).
    assert client.get("/consorcios/sombreros-de-paja-toquilla-de-montecristi/").status_code == 404
