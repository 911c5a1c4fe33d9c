"""What a program reading /api/v1/ gets: published data, pages, caching, CORS, languages, errors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_program_lists_published_consortia_newest_first_with_canonical_urls(api, mundo, settings):
    datos = api("consorcios/").json()
    assert [c["slug"] for c in datos["resultados"]] == ["nativa", "pisco"]  # the pending one is not there
    pisco = datos["resultados"][1]
    assert pisco["id"] == mundo["pisco"].pk
    assert pisco["url"] == settings.SITE_URL + "/consorcios/pisco/"
    assert pisco["self"] == settings.SITE_URL + "/api/v1/consorcios/pisco/"
    assert pisco["sectores"] == [{"clave": "vinos-y-licores", "nombre": "Vinos y licores"}]


def test_program_reads_a_consortium_with_its_firms_figures_and_milestones(api, mundo):
    datos = api("consorcios/pisco/").json()
    assert datos["empresas"] == [
        {"nombre": "Bodega Tacama", "ciudad": "Ica", "sector": None, "empleados": 40, "sitio_web": "", "productos": ""}
    ]
    assert datos["indicadores"][0]["anio"] == 2011
    assert datos["actividades"][0]["titulo"] == "Feria de Ica"
    assert datos["instituciones_promotoras"][0]["nombre"] == "Cámara de Comercio de Lima"
    assert "correo_contacto" not in datos and "telefono_contacto" not in datos and "responsables" not in datos


def test_outsider_gets_404_in_the_api_shape_for_a_pending_consortium(api, mundo):
    respuesta = api("consorcios/pendiente/")
    assert respuesta.status_code == 404
    assert respuesta.json() == {"error": {"codigo": "no_encontrado", "mensaje": "No encontrado.", "detalle": {}}}


def test_program_filters_consortia_with_the_list_pages_parameters(api, mundo):
    assert [c["slug"] for c in api("consorcios/", {"tipo": "origen"}).json()["resultados"]] == ["pisco"]
    assert [c["slug"] for c in api("consorcios/", {"q": "pisco peru"}).json()["resultados"]] == ["pisco"]
    assert [c["slug"] for c in api("consorcios/", {"sector": "vinos-y-licores"}).json()["resultados"]] == ["pisco"]


def test_a_bad_parameter_answers_400_saying_which(api, mundo):
    respuesta = api("consorcios/", {"tipo": "cualquiera", "limite": "0"})
    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert error["codigo"] == "parametros_invalidos"
    assert set(error["detalle"]) == {"tipo"} or set(error["detalle"]) == {"limite"}


def test_unknown_address_and_post_answer_in_the_api_shape(api, client, mundo):
    assert api("nada/").json()["error"]["codigo"] == "no_encontrado"
    respuesta = client.post("/api/v1/consorcios/")
    assert respuesta.status_code == 405
    assert respuesta.json()["error"]["codigo"] == "metodo_no_permitido"


def test_cursor_pages_walk_every_consortium_once(api, mundo, settings):
    vistos, pagina = [], api("consorcios/", {"limite": 1}).json()
    while True:
        vistos += [c["slug"] for c in pagina["resultados"]]
        if not pagina["siguiente"]:
            break
        pagina = api(pagina["siguiente"].split("/api/v1/", 1)[1]).json()
    assert vistos == ["nativa", "pisco"]


def test_institutions_are_those_of_published_consortia_or_documents(api, mundo):
    from miembros.models import Institucion

    Institucion.objects.create(nombre="Sin nada publicado", tipo="ong")
    datos = api("instituciones/").json()
    assert [i["nombre"] for i in datos["resultados"]] == ["Cámara de Comercio de Lima"]
    assert datos["resultados"][0]["url"].endswith(f"/consorcios/?institucion={mundo['institucion'].pk}")


def test_library_search_and_facets_answer_like_its_page(api, mundo):
    assert [d["slug"] for d in api("documentos/", {"q": "consorcio de origen"}).json()["resultados"]] == [
        mundo["documento"].slug
    ]
    assert api("documentos/", {"q": "tequila"}).json()["resultados"] == []
    facetas = api("documentos/facetas/", {"q": "origen"}).json()
    assert facetas["total"] == 1
    assert facetas["pais"] == [{"valor": "PE", "etiqueta": "Perú", "cantidad": 1}]


def test_news_events_forums_and_topics_are_listed(api, mundo):
    assert [n["slug"] for n in api("noticias/").json()["resultados"]] == ["nace-la-red"]
    assert [e["slug"] for e in api("eventos/").json()["resultados"]] == ["seminario"]
    assert [f["slug"] for f in api("foros/").json()] == ["marcos-legales"]
    tema = api("temas/", {"foro": "marcos-legales"}).json()["resultados"][0]
    assert tema["titulo"] == "¿Qué forma jurídica conviene?"
    assert tema["respuestas"] == 0 and "autor" not in tema
    assert api(f"temas/{tema['id']}/").json()["url"] == tema["url"]


def test_lang_parameter_and_accept_language_translate_labels_and_staff_texts(api, mundo):
    en = api("consorcios/", {"lang": "en", "tipo": "origen"})
    assert en["Content-Language"] == "en"
    assert en.json()["resultados"][0]["tipo_nombre"] == "Origin consortium"
    assert api("foros/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9").json()[0]["nombre"] == "Marcos legais"
    assert api("noticias/", {"lang": "en"}).json()["resultados"][0]["titulo"] == "The Network is born"
    assert api("noticias/").json()["resultados"][0]["titulo"] == "Nace la Red"
    assert api("foros/", {"lang": "fr"}).json()["error"]["detalle"] == {"lang": ["Uno de: es, pt, en."]}


def test_an_unchanged_answer_is_a_304_to_a_client_that_sends_its_etag(api, mundo):
    primera = api("consorcios/pisco/")
    etiqueta = primera["ETag"]
    segunda = api("consorcios/pisco/", HTTP_IF_NONE_MATCH=etiqueta)
    assert segunda.status_code == 304 and segunda.content == b""
    assert api("consorcios/pisco/", {"lang": "en"}, HTTP_IF_NONE_MATCH=etiqueta).status_code == 200


def test_any_web_page_may_read_the_api_but_not_the_portals_pages(api, client, mundo):
    assert api("consorcios/")["Access-Control-Allow-Origin"] == "*"
    assert api("nada/")["Access-Control-Allow-Origin"] == "*"
    previa = client.options(
        "/api/v1/consorcios/", HTTP_ORIGIN="https://otro.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert previa["Access-Control-Allow-Origin"] == "*"
    assert "X-Api-Key" in previa["Access-Control-Allow-Headers"]
    assert not client.get("/consorcios/").has_header("Access-Control-Allow-Origin")


def test_a_get_writes_nothing(api, mundo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as consultas:
        for ruta in ["consorcios/", "consorcios/pisco/", "instituciones/", "documentos/", "temas/", "foros/"]:
            assert api(ruta).status_code == 200
    escrituras = [c["sql"] for c in consultas if c["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert escrituras == []


@pytest.mark.parametrize(
    ("ruta", "titulo", "consorcios"),
    [
        ("/api/", "API de datos abiertos", "Consorcios publicados"),
        ("/pt/api/", "API de dados abertos", "Consórcios publicados"),
        ("/en/api/", "Open data API", "Published consortia"),
    ],
)
def test_documentation_page_lists_every_operation_with_examples_in_each_language(client, ruta, titulo, consorcios):
    html = client.get(ruta).content.decode()
    assert f"<h1>{titulo}</h1>" in html and consorcios in html
    for operacion in ["consorcios/", "consorcios/{slug}/", "documentos/facetas/", "temas/{id}/", "instituciones/"]:
        assert f"<code>GET /api/v1/{operacion}</code>" in html
    assert "import requests" in html and "library(httr2)" in html and "/api/v1/openapi.json" in html
    assert "<script>" not in html and "style=" not in html


def test_footer_links_to_the_api_documentation(client):
    assert 'href="/en/api/"' in client.get("/en/").content.decode()
