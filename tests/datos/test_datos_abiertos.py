"""The open-data page, its DCAT-AP description and the nightly dumps: only what the public pages show."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import translation

from comun.models import LicenciaDatos
from datos import volcados
from datos.models import Volcado

from .conftest import OCULTOS


@pytest.mark.parametrize(
    ("prefijo", "titulo"), [("", "Datos abiertos"), ("/pt", "Dados abertos"), ("/en", "Open data")]
)
def test_the_open_data_page_answers_in_each_language_with_one_h1(client, contenido, prefijo, titulo):
    respuesta = client.get(f"{prefijo}/datos-abiertos/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert f"<h1>{titulo}</h1>" in html


def test_the_open_data_page_is_not_marked_as_the_home_page_in_the_navigation(client, db):
    nav = client.get("/datos-abiertos/").content.decode().split('class="nav-principal"')[1].split("</nav>")[0]
    assert 'aria-current="page"' not in nav


def test_every_page_links_to_the_open_data_page_from_its_footer(client, db):
    pie = client.get("/acerca/").content.decode().split('<footer class="pie">')[1]
    assert 'href="/datos-abiertos/"' in pie


def test_visitor_sees_what_is_published_under_which_licence_and_where(client, contenido):
    html = client.get("/datos-abiertos/").content.decode()
    assert html.count('href="https://creativecommons.org/licenses/by/4.0/" rel="license"') == 5  # CC BY 4.0 by default
    for enlace in ["/consorcios/consorcios.csv", "/consorcios/consorcios.geojson", "/oai/", "/api/", "dcat.jsonld"]:
        assert enlace in html, enlace
    assert "/api/v1/" in html


def test_the_licence_chosen_in_the_admin_shows_on_the_page_and_in_the_dcat(client, cliente_staff, contenido):
    respuesta = cliente_staff.get("/admin/comun/licenciadatos/")
    assert respuesta.status_code == 200
    fila = LicenciaDatos.objects.get(conjunto="registro")
    respuesta = cliente_staff.post(
        f"/admin/comun/licenciadatos/{fila.pk}/change/", {"conjunto": "registro", "licencia": "ODbL-1.0"}
    )
    assert respuesta.status_code == 302
    html = client.get("/datos-abiertos/").content.decode()
    assert '<a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">' in html
    assert "Open Database License" in html
    catalogo = client.get("/datos-abiertos/dcat.jsonld").json()
    registro = next(d for d in catalogo["dcat:dataset"] if "/consorcios/" in d["@id"])
    assert registro["dct:license"]["@id"] == "https://opendatacommons.org/licenses/odbl/1-0/"
    assert {d["dct:license"]["@id"] for d in registro["dcat:distribution"]} == {
        "https://opendatacommons.org/licenses/odbl/1-0/"
    }
    # The registry's own pages say the same licence at once (their kept pages went stale).
    assert "opendatacommons.org/licenses/odbl" in client.get("/consorcios/").content.decode()


def test_the_dcat_description_lists_each_dataset_with_distributions_that_answer(client, contenido):
    volcados.reconstruir()
    respuesta = client.get("/datos-abiertos/dcat.jsonld")
    assert respuesta["Content-Type"].startswith("application/ld+json")
    catalogo = json.loads(respuesta.content)
    assert catalogo["@type"] == "dcat:Catalog"
    assert {"dcat", "dct"} <= set(catalogo["@context"])
    assert catalogo["dct:publisher"]["foaf:name"] == "Red Latinoamericana de Consorcios"
    assert "dct:modified" in catalogo
    datasets = catalogo["dcat:dataset"]
    assert len(datasets) == 4
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:title"] and dataset["dct:description"] and dataset["dct:license"]["@id"]
        assert "dct:modified" in dataset
        descargas = [d for d in dataset["dcat:distribution"] if "dcat:downloadURL" in d]
        assert {d["dcat:mediaType"]["@id"].rsplit("/", 1)[1] for d in descargas} >= {"csv", "json"}
        for distribucion in dataset["dcat:distribution"]:
            assert distribucion["@type"] == "dcat:Distribution"
            assert distribucion["dcat:mediaType"]["@id"].startswith("http://www.iana.org/assignments/media-types/")
            for propiedad in ["dcat:accessURL", "dcat:downloadURL"]:
                if propiedad in distribucion:
                    url = urlsplit(distribucion[propiedad]["@id"])
                    assert (
                        client.get(url.path, dict(p.split("=") for p in url.query.split("&") if p)).status_code == 200
                    )


def test_the_page_shows_each_dumps_size_and_date_and_its_files_download(client, contenido):
    html = client.get("/datos-abiertos/").content.decode()
    assert "/media/datos-abiertos/" not in html  # nothing built yet: nothing to link
    volcados.reconstruir()
    html = client.get("/datos-abiertos/").content.decode()
    for nombre in ["registro", "biblioteca", "noticias", "eventos"]:
        for formato in ["csv", "json"]:
            assert f'/media/datos-abiertos/{nombre}.{formato}" download' in html
    assert "generado el" in html
    respuesta = client.get("/media/datos-abiertos/registro.csv")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/csv")
    assert "immutable" not in respuesta["Cache-Control"]  # rebuilt under the same name each night


def _leer(nombre: str) -> str:
    with default_storage.open(f"datos-abiertos/{nombre}") as archivo:
        return archivo.read().decode("utf-8-sig")


def test_dumps_hold_published_rows_only_and_no_contact_data(contenido):
    volcados.reconstruir()
    registro = list(csv.DictReader(io.StringIO(_leer("registro.csv"))))
    assert [fila["nombre"] for fila in registro] == ["Consorcio Nativa Ecuador"]
    assert "correo_contacto" not in registro[0] and "telefono_contacto" not in registro[0]
    assert json.loads(_leer("registro.json"))[0]["nombre"] == "Consorcio Nativa Ecuador"
    assert [d["titulo"] for d in json.loads(_leer("biblioteca.json"))] == ["Ley 29733", "Caso Montecristi"]
    assert [n["titulo"] for n in json.loads(_leer("noticias.json"))] == ["Nace la Red"]
    assert [e["titulo"] for e in json.loads(_leer("eventos.json"))] == ["Seminario de Quito"]
    for nombre in ["registro", "biblioteca", "noticias", "eventos"]:
        for formato in ["csv", "json"]:
            texto = _leer(f"{nombre}.{formato}")
            for oculto in [*OCULTOS, "@"]:
                assert oculto not in texto, (nombre, formato, oculto)
    assert Volcado.objects.get(nombre="registro.csv").filas == 1


def test_the_nightly_command_rebuilds_every_dump_through_the_task(contenido):
    call_command("reconstruir_volcados", stdout=io.StringIO())  # the immediate backend runs it here
    assert sorted(Volcado.objects.values_list("nombre", flat=True)) == sorted(
        f"{n}.{f}" for n in ["biblioteca", "eventos", "noticias", "registro"] for f in ["csv", "json"]
    )
    assert default_storage.exists("datos-abiertos/eventos.csv")


def test_a_rebuild_that_fails_halfway_leaves_the_previous_file_whole(contenido, monkeypatch):
    volcados.reconstruir()
    antes = _leer("registro.json")

    def filas_que_fallan():
        columnas, filas = volcados.filas_registro()

        def a_medias():
            yield from filas
            raise RuntimeError("la base de datos se fue")

        return columnas, a_medias()

    monkeypatch.setitem(volcados.CONJUNTOS, "registro", filas_que_fallan)
    with pytest.raises(RuntimeError):
        volcados.reconstruir_uno("registro", "json")
    assert _leer("registro.json") == antes
    # Nothing half-written was left behind, in the public folder or in the temporary one.
    assert sorted(os.listdir(default_storage.path("datos-abiertos"))) == sorted(
        f"{n}.{f}" for n in ["biblioteca", "eventos", "noticias", "registro"] for f in ["csv", "json"]
    )
    assert os.listdir(default_storage.path("temporales/datos-abiertos")) == []


def test_a_rebuild_replaces_the_file_in_one_rename(contenido, monkeypatch):
    """The finished file is moved over the old one (os.replace, atomic on one file system): a
    download started before gets the old file, one started after gets the new one."""
    volcados.reconstruir()
    renombrados = []
    original = os.replace

    def registrar(origen, destino):
        assert os.path.getsize(origen) > 0  # already whole when it takes the public name
        renombrados.append((os.path.dirname(origen), destino))
        original(origen, destino)

    monkeypatch.setattr(volcados.os, "replace", registrar)
    volcados.reconstruir_uno("noticias", "csv")
    assert renombrados == [
        (default_storage.path("temporales/datos-abiertos"), default_storage.path("datos-abiertos/noticias.csv"))
    ]


def test_dumps_are_written_in_spanish_whatever_language_is_active(contenido):
    with translation.override("en"):
        volcados.reconstruir()
    assert json.loads(_leer("registro.json"))[0]["url"].endswith("/consorcios/nativa/")
