"""A search also matches a document's controlled metadata (type, language, countries) in es, pt and en."""

from __future__ import annotations

import pytest

from biblioteca import busqueda
from biblioteca.models import Documento

from .conftest import nuevo_documento


@pytest.fixture
def ley_peruana(db):
    # Neither the title nor the abstract says "legislation" or "Peru": only the metadata does.
    return nuevo_documento(
        slug="ley-29733",
        titulo="Ley 29733",
        resumen="Norma sobre datos personales.",
        tipo=Documento.Tipo.LEGISLACION,
        paises=["PE"],
    )


@pytest.fixture
def caso_ecuatoriano(db):
    return nuevo_documento(slug="caso-ec", titulo="Sombreros", tipo=Documento.Tipo.CASO, paises=["EC"])


@pytest.mark.parametrize("idioma", ["", "/pt", "/en"])
@pytest.mark.parametrize("q", ["legislación", "legislacion", "legislation", "legislação", "Perú", "Peru"])
def test_typing_a_type_or_a_country_in_any_language_finds_its_documents(
    client, ley_peruana, caso_ecuatoriano, idioma, q
):
    respuesta = client.get(f"{idioma}/biblioteca/", {"q": q})
    assert [d.slug for d in respuesta.context["documentos"]] == ["ley-29733"]


def test_the_labels_follow_the_metadata_when_it_changes(ley_peruana):
    ley_peruana.paises = ["UY"]
    ley_peruana.save(update_fields=["paises"])
    assert {d.slug for d in busqueda.filtrar({"q": "Uruguay"})} == {"ley-29733"}
    assert not busqueda.filtrar({"q": "Peru"}).exists()


def test_a_language_is_found_by_its_name(client, db):
    nuevo_documento(slug="en-portugues", titulo="Consórcios", idioma=Documento.Idioma.PT)
    for q in ("portugués", "português", "portuguese"):
        assert {d.slug for d in busqueda.filtrar({"q": q})} == {"en-portugues"}, q


def test_bulk_created_documents_carry_their_labels(db):
    Documento.objects.bulk_create(
        [Documento(titulo="Informe", slug="informe", tipo=Documento.Tipo.INCENTIVO, resumen="r", anio=2012,
                   enlace="https://x.org", paises=["BR"], estado=Documento.Estado.PUBLICADO)]
    )  # fmt: skip
    assert {d.slug for d in busqueda.filtrar({"q": "Brasil"})} == {"informe"}
    assert {d.slug for d in busqueda.filtrar({"q": "incentive"})} == {"informe"}
