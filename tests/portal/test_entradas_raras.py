"""Odd input gets a clear answer (a 400, a form error), never a 500."""

import io
import struct
import zlib

import pytest
from PIL import Image

from comun.validators import validar_imagen

pytestmark = pytest.mark.django_db

# Every public GET that reads parameters, with the parameters it reads.
BUSQUEDAS = [
    ("/foros/buscar/", ["q", "pagina"]),
    ("/biblioteca/", ["q", "tipo", "pais", "idioma", "anio", "pagina", "orden"]),
    ("/consorcios/", ["q", "pais", "tipo", "sector", "institucion", "pagina", "orden"]),
    ("/consorcios/mapa/", ["q", "pais", "tipo"]),
    ("/consorcios/mapa.geojson", ["q", "pais", "tipo"]),
    ("/consorcios/consorcios.csv", ["q", "pais"]),
    ("/consorcios/estadisticas/", ["pais", "tipo"]),
    ("/biblioteca/exportar.bib", ["q", "tipo"]),
    ("/biblioteca/legislacion/", ["pais", "pagina"]),
    ("/biblioteca/noticias/", ["pagina"]),
]


@pytest.mark.parametrize(("ruta", "parametros"), BUSQUEDAS)
def test_a_nul_character_in_any_parameter_is_not_a_server_error(client, ruta, parametros):
    for parametro in parametros:
        respuesta = client.get(ruta, {parametro: "pisco\x00"})
        assert respuesta.status_code < 500, (ruta, parametro)


def test_a_nul_character_in_the_forum_search_is_a_clear_400(client):
    respuesta = client.get("/foros/buscar/", {"q": "pisco\x00"})
    assert respuesta.status_code == 400
    assert "Solicitud no válida" in respuesta.content.decode()


def _png_de_cabecera(ancho: int, alto: int) -> io.BytesIO:
    """A PNG whose header declares ``ancho`` × ``alto`` pixels, in a few bytes (a decompression bomb)."""

    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    cabecera = struct.pack(">IIBBBBB", ancho, alto, 8, 0, 0, 0, 0)
    datos = b"\x89PNG\r\n\x1a\n" + trozo(b"IHDR", cabecera) + trozo(b"IDAT", zlib.compress(b"")) + trozo(b"IEND", b"")
    archivo = io.BytesIO(datos)
    archivo.name = "bomba.png"
    archivo.size = len(datos)
    return archivo


@pytest.mark.parametrize(("ancho", "alto"), [(30000, 30000), (12000, 12000)])
def test_a_decompression_bomb_is_refused_as_a_form_error(ancho, alto):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validar_imagen(_png_de_cabecera(ancho, alto))
    assert error.value.code in {"demasiados_pixeles", "no_imagen"}


def test_a_bomb_logo_is_refused_beside_the_field(cliente_promotor):
    from tests.consorcios.conftest import datos_formulario, sembrar_sectores

    sembrar_sectores()
    respuesta = cliente_promotor.post(
        "/consorcios/registrar/", {**datos_formulario(), "logo": _png_de_cabecera(12000, 12000)}
    )
    assert respuesta.status_code == 200
    assert "megapíxeles" in respuesta.context["form"].errors["logo"][0]


def test_a_normal_photo_is_still_accepted():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "#0b5d7a").save(buffer, "JPEG")
    buffer.name = "foto.jpg"
    buffer.size = buffer.tell()
    assert validar_imagen(buffer) == "jpg"
