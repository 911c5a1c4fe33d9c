"""Registering a consortium: validation, uploads, double submit, e-mails, Mis consorcios."""

import io

import pytest
import time_machine
from PIL import Image

from consorcios.models import Consorcio, HistorialCambio

from .conftest import datos_formulario

pytestmark = pytest.mark.django_db
URL = "/consorcios/registrar/"


def _png(nombre="logo.png") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#0b5d7a").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = nombre
    return buffer


def test_registration_form_needs_login(client):
    respuesta = client.get(URL)
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]


def test_registration_form_shows_sections_map_and_no_inline_script(cliente_promotor, settings):
    settings.MAP_TILES_URL = ""
    html = cliente_promotor.get(URL).content.decode()
    assert html.count("<h1") == 1
    assert html.count("<fieldset") >= 6
    assert 'id="selector-mapa"' in html
    assert 'data-teselas=""' in html
    assert "leaflet/leaflet.js" in html
    assert "Elija una opción" in html and "Select an option" not in html
    assert "<script>" not in html and "style=" not in html and "onclick" not in html


def test_promoter_registers_a_pending_consortium_and_staff_are_emailed(
    cliente_promotor, promotor, staff, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_promotor.post(URL, {**datos_formulario(), "logo": _png()})
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    assert respuesta["Location"].endswith("/consorcios/mios/")
    consorcio = Consorcio.objects.get()
    assert consorcio.estado == Consorcio.Estado.PENDIENTE
    assert list(consorcio.responsables.all()) == [promotor]
    assert str(consorcio.latitud) == "-0.180653"  # rounded to six decimals
    assert consorcio.slug == "consorcio-royal-honey"
    assert "<strong>1100 colmenas</strong>" in consorcio.descripcion_html
    assert consorcio.empresas.get().nombre == "Apícola del Valle"
    assert consorcio.logo.name.startswith("consorcios/logos/") and consorcio.logo.name.endswith(".png")
    assert "logo" not in consorcio.logo.name.rsplit("/", 1)[1]  # a server-made name
    assert consorcio.historial.get().accion == HistorialCambio.Accion.REGISTRADO
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [staff.email]
    assert "Royal Honey" in mailoutbox[0].subject

    mios = cliente_promotor.get("/consorcios/mios/").content.decode()
    assert "Consorcio Royal Honey" in mios
    assert "Pendiente de revisión" in mios


def test_double_submit_creates_one_consortium(cliente_promotor):
    datos = datos_formulario()
    primera = cliente_promotor.post(URL, datos)
    segunda = cliente_promotor.post(URL, datos)
    assert primera.status_code == segunda.status_code == 302
    assert Consorcio.objects.count() == 1


@pytest.mark.parametrize(
    ("campo", "valor"),
    [("latitud", "91"), ("latitud", "-90.5"), ("longitud", "181"), ("longitud", "-200")],
)
def test_coordinates_out_of_range_are_refused_beside_the_field(cliente_promotor, campo, valor):
    respuesta = cliente_promotor.post(URL, datos_formulario(**{campo: valor}))
    assert respuesta.status_code == 200
    assert campo in respuesta.context["form"].errors
    assert "grados" in respuesta.context["form"].errors[campo][0]
    assert 'value="Consorcio Royal Honey"' in respuesta.content.decode()  # keeps what was typed
    assert not Consorcio.objects.exists()


def test_database_refuses_coordinates_out_of_range():
    from decimal import Decimal

    from django.db import IntegrityError

    from .conftest import crear_consorcio

    with pytest.raises(IntegrityError):
        crear_consorcio(latitud=Decimal("95"))


def test_text_file_renamed_png_is_refused_as_logo(cliente_promotor):
    falso = io.BytesIO(b"esto no es una imagen, solo texto\n" * 10)
    falso.name = "logo.png"
    respuesta = cliente_promotor.post(URL, {**datos_formulario(), "logo": falso})
    assert respuesta.status_code == 200
    assert "no es una imagen" in respuesta.context["form"].errors["logo"][0]
    assert not Consorcio.objects.exists()


def test_oversized_logo_is_refused(cliente_promotor):
    grande = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024 + 10))
    grande.name = "logo.png"
    respuesta = cliente_promotor.post(URL, {**datos_formulario(), "logo": grande})
    assert respuesta.status_code == 200
    assert "el máximo es" in respuesta.context["form"].errors["logo"][0]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://ejemplo.org/", "data:text/html,hola"])
