"""Document page, download and citation of one document."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from biblioteca.models import Documento

from .conftest import nuevo_documento, pdf


def _con_archivo(**campos) -> Documento:
    contenido = pdf("Consorcios de origen")
    return nuevo_documento(
        enlace="",
        archivo=ContentFile(contenido, name="documento.pdf"),
        nombre_original="Informe año 2012 «final» (versión 2).pdf",
        tamano=len(contenido),
        tipo_mime="application/pdf",
        **campos,
    )


@pytest.mark.django_db
def test_detail_shows_size_type_and_language_before_the_download(client):
    documento = _con_archivo(idioma=Documento.Idioma.PT)
    html = client.get(documento.get_absolute_url()).content.decode()
    acceso = html.split("Acceso")[1]
    assert "PDF" in acceso
    assert "KB" in acceso or "bytes" in acceso
    assert "Portugués" in acceso
    assert f'href="/biblioteca/documentos/{documento.slug}/descargar/"' in acceso


@pytest.mark.django_db
def test_download_is_an_attachment_with_the_right_type_nosniff_and_the_original_name(client):
    documento = _con_archivo()
    respuesta = client.get(f"/biblioteca/documentos/{documento.slug}/descargar/")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    disposicion = respuesta["Content-Disposition"]
    assert disposicion.startswith("attachment;")
    # RFC 5987: the UTF-8 name percent-encoded, never raw in the header.
    assert "filename*=utf-8''Informe%20a%C3%B1o%202012%20%C2%ABfinal%C2%BB%20%28versi%C3%B3n%202%29.pdf" in disposicion
    assert b"".join(respuesta.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_download_of_a_pending_document_is_404_to_visitors(client):
    documento = _con_archivo(estado=Documento.Estado.PENDIENTE)
    assert client.get(f"/biblioteca/documentos/{documento.slug}/descargar/").status_code == 404


@pytest.mark.django_db
def test_link_only_document_has_no_download(client):
    documento = nuevo_documento()
    assert client.get(f"/biblioteca/documentos/{documento.slug}/descargar/").status_code == 404
    assert "Ver en el sitio de origen" in client.get(documento.get_absolute_url()).content.decode()


@pytest.mark.parametrize("cantidad_temas", [0, 5])
@pytest.mark.django_db
def test_detail_query_count_is_constant(client, django_assert_num_queries, cantidad_temas):
    from biblioteca.models import Tema

    documento = _con_archivo()
    documento.temas.set([Tema.objects.create(nombre=f"Tema {i}", slug=f"tema-{i}") for i in range(cantidad_temas)])
    # the document with its institution; its topics; the sessions presenting it; its published consortia
    with django_assert_num_queries(4):
        client.get(documento.get_absolute_url())


@pytest.mark.django_db
def test_document_citation_in_bibtex_and_ris(client):
    from miembros.models import Institucion

    sela = Institucion.objects.create(nombre="Sistema Económico Latinoamericano", sigla="SELA", tipo="organismo")
    documento = nuevo_documento(
        titulo="Consorcios & PYMES: 100% {asociatividad}",
        autores="Juan Acuña; Fabio Russo",
        institucion=sela,
        tipo=Documento.Tipo.ESTUDIO,
    )
    bib = client.get(f"/biblioteca/documentos/{documento.slug}/cita.bib")
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert "attachment" in bib["Content-Disposition"]
    texto = bib.content.decode()
    assert texto.startswith(f"@techreport{{acuna2012_{documento.pk},")
    assert r"title = {{Consorcios \& PYMES: 100\% \{asociatividad\}}}" in texto
    assert "author = {Juan Acuña and Fabio Russo}" in texto
    assert "institution = {Sistema Económico Latinoamericano}" in texto
    ris = client.get(f"/biblioteca/documentos/{documento.slug}/cita.ris").content.decode()
    assert ris.startswith("TY  - RPRT\r\n")
    assert "AU  - Juan Acuña\r\nAU  - Fabio Russo\r\n" in ris
    assert "PY  - 2012\r\n" in ris
    assert "PB  - Sistema Económico Latinoamericano\r\n" in ris
