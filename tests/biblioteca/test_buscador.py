"""Library search finds the obvious (issue 22): a document's type, countries, sectors and topics,
typed in the page's language (es, pt, en)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from biblioteca import busqueda
from biblioteca.models import Documento, Tema
from consorcios.models import Consorcio, Sector

from .conftest import nuevo_documento

pytestmark = pytest.mark.django_db


def _consorcio(nombre: str, *claves: str) -> Consorcio:
    consorcio = Consorcio.objects.create(
        nombre=nombre,
        slug=nombre.lower().replace(" ", "-"),
        tipo=Consorcio.Tipo.EXPORTACION,
        productos="Varios",
        descripcion="Un consorcio.",
        pais="EC",
        latitud=Decimal("-0.18"),
        longitud=Decimal("-78.46"),
        estado=Consorcio.Estado.PUBLICADO,
    )
    consorcio.sectores.add(*Sector.objects.filter(slug__in=claves))
    return consorcio


@pytest.fixture
def biblioteca():
    from tests.consorcios.conftest import sembrar_sectores

    sembrar_sectores()
    nativa = _consorcio("Nativa", "cosmetica-y-productos-naturales")
    miel = _consorcio("Royal Honey", "apicultura")
    ley = nuevo_documento(
        titulo="Ley de fomento", tipo=Documento.Tipo.LEGISLACION, resumen="Texto de la norma.", paises=["PE"]
    )
    caso = nuevo_documento(titulo="Un caso de éxito", tipo=Documento.Tipo.CASO, resumen="Aceites y jabones.")
    caso.consorcios.add(nativa)
    guia = nuevo_documento(titulo="Guía práctica", tipo=Documento.Tipo.GUIA, resumen="Pasos.", paises=["BR"])
    guia.temas.add(Tema.objects.create(nombre="Indicaciones geográficas", slug="ig"))
    return {"ley": ley, "caso": caso, "guia": guia, "nativa": nativa, "miel": miel}


def _titulos(client, idioma: str, q: str) -> list[str]:
    respuesta = client.get(f"{idioma}/biblioteca/", {"q": q})
    assert respuesta.status_code == 200
    return [d.titulo for d in respuesta.context["documentos"]]


@pytest.mark.parametrize(
    ("idioma", "q", "titulo"),
    [
        # the sectors of the consortia the document is about
        ("", "cosmetica", "Un caso de éxito"),
        ("", "productos naturales", "Un caso de éxito"),
        ("/pt", "cosméticos", "Un caso de éxito"),
        ("/en", "cosmetics", "Un caso de éxito"),
        # its type
        ("", "legislacion", "Ley de fomento"),
        ("/pt", "legislação", "Ley de fomento"),
        ("/en", "legislation", "Ley de fomento"),
        ("/en", "case study", "Un caso de éxito"),
        # its countries
        ("", "Perú", "Ley de fomento"),
        ("/pt", "Peru", "Ley de fomento"),
        ("/en", "Brazil", "Guía práctica"),
        ("", "Brasil", "Guía práctica"),
        # its topics
        ("", "indicaciones geograficas", "Guía práctica"),
    ],
)
def test_researcher_finds_documents_by_type_country_sector_and_topic_in_the_page_language(
    client, biblioteca, idioma, q, titulo
):
    assert _titulos(client, idioma, q) == [titulo]


def test_linking_a_consortium_or_a_topic_later_makes_the_document_findable(client, biblioteca):
    ley = biblioteca["ley"]
    assert _titulos(client, "", "apicultura") == []
    ley.consorcios.add(biblioteca["miel"])
    assert _titulos(client, "/en", "beekeeping") == ["Ley de fomento"]
    # the consortium's sectors change: so do the document's
    biblioteca["miel"].sectores.set(Sector.objects.filter(slug="flores"))
    assert _titulos(client, "", "apicultura") == []
    assert _titulos(client, "/pt", "flores") == ["Ley de fomento"]
    # from the consortium's side, and cleared
    biblioteca["nativa"].documentos.add(ley)
    assert sorted(_titulos(client, "", "cosmetica")) == ["Ley de fomento", "Un caso de éxito"]
    biblioteca["nativa"].documentos.clear()
    assert _titulos(client, "", "cosmetica") == []
    # a topic linked, then renamed
    tema = Tema.objects.get(slug="ig")
    ley.temas.add(tema)
    assert sorted(_titulos(client, "", "indicaciones")) == ["Guía práctica", "Ley de fomento"]
    tema.nombre = "Denominaciones de origen"
    tema.save()
    assert _titulos(client, "", "indicaciones") == []
    assert sorted(_titulos(client, "", "denominaciones")) == ["Guía práctica", "Ley de fomento"]


def test_a_saved_document_keeps_its_sectors_and_topics_searchable(biblioteca):
    caso = biblioteca["caso"]
    caso.titulo = "Un caso de éxito, revisado"
    caso.save()
    assert [d.pk for d in busqueda.filtrar({"q": "cosmetica"})] == [caso.pk]