def test_website_must_be_http_or_https(cliente_promotor, url):
    respuesta = cliente_promotor.post(URL, datos_formulario(sitio_web=url))
    assert respuesta.status_code == 200
    assert "sitio_web" in respuesta.context["form"].errors


@pytest.mark.parametrize(
    "url", ["https://evil.example.org/video", "javascript:alert(1)", "https://www.youtube.com/user/alguien"]
)
def test_videos_must_be_youtube_or_vimeo(cliente_promotor, url):
    respuesta = cliente_promotor.post(URL, datos_formulario(videos=url))
    assert respuesta.status_code == 200
    assert "videos" in respuesta.context["form"].errors


def test_member_firm_website_must_be_http_or_https(cliente_promotor):
    respuesta = cliente_promotor.post(URL, datos_formulario(**{"empresas-0-sitio_web": "javascript:alert(1)"}))
    assert respuesta.status_code == 200
    assert not Consorcio.objects.exists()


@time_machine.travel("2026-12-06 12:00 -05:00", tick=False)
@pytest.mark.parametrize(
    ("cambios", "campo", "mensaje"),
    [
        ({"anio_fundacion": "2090"}, "anio_fundacion", "no puede ser posterior a 2026"),
        ({"fecha_formalizacion": "2099-01-01"}, "fecha_formalizacion", "no puede ser posterior a hoy"),
        (
            {"anio_fundacion": "2012", "fecha_formalizacion": "2005-03-01"},
            "fecha_formalizacion",
            "anterior al año de fundación",
        ),
        ({"nombre": "X"}, "nombre", "nombre completo"),
        ({"numero_empresas": "99999999999"}, "numero_empresas", "no puede pasar de 10000"),
        ({"empleos_directos": "2147483648"}, "empleos_directos", "no puede pasar de 5000000"),
    ],
)
def test_absurd_figures_are_refused_beside_the_field_in_plain_words(cliente_promotor, cambios, campo, mensaje):
    respuesta = cliente_promotor.post(URL, datos_formulario(**cambios))
    assert respuesta.status_code == 200
    errores = respuesta.context["form"].errors[campo]
    assert mensaje in errores[0] and "2147483647" not in errores[0]
    assert f'value="{next(iter(cambios.values()))}"' in respuesta.content.decode()  # keeps what was typed
    assert not Consorcio.objects.exists()


def test_export_consortium_needs_its_subtype(cliente_promotor):
    respuesta = cliente_promotor.post(URL, datos_formulario(subtipo=""))
    assert "subtipo" in respuesta.context["form"].errors


def test_origin_consortium_needs_its_traditional_product(cliente_promotor):
    respuesta = cliente_promotor.post(URL, datos_formulario(tipo="origen", subtipo=""))
    assert "producto_tradicional" in respuesta.context["form"].errors


def test_rejection_reason_shows_under_mis_consorcios(cliente_promotor, promotor):
    from .conftest import crear_consorcio

    crear_consorcio(promotor, estado=Consorcio.Estado.RECHAZADO, motivo_rechazo="Falta la ubicación exacta.")
    html = cliente_promotor.get("/consorcios/mios/").content.decode()
    assert "Rechazado" in html
    assert "Falta la ubicación exacta." in html


@pytest.mark.parametrize("n", [2, 40])
def test_mis_consorcios_query_count_does_not_grow(client, promotor, n, django_assert_num_queries):
    from .conftest import crear_consorcio

    for i in range(n):
        crear_consorcio(promotor, nombre=f"Propio {i}")
    client.force_login(promotor)
    # session + user + the person's consortia + the header's unread conversations
    with django_assert_num_queries(4):
        respuesta = client.get("/consorcios/mios/")
    assert respuesta.content.decode().count("Propio ") == n
