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
