"""Forms that guide (issue 22): the error summary, conditionally required fields said up front,
numbered sections, files kept after a failed submit, and a point in another country confirmed."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from consorcios.models import Consorcio

from .conftest import crear_consorcio, datos_formulario

pytestmark = pytest.mark.django_db
URL = "/consorcios/registrar/"
BOGOTA = {"latitud": "4.7110", "longitud": "-74.0721"}


def _png(nombre="marca-miel.png") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#0b5d7a").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = nombre
    return buffer


def _titulo(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def _resumen(html: str) -> str:
    bloque = re.search(r'<div class="resumen-errores"[^>]*>(.*?)</div>', html, re.S)
    assert bloque, "sin resumen de errores"
    return bloque.group(1)


def _oculto(html: str, nombre: str) -> str:
    return re.search(rf'name="{nombre}" value="([^"]*)"', html).group(1)


def test_promoter_sees_a_summary_of_every_error_first_each_a_link_to_its_field(cliente_promotor):
    datos = datos_formulario(nombre="", sectores=None, pais="", **{"empresas-0-sitio_web": "javascript:alert(1)"})
    html = cliente_promotor.post(URL, datos).content.decode()

    assert _titulo(html).startswith("Error: ")
    assert html.index('class="resumen-errores"') < html.index("<h1")  # first on the page
    etiqueta = re.search(r'<div class="resumen-errores"[^>]*>', html).group(0)
    assert 'role="alert"' in etiqueta and 'tabindex="-1"' in etiqueta
    resumen = _resumen(html)
    assert "Hay un problema" in resumen
    assert 'href="#id_nombre"' in resumen
    assert 'href="#id_sectores_0"' in resumen  # the first box of the group, not the group
    assert 'href="#id_pais"' in resumen
    assert 'href="#id_empresas-0-sitio_web"' in resumen and "(fila 1)" in resumen
    assert "js/resumen_errores.js" in html and "<script>" not in html
    # Each error also beside its own field, once there.
    assert html.count('id="id_nombre_error"') == 1
    assert 'id="id_empresas-0-sitio_web_error"' in html


def test_a_form_not_yet_submitted_has_no_summary_and_a_plain_title(cliente_promotor):
    html = cliente_promotor.get(URL).content.decode()
    assert "resumen-errores" not in html and "resumen_errores.js" not in html
    assert not _titulo(html).startswith("Error")


def test_the_edit_page_summarises_its_formsets_too(cliente_promotor, promotor):
    consorcio = crear_consorcio(promotor, slug="editable")
    formulario = {
        **datos_formulario(nombre=consorcio.nombre, latitud="-0.180653", longitud="-78.467834"),
        **{
            f"{p}-{k}": v
            for p in ("indicadores", "actividades")
            for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
        "indicadores-TOTAL_FORMS": "1",
        "indicadores-0-anio": "1700",
    }
    html = cliente_promotor.post("/consorcios/editable/editar/", formulario).content.decode()
    assert _titulo(html).startswith("Error: ")
    assert 'href="#id_indicadores-0-anio"' in _resumen(html)


def test_fields_required_only_for_one_kind_say_so_before_submitting(cliente_promotor):
    html = cliente_promotor.get(URL).content.decode()
    etiqueta = re.search(r'<label for="id_producto_tradicional">(.*?)</label>', html, re.S).group(1)
    assert "(obligatorio para consorcios de origen)" in etiqueta
    etiqueta = re.search(r'<label for="id_subtipo">(.*?)</label>', html, re.S).group(1)
    assert "(obligatorio para consorcios de exportación)" in etiqueta
    assert "(obligatorio si hay un signo distintivo)" in html


def test_registration_shows_numbered_sections_with_links_and_marks_those_to_revise(cliente_promotor):
    html = cliente_promotor.get(URL).content.decode()
    indice = re.search(r'<nav class="indice-secciones".*?</nav>', html, re.S).group(0)
    assert "El formulario tiene 6 secciones" in indice
    for numero in range(1, 6):
        assert f'href="#seccion-{numero}"' in indice and f'id="seccion-{numero}"' in html
    assert 'href="#formset-empresas"' in indice
    assert "Sección 2 de 6" in html and "Sección 6 de 6" in html
    assert "revise esta sección" not in indice

    html = cliente_promotor.post(URL, datos_formulario(pais="")).content.decode()
    indice = re.search(r'<nav class="indice-secciones".*?</nav>', html, re.S).group(0)
    assert indice.count("revise esta sección") == 1
    assert re.search(r'href="#seccion-3">Ubicación</a> <strong[^>]*>— revise esta sección', indice)


def test_a_valid_logo_is_kept_when_another_field_fails_and_saved_on_the_next_submit(cliente_promotor):
    respuesta = cliente_promotor.post(URL, {**datos_formulario(nombre=""), "logo": _png()})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Archivo ya subido:" in html and "marca-miel.png" in html
    token = _oculto(html, "logo_guardado")
    assert token
    assert 'value="Mieles de abeja de diferentes sabores"' in html  # the rest is kept too

    respuesta = cliente_promotor.post(URL, {**datos_formulario(), "logo_guardado": token})
    assert respuesta.status_code == 302
    consorcio = Consorcio.objects.get()
    assert consorcio.logo.name.startswith("consorcios/logos/") and consorcio.logo.name.endswith(".png")
    with consorcio.logo.open() as archivo:
        assert archivo.read(8) == b"\x89PNG\r\n\x1a\n"
    _carpetas, temporales = default_storage.listdir("temporales")
    assert temporales == []  # claimed: the temporary copy is gone


def test_a_kept_logo_survives_a_second_failed_submit(cliente_promotor):
    html = cliente_promotor.post(URL, {**datos_formulario(nombre=""), "logo": _png()}).content.decode()
    token = _oculto(html, "logo_guardado")
    html = cliente_promotor.post(URL, {**datos_formulario(pais=""), "logo_guardado": token}).content.decode()
    assert "Archivo ya subido:" in html and "marca-miel.png" in html
    assert (
        cliente_promotor.post(URL, {**datos_formulario(), "logo_guardado": _oculto(html, "logo_guardado")}).status_code
        == 302
    )
    assert Consorcio.objects.get().logo


def test_a_forged_token_brings_no_file(cliente_promotor):
    respuesta = cliente_promotor.post(URL, {**datos_formulario(), "logo_guardado": "consorcios/logos/ajeno.png"})
    assert respuesta.status_code == 302
    assert not Consorcio.objects.get().logo


def test_an_invalid_logo_is_refused_and_the_other_fields_keep_their_values(cliente_promotor):
    falso = io.BytesIO(b"esto no es una imagen\n" * 10)
    falso.name = "logo.png"
    html = cliente_promotor.post(URL, {**datos_formulario(), "logo": falso}).content.decode()
    assert 'href="#id_logo"' in _resumen(html)
    assert "Archivo ya subido" not in html
    assert 'value="Consorcio Royal Honey"' in html and 'value="-0.18065312345"' in html


def test_a_point_in_another_country_is_questioned_beside_the_coordinates(cliente_promotor):
    respuesta = cliente_promotor.post(URL, datos_formulario(**BOGOTA))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert not Consorcio.objects.exists()
    error = respuesta.context["form"].errors["confirmar_ubicacion"][0]
    assert "Colombia" in error and "Ecuador" in error
    assert 'href="#id_confirmar_ubicacion"' in _resumen(html)
    assert "La ubicación está fuera de Ecuador: confirmo" in html
    # Beside the coordinates: right after the longitude, before the map.
    assert html.index('id="id_longitud"') < html.index('id="id_confirmar_ubicacion"') < html.index('id="selector-mapa"')

    respuesta = cliente_promotor.post(URL, datos_formulario(confirmar_ubicacion="on", **BOGOTA))
    assert respuesta.status_code == 302
    assert Consorcio.objects.get().latitud == Decimal("4.711")


def test_a_point_in_a_country_involved_needs_no_confirmation(cliente_promotor):
    respuesta = cliente_promotor.post(URL, datos_formulario(paises_involucrados=["CO"], **BOGOTA))
    assert respuesta.status_code == 302


def test_a_point_in_the_consortiums_country_asks_nothing(cliente_promotor):
    html = cliente_promotor.get(URL).content.decode()
    assert "id_confirmar_ubicacion" not in html
    assert cliente_promotor.post(URL, datos_formulario()).status_code == 302


def test_editing_other_fields_does_not_ask_again_about_a_confirmed_position(cliente_promotor, promotor):
    crear_consorcio(promotor, slug="fronterizo", latitud=Decimal("4.711"), longitud=Decimal("-74.0721"))
    vacios = {f"{p}-{k}": "0" for p in ("indicadores", "actividades") for k in ("TOTAL_FORMS", "INITIAL_FORMS")}
    datos = {**datos_formulario(latitud="4.711", longitud="-74.0721"), **vacios}
    assert cliente_promotor.post("/consorcios/fronterizo/editar/", datos).status_code == 302
