"""Stored and served file names follow the type found in the content, never the uploader's extension."""

import io

import pytest
from PIL import Image

from biblioteca.models import Documento

from .conftest import pdf, subido

pytestmark = pytest.mark.django_db
URL = "/biblioteca/subir/"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "#0b5d7a").save(buffer, "PNG")
    return buffer.getvalue()


def _datos(**extra) -> dict:
    return {
        "titulo": "Vida jurídica de los consorcios",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Un estudio de caso.",
        "paises": ["EC"],
        "idioma": "es",
        "anio": "2012",
        **extra,
    }


@pytest.mark.parametrize("nombre", ["portada.ps", "portada.xbm"])
def test_a_cover_is_stored_with_the_extension_of_its_real_format(cliente_miembro, nombre):
    respuesta = cliente_miembro.post(
        URL, _datos(archivo=subido("informe.pdf", pdf()), portada=subido(nombre, _png(), "image/png"))
    )
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    assert Documento.objects.get().portada.name.endswith(".png")


def test_a_download_carries_the_extension_of_the_detected_type(cliente_miembro, client):
    cliente_miembro.post(URL, _datos(archivo=subido("Informe final.exe", pdf())))
    documento = Documento.objects.get()
    documento.estado = Documento.Estado.PUBLICADO
    documento.save()
    respuesta = client.get(f"/biblioteca/documentos/{documento.slug}/descargar/")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert 'filename="Informe final.pdf"' in respuesta["Content-Disposition"]
    assert documento.nombre_original == "Informe final.exe"  # kept as metadata
