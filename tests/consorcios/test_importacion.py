"""Bulk CSV import in the admin: all rows valid or nothing imported, with row-level errors."""

import io

import pytest

from consorcios.models import Consorcio, HistorialCambio

pytestmark = pytest.mark.django_db
URL = "/admin/consorcios/consorcio/importar/"
ENCABEZADO = "nombre;tipo;subtipo;sectores;productos;pais;ciudad;latitud;longitud;numero_empresas\n"


def _csv(texto: str, nombre="lista.csv") -> io.BytesIO:
    archivo = io.BytesIO(texto.encode("utf-8-sig"))
    archivo.name = nombre
    return archivo


def test_staff_import_a_valid_national_list(cliente_staff, staff):
    texto = ENCABEZADO + (
        "Consorcio Vinos de Mendoza;exportacion;ventas;vinos-y-licores;Vinos;AR;Mendoza;-32.889458;-68.845839;8\n"
        "Consorcio Yerba Misionera;exportacion;promocional;agroindustria;Yerba mate;AR;Posadas;-27.367083;-55.896084;\n"
    )
    respuesta = cliente_staff.post(URL, {"archivo": _csv(texto), "publicar": "on"})
    assert respuesta.status_code == 302
    assert Consorcio.objects.publicados().count() == 2
    mendoza = Consorcio.objects.get(nombre="Consorcio Vinos de Mendoza")
    assert mendoza.numero_empresas == 8
    assert [s.slug for s in mendoza.sectores.all()] == ["vinos-y-licores"]
    assert mendoza.historial.get().accion == HistorialCambio.Accion.IMPORTADO


def test_one_bad_row_imports_nothing_and_reports_each_error(cliente_staff):
    texto = ENCABEZADO + (
        "Consorcio Bueno;exportacion;ventas;flores;Flores;EC;Quito;-0.18;-78.46;3\n"
        "Consorcio Malo;exportacion;ventas;flores;Flores;XX;Quito;95;-78.46;3\n"
        "Consorcio Sin Sector;exportacion;ventas;inventado;Flores;EC;Quito;-0.18;-78.46;3\n"
    )
    respuesta = cliente_staff.post(URL, {"archivo": _csv(texto)})
    assert respuesta.status_code == 200
    errores = respuesta.context["resultado"].errores
    assert {(fila, columna) for fila, columna, _m in errores} >= {(3, "pais"), (3, "latitud"), (4, "sectores")}
    assert not Consorcio.objects.exists()
    assert "No se importó nada" in respuesta.content.decode()


def test_missing_required_columns_are_reported(cliente_staff):
    respuesta = cliente_staff.post(URL, {"archivo": _csv("nombre,pais\nAlgo,EC\n")})
    assert respuesta.status_code == 200
    [(_fila, columnas, _mensaje)] = respuesta.context["resultado"].errores
    assert "latitud" in columnas and "tipo" in columnas


def test_duplicate_of_an_existing_consortium_is_refused(cliente_staff):
    from .conftest import crear_consorcio

    crear_consorcio(nombre="Consorcio Bueno", pais="EC")
    texto = ENCABEZADO + "consorcio bueno;exportacion;ventas;flores;Flores;EC;Quito;-0.18;-78.46;3\n"
    respuesta = cliente_staff.post(URL, {"archivo": _csv(texto)})
    assert respuesta.context["resultado"].errores[0][:2] == (2, "nombre")
    assert Consorcio.objects.count() == 1


def test_non_staff_cannot_import(cliente_miembro):
    respuesta = cliente_miembro.get(URL)
    assert respuesta.status_code == 302  # to the admin login


def test_import_page_documents_the_columns(cliente_staff):
    html = cliente_staff.get(URL).content.decode()
    assert "latitud" in html and "vinos-y-licores" in html
    assert "importar/" in cliente_staff.get("/admin/consorcios/consorcio/").content.decode()
