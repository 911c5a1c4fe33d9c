"""Discovery: filters, sort and pagination of the list; GeoJSON, CSV, statistics, embeddable map."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import html5lib
import pytest
from django.db import connection
from django.utils import timezone

from consorcios.filters import filtrar, opciones
from consorcios.models import Consorcio, Sector
from consorcios.views import COLUMNAS_CSV
from miembros.models import Institucion

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db
PUBLICADO = Consorcio.Estado.PUBLICADO


@pytest.fixture
def registro():
    """Three published consortia that differ in every filtered field, and a pending one."""
    promotora = Institucion.objects.create(nombre="PromPerú", tipo="agencia", pais="PE")
    otra = Institucion.objects.create(nombre="Pro Ecuador", tipo="agencia", pais="EC")
    cafe = crear_consorcio(
        nombre="Café de Altura",
        slug="cafe-de-altura",
        estado=PUBLICADO,
        tipo=Consorcio.Tipo.EXPORTACION,
        subtipo=Consorcio.Subtipo.VENTAS,
        productos="Grano orgánico tostado",
        descripcion="Doce fincas de Cusco.",
        pais="PE",
        region="Cusco",
        ciudad="Cusco",
        latitud=Decimal("-13.531950"),
        longitud=Decimal("-71.967463"),
        anio_fundacion=2005,
        numero_empresas=12,
        mercados_destino=["US", "JP"],
        correo_contacto="cafe@example.org",
        telefono_contacto="+51 84 123456",
        publicado_en=timezone.now() - timezone.timedelta(days=3),
    )
    cafe.sectores.add(Sector.objects.get(slug="cafe-y-cacao"))
    cafe.instituciones_promotoras.add(promotora)
    ceramica = crear_consorcio(
        nombre="Artesanías de Chulucanas",
        slug="chulucanas",
        estado=PUBLICADO,
        tipo=Consorcio.Tipo.ORIGEN,
        subtipo="",
        producto_tradicional="Cerámica de Chulucanas",
        productos="Cerámica decorada",
        descripcion="Ceramistas de Piura con denominación de origen.",
        pais="PE",
        region="Piura",
        ciudad="Chulucanas",
        latitud=Decimal("-5.0925"),
        longitud=Decimal("-80.1625"),
        signo_distintivo=Consorcio.Signo.DENOMINACION_ORIGEN,
        estado_signo=Consorcio.EstadoSigno.REGISTRADO,
        estado_vida=Consorcio.Vida.EN_FORMACION,
        anio_fundacion=2012,
        numero_empresas=30,
        mercados_destino=["ES"],
        publicado_en=timezone.now() - timezone.timedelta(days=1),
    )
    ceramica.sectores.add(Sector.objects.get(slug="artesanias"))
    miel = crear_consorcio(
        nombre="Royal Honey",
        slug="royal-honey",
        estado=PUBLICADO,
        subtipo=Consorcio.Subtipo.PROMOCIONAL,
        productos='=HYPERLINK("http://example.org")',
        descripcion="Cinco productores con 1100 colmenas.",
        pais="EC",
        region="Pichincha",
        anio_fundacion=1998,
        numero_empresas=5,
        publicado_en=timezone.now() - timezone.timedelta(days=2),
    )
    miel.sectores.add(Sector.objects.get(slug="apicultura"), Sector.objects.get(slug="flores"))
    miel.instituciones_promotoras.add(otra)
    crear_consorcio(nombre="Café pendiente", slug="cafe-pendiente", pais="AR", productos="café")
    return {"cafe": cafe, "ceramica": ceramica, "miel": miel, "promotora": promotora}


def _nombres(client, url: str) -> list[str]:
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    return [c.nombre for c in respuesta.context["consorcios"]]


@pytest.mark.parametrize(
    ("consulta", "esperados"),
    [
        ("q=cafe", ["Café de Altura"]),
        ("q=CAFÉ", ["Café de Altura"]),
        ("q=artesania", ["Artesanías de Chulucanas"]),
        ("q=organico", ["Café de Altura"]),  # products
        ("q=colmenas", ["Royal Honey"]),  # description
        ("q=denominacion+de+origen", ["Artesanías de Chulucanas"]),
        ("q=50%25", []),  # LIKE wildcards are escaped
        ("tipo=origen", ["Artesanías de Chulucanas"]),
        ("subtipo=promocional", ["Royal Honey"]),
        ("sector=apicultura", ["Royal Honey"]),
        ("sector=flores", ["Royal Honey"]),
        ("pais=PE", ["Artesanías de Chulucanas", "Café de Altura"]),
        ("region=piura", ["Artesanías de Chulucanas"]),
        ("signo=denominacion_origen", ["Artesanías de Chulucanas"]),
        ("situacion=en_formacion", ["Artesanías de Chulucanas"]),
        ("fundado_desde=2000", ["Artesanías de Chulucanas", "Café de Altura"]),
        ("fundado_hasta=2000", ["Royal Honey"]),
        ("empresas_desde=10&empresas_hasta=20", ["Café de Altura"]),
        ("mercado=JP", ["Café de Altura"]),
        ("pais=PE&tipo=exportacion", ["Café de Altura"]),
        ("pais=ZZ", ["Artesanías de Chulucanas", "Café de Altura", "Royal Honey"]),  # invalid: ignored
    ],
)
def test_each_filter_narrows_the_published_list(client, registro, consulta, esperados):
    assert _nombres(client, f"/consorcios/?{consulta}") == esperados


def test_promoting_institution_filter(client, registro):
    assert _nombres(client, f"/consorcios/?institucion={registro['promotora'].pk}") == ["Café de Altura"]


@pytest.mark.parametrize(
    ("orden", "esperados"),
    [
        ("", ["Artesanías de Chulucanas", "Café de Altura", "Royal Honey"]),
        ("nombre", ["Artesanías de Chulucanas", "Café de Altura", "Royal Honey"]),
        ("recientes", ["Artesanías de Chulucanas", "Royal Honey", "Café de Altura"]),
        ("fundacion", ["Artesanías de Chulucanas", "Café de Altura", "Royal Honey"]),
        ("empresas", ["Artesanías de Chulucanas", "Café de Altura", "Royal Honey"]),
    ],
)
def test_sorts(client, registro, orden, esperados):
    assert _nombres(client, f"/consorcios/?orden={orden}") == esperados


def test_sort_by_year_puts_unknown_years_last(client, registro):
    crear_consorcio(nombre="Sin año", estado=PUBLICADO)
    nombres = _nombres(client, "/consorcios/?orden=fundacion")
    assert nombres[0] == "Artesanías de Chulucanas" and nombres[-1] == "Sin año"


def test_pending_consortia_never_appear_anywhere(client, registro):
    assert "Café pendiente" not in client.get("/consorcios/?q=cafe").content.decode()
    assert "Café pendiente" not in client.get("/consorcios/mapa.geojson?q=cafe").content.decode()
    assert "Café pendiente" not in client.get("/consorcios/consorcios.csv?q=cafe").content.decode("utf-8-sig")
    # and its country is not offered
    assert "AR" not in dict(opciones()["paises"])


def test_list_shows_count_links_with_the_same_filters_and_clear_link(client, registro):
    html = client.get("/consorcios/?pais=PE&tipo=origen").content.decode()
    assert "1 consorcio encontrado." in html
    assert 'href="/consorcios/mapa/?pais=PE&amp;tipo=origen"' in html
    assert 'href="/consorcios/consorcios.csv?pais=PE&amp;tipo=origen"' in html
    assert (
        '<link rel="alternate" type="application/geo+json" href="/consorcios/mapa.geojson?pais=PE&amp;tipo=origen"'
        in html
    )
    assert '<link rel="alternate" type="text/csv" href="/consorcios/consorcios.csv?pais=PE&amp;tipo=origen"' in html
    assert "Quitar los filtros" in html
    assert "csrfmiddlewaretoken" not in html
    assert "Quitar los filtros" not in client.get("/consorcios/").content.decode()


@pytest.mark.parametrize("url", ["/consorcios/", "/consorcios/mapa/"])
def test_a_kept_filter_panel_still_shows_each_visits_own_filters(client, registro, settings, url):
    settings.CACHE_PAGINAS_SEGUNDOS = 0  # only the fragments
    client.get(url, {"pais": "PE", "tipo": "origen"})
    client.get(url)
    filtrada = client.get(url, {"pais": "PE", "tipo": "origen"}).content.decode()
    completa = client.get(url).content.decode()
    assert '<option value="PE" selected>' in filtrada and "Quitar los filtros" in filtrada
    assert "selected>Perú" not in completa and "Quitar los filtros" not in completa
    if url == "/consorcios/":
        assert "1 consorcio encontrado." in filtrada


def test_pagination_keeps_the_filters(client):
    Consorcio.objects.bulk_create(
        Consorcio(nombre=f"Ecuador {i:02d}", slug=f"ec-{i}", pais="EC", latitud=0, longitud=-78, estado=PUBLICADO)
        for i in range(30)
    )
    crear_consorcio(nombre="Perú 1", pais="PE", estado=PUBLICADO)
    html = client.get("/consorcios/?pais=EC").content.decode()
    assert "30 consorcios encontrados." in html
    assert 'href="?pais=EC&amp;page=2"' in html
    segunda = client.get("/consorcios/?pais=EC&page=2")
    assert [c.nombre for c in segunda.context["consorcios"]] == [f"Ecuador {i:02d}" for i in range(24, 30)]
    assert 'href="?pais=EC&amp;page=1"' in segunda.content.decode()


def test_country_choices_are_cached_and_refreshed_on_save(django_assert_num_queries, registro):
    assert [c for c, _n in opciones()["paises"]] == ["EC", "PE"]
    with django_assert_num_queries(0):
        opciones()
    crear_consorcio(nombre="Gruyère", pais="CH", estado=PUBLICADO)
    assert "CH" in dict(opciones()["paises"])


def test_map_and_statistics_carry_the_same_filters(client, registro, settings):
    settings.MAP_TILES_URL = ""
    html = client.get("/consorcios/mapa/?pais=PE").content.decode()
    assert 'data-geojson="/consorcios/mapa.geojson?pais=PE"' in html
    assert 'href="/consorcios/?pais=PE"' in html  # the accessible alternative, same consortia
    assert "leaflet.markercluster.js" in html
    assert 'class="leyenda-mapa"' in html
    assert '<option value="PE" selected>' in html


# --- GeoJSON -----------------------------------------------------------------------------


def test_geojson_is_rfc7946_with_the_list_filters(client, registro):
    respuesta = client.get("/consorcios/mapa.geojson?pais=PE")
    assert respuesta["Content-Type"] == "application/geo+json"
    datos = json.loads(respuesta.content)
    assert datos["type"] == "FeatureCollection"
    assert set(datos) == {"type", "features"}
    por_id = {f["id"]: f for f in datos["features"]}
    assert set(por_id) == {registro["cafe"].pk, registro["ceramica"].pk}
    for rasgo in datos["features"]:
        assert set(rasgo) == {"type", "id", "geometry", "properties"}
        assert rasgo["type"] == "Feature"
        assert rasgo["geometry"]["type"] == "Point"
        lon, lat = rasgo["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(rasgo["properties"]) == {"t"}
    # Longitude first, as in the database, rounded to 4 decimals; the kind as one letter.
    assert por_id[registro["cafe"].pk]["geometry"]["coordinates"] == [-71.9675, -13.532]
    assert por_id[registro["cafe"].pk]["properties"] == {"t": "e"}
    assert por_id[registro["ceramica"].pk]["properties"] == {"t": "o"}


def test_geojson_has_at_most_four_decimals_and_features_of_at_most_115_bytes(client):
    # Five-digit ids; Rapa Nui has the longest coordinates in the region (-109.4349,-27.1127).
    crear_consorcio(pk=12345, estado=PUBLICADO, latitud=Decimal("-27.11268"), longitud=Decimal("-109.43494"))
    crear_consorcio(pk=12346, estado=PUBLICADO, latitud=Decimal("-13.70978212"), longitud=Decimal("-76.20324789"))
    crear_consorcio(
        pk=12347, estado=PUBLICADO, tipo=Consorcio.Tipo.ORIGEN, latitud=Decimal("-0.5"), longitud=Decimal("-78")
    )
    texto = client.get("/consorcios/mapa.geojson").content.decode()
    for numero in re.findall(r"-?\d+\.\d+", texto):
        assert len(numero.split(".")[1]) <= 4
    tamanos = {
        rasgo["id"]: len(json.dumps(rasgo, ensure_ascii=False, separators=(",", ":")).encode())
        for rasgo in json.loads(texto)["features"]
    }
    # 97 bytes of envelope, id and kind, plus the coordinates' text (18 characters at most on Earth;
    # PostgreSQL prints a whole degree without decimals: -78, not -78.0).
    assert tamanos == {12345: 115, 12346: 114, 12347: 105}
    # The served body is that compact already: one comma between features, 42 bytes around them.
    assert len(texto.encode()) == sum(tamanos.values()) + 2 + 42


def test_geojson_is_the_same_in_every_language(client, registro):
    espanol = client.get("/consorcios/mapa.geojson?pais=EC")
    ingles = client.get("/en/consorcios/mapa.geojson?pais=EC")
    assert ingles.content == espanol.content
    assert ingles["ETag"] == espanol["ETag"]


@pytest.mark.parametrize("segundos", [600, 0], ids=["cache", "sin-cache"])
def test_geojson_answers_304_to_a_repeat_request(client, registro, settings, segundos, django_assert_num_queries):
    settings.CACHE_PAGINAS_SEGUNDOS = segundos
    primera = client.get("/consorcios/mapa.geojson?pais=PE")
    etag, ultima = primera["ETag"], primera["Last-Modified"]
    assert primera["Cache-Control"] == "max-age=0, must-revalidate"
    # from the page cache: nothing; without it, the validator is kept until the content changes
    with django_assert_num_queries(0):
        repetida = client.get("/consorcios/mapa.geojson?pais=PE", headers={"if-none-match": etag})
    assert repetida.status_code == 304
    assert repetida.content == b""
    assert repetida["ETag"] == etag and repetida["Cache-Control"] == "max-age=0, must-revalidate"
    if not segundos:  # the page cache answers If-None-Match only; the view also If-Modified-Since
        assert client.get("/consorcios/mapa.geojson?pais=PE", headers={"if-modified-since": ultima}).status_code == 304
    # another filter is another document
    assert client.get("/consorcios/mapa.geojson?pais=EC", headers={"if-none-match": etag}).status_code == 200
    # an edit changes the validator
    registro["cafe"].latitud = Decimal("-13.6")
    registro["cafe"].save()
    cambiada = client.get("/consorcios/mapa.geojson?pais=PE", headers={"if-none-match": etag})
    assert cambiada.status_code == 200
    assert "[-71.9675,-13.6]" in cambiada.content.decode()


def test_a_second_anonymous_geojson_request_is_served_from_the_page_cache(client, registro, django_assert_num_queries):
    primera = client.get("/consorcios/mapa.geojson?pais=PE")
    with django_assert_num_queries(0):
        segunda = client.get("/consorcios/mapa.geojson?pais=PE")
    assert segunda.status_code == 200
    assert segunda.content == primera.content
    assert segunda["ETag"] == primera["ETag"]


def test_saving_a_consortium_shows_in_the_next_geojson(client, registro):
    antes = json.loads(client.get("/consorcios/mapa.geojson").content)
    miel = registro["miel"]
    miel.tipo = Consorcio.Tipo.ORIGEN
    miel.save()
    despues = client.get("/consorcios/mapa.geojson")
    tipos = {f["id"]: f["properties"]["t"] for f in json.loads(despues.content)["features"]}
    assert {f["id"]: f["properties"]["t"] for f in antes["features"]}[miel.pk] == "e"
    assert tipos[miel.pk] == "o"
    # and one that leaves the published set leaves the map
    registro["ceramica"].estado = Consorcio.Estado.PENDIENTE
    registro["ceramica"].save()
    ids = {f["id"] for f in json.loads(client.get("/consorcios/mapa.geojson").content)["features"]}
    assert ids == {registro["cafe"].pk, miel.pk}


# --- Map popups ----------------------------------------------------------------------------


def test_map_popup_gives_what_the_popup_shows(client, registro):
    respuesta = client.get(f"/consorcios/mapa/{registro['miel'].pk}.json")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/json"
    assert respuesta["Cache-Control"] == "max-age=0, must-revalidate"
    assert "Last-Modified" in respuesta and "ETag" in respuesta
    assert json.loads(respuesta.content) == {
        "nombre": "Royal Honey",
        "tipo": "Consorcio de exportación",
        "sectores": ["Apicultura", "Flores"],
        "pais": "Ecuador",
        "url": "/consorcios/royal-honey/",
    }


def test_map_popup_is_translated(client, registro):
    datos = json.loads(client.get(f"/en/consorcios/mapa/{registro['ceramica'].pk}.json").content)
    assert datos == {
        "nombre": "Artesanías de Chulucanas",
        "tipo": "Origin consortium",
        "sectores": ["Handicrafts"],
        "pais": "Peru",
        "url": "/en/consorcios/chulucanas/",
    }
    portugues = client.get(f"/pt/consorcios/mapa/{registro['cafe'].pk}.json").content.decode()
    assert '"tipo":"Consórcio de exportação"' in portugues  # compact, accents as UTF-8 rather than escapes
    assert json.loads(portugues)["url"] == "/pt/consorcios/cafe-de-altura/"


def test_map_popup_of_an_unpublished_or_unknown_consortium_is_404(client, registro, cliente_staff):
    pendiente = Consorcio.objects.get(slug="cafe-pendiente")
    assert client.get(f"/consorcios/mapa/{pendiente.pk}.json").status_code == 404
    assert client.get("/consorcios/mapa/999999.json").status_code == 404
    # not even staff: the map shows only what is published
    assert cliente_staff.get(f"/consorcios/mapa/{pendiente.pk}.json").status_code == 404


@pytest.mark.parametrize("cuantos", [1, 3])
def test_map_popup_runs_one_query_whatever_its_sectors(client, settings, cuantos, django_assert_num_queries):
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    consorcio = crear_consorcio(estado=PUBLICADO)
    consorcio.sectores.add(*Sector.objects.order_by("pk")[:cuantos])
    # the consortium with its sectors as an array subquery
    with django_assert_num_queries(1):
        respuesta = client.get(f"/consorcios/mapa/{consorcio.pk}.json")
    assert len(json.loads(respuesta.content)["sectores"]) == cuantos


@pytest.mark.parametrize(("segundos", "consultas"), [(600, 0), (0, 1)], ids=["cache", "sin-cache"])
def test_map_popup_answers_304_and_follows_edits(
    client, registro, settings, segundos, consultas, django_assert_num_queries
):
    settings.CACHE_PAGINAS_SEGUNDOS = segundos
    ruta = f"/consorcios/mapa/{registro['cafe'].pk}.json"
    etag = client.get(ruta)["ETag"]
    with django_assert_num_queries(consultas):
        assert client.get(ruta, headers={"if-none-match": etag}).status_code == 304
    registro["cafe"].nombre = "Café de Altura Andina"
    registro["cafe"].save()
    cambiada = client.get(ruta, headers={"if-none-match": etag})
    assert cambiada.status_code == 200
    assert json.loads(cambiada.content)["nombre"] == "Café de Altura Andina"


# --- CSV ---------------------------------------------------------------------------------


def test_csv_matches_the_filtered_set_without_personal_data(client, registro):
    respuesta = client.get("/consorcios/consorcios.csv?pais=PE")
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert respuesta["Content-Disposition"].startswith('attachment; filename="consorcios-pe-')
    assert respuesta.content.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    texto = respuesta.content.decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(texto)))
    assert list(filas[0]) == COLUMNAS_CSV
    assert [f["nombre"] for f in filas] == ["Artesanías de Chulucanas", "Café de Altura"]
    cafe = filas[1]
    assert cafe["url"] == "http://testserver/consorcios/cafe-de-altura/"
    assert cafe["pais"] == "PE" and cafe["tipo"] == "exportacion"
    assert cafe["latitud"] == "-13.531950" and cafe["longitud"] == "-71.967463"
    assert cafe["mercados_destino"] == "JP;US"
    assert cafe["instituciones_promotoras"] == "PromPerú"
    assert cafe["sectores"] == "cafe-y-cacao"
    assert cafe["numero_empresas"] == "12"
    assert "@" not in texto and "cafe@example.org" not in texto and "123456" not in texto
    # The id joins a row to its feature in the GeoJSON of the same filters.
    rasgos = client.get("/consorcios/mapa.geojson?pais=PE").json()["features"]
    assert sorted(int(f["id"]) for f in filas) == sorted(r["id"] for r in rasgos)


def test_csv_neutralises_spreadsheet_formulas(client, registro):
    texto = client.get("/consorcios/consorcios.csv?pais=EC").content.decode("utf-8-sig")
    [fila] = list(csv.DictReader(io.StringIO(texto)))
    assert fila["productos"].startswith("'=")
    assert fila["sectores"] == "apicultura;flores"


def test_an_exported_csv_imports_into_another_registry_as_it_was(client, registro, cliente_staff):
    """The export and the import read one declaration of the public fields (consorcios/campos.py)."""
    from consorcios.campos import PUBLICOS

    exportado = client.get("/consorcios/consorcios.csv?pais=PE").content
    antes = list(csv.DictReader(io.StringIO(exportado.decode("utf-8-sig"))))
    Consorcio.objects.filter(pais="PE").delete()
    archivo = io.BytesIO(exportado)
    archivo.name = "peru.csv"
    assert (
        cliente_staff.post("/admin/consorcios/consorcio/importar/", {"archivo": archivo, "publicar": "on"}).status_code
        == 302
    )
    despues = list(
        csv.DictReader(io.StringIO(client.get("/consorcios/consorcios.csv?pais=PE").content.decode("utf-8-sig")))
    )
    assert [{c: f[c] for c in PUBLICOS} for f in despues] == [{c: f[c] for c in PUBLICOS} for f in antes]


# --- Embeddable map ------------------------------------------------------------------------


def test_only_the_embed_page_may_be_framed(client, registro, settings):
    settings.MAP_TILES_URL = ""
    embebido = client.get("/consorcios/mapa/embed/?pais=PE")
    assert embebido.status_code == 200
    assert "X-Frame-Options" not in embebido
    assert "frame-ancestors *" in embebido["Content-Security-Policy"]
    assert "script-src 'self'" in embebido["Content-Security-Policy"]
    html = embebido.content.decode()
    assert 'data-geojson="/consorcios/mapa.geojson?pais=PE"' in html
    assert 'data-destino="_blank"' in html
    assert "<nav" not in html and html.count("<h1") == 1
    mapa = client.get("/consorcios/mapa/")
    assert mapa["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in mapa["Content-Security-Policy"]


# --- Statistics ------------------------------------------------------------------------------


def _seccion(respuesta, clave: str) -> dict:
    return dict(next(s["filas"] for s in respuesta.context["secciones"] if s["clave"] == clave))


def test_statistics_count_by_country_kind_sector_sign_and_year(client, registro):
    respuesta = client.get("/consorcios/estadisticas/")
    assert respuesta.context["total"] == 3
    assert _seccion(respuesta, "pais") == {"Perú": 2, "Ecuador": 1}
    assert _seccion(respuesta, "tipo") == {"Consorcio de exportación": 2, "Consorcio de origen": 1}
    assert _seccion(respuesta, "sector") == {"Apicultura": 1, "Artesanías": 1, "Café y cacao": 1, "Flores": 1}
    assert _seccion(respuesta, "signo") == {"Denominación de origen": 1, "Ninguno": 2}
    assert _seccion(respuesta, "anio") == {"1998": 1, "2005": 1, "2012": 1}
    html = respuesta.content.decode()
    assert html.count("<svg") == 5 and html.count("<table") == 5
    assert "style=" not in html and "<script>" not in html


def test_statistics_apply_the_filters(client, registro):
    # "How many origin consortia in Peru, by sector?"
    respuesta = client.get("/consorcios/estadisticas/?pais=PE&tipo=origen")
    assert respuesta.context["total"] == 1
    assert _seccion(respuesta, "sector") == {"Artesanías": 1}
    # a sector filter does not hide a consortium's other sectors
    respuesta = client.get("/consorcios/estadisticas/?sector=flores")
    assert _seccion(respuesta, "sector") == {"Apicultura": 1, "Flores": 1}


# --- Query counts, index use, markup --------------------------------------------------------------


def _muchos(n: int) -> None:
    sectores = list(Sector.objects.all()[:3])
    consorcios = Consorcio.objects.bulk_create(
        Consorcio(
            nombre=f"Consorcio {i:04d}",
            slug=f"masivo-{i}",
            tipo=Consorcio.Tipo.ORIGEN if i % 3 == 0 else Consorcio.Tipo.EXPORTACION,
            productos="café y cacao" if i % 2 else "artesanías",
            descripcion="Productores asociados.",
            pais=["PE", "EC", "CO", "AR"][i % 4],
            latitud=Decimal(-10 + i % 20),
            longitud=Decimal(-70 - i % 10),
            anio_fundacion=1990 + i % 30,
            numero_empresas=i % 40,
            mercados_destino=["US", "CN"][: 1 + i % 2],
            estado=PUBLICADO,
            publicado_en=timezone.now(),
        )
        for i in range(n)
    )
    Consorcio.sectores.through.objects.bulk_create(
        Consorcio.sectores.through(consorcio_id=c.pk, sector_id=sectores[i % 3].pk) for i, c in enumerate(consorcios)
    )


PAGINAS = [
    # count + the page's rows with the keys of their sectors + (cache cold) the choices:
    # countries, markets, institutions, sectors; and the registry's open-data licence (its JSON-LD)
    ("/consorcios/?pais=PE&q=artesania&orden=empresas", 7),
    # same choices and licence + nothing else: the map loads its data from the GeoJSON
    ("/consorcios/mapa/?pais=PE", 5),
    # same choices + validator + features (ids, points and kinds only)
    ("/consorcios/mapa.geojson?tipo=exportacion&mercado=US", 6),
    # features with sectors and institutions as subqueries
    ("/consorcios/consorcios.csv?fundado_desde=2000", 1),
    # choices + licence + five aggregates
    ("/consorcios/estadisticas/?tipo=origen", 10),
]


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize(("url", "consultas"), PAGINAS)
def test_query_counts_do_not_grow_with_consortia(client, n, url, consultas, django_assert_num_queries):
    _muchos(n)
    with django_assert_num_queries(consultas):
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    if "consorcios" in (respuesta.context or {}):
        assert len(respuesta.context["consorcios"]) > 0


def test_text_search_uses_its_trigram_index(registro):
    _muchos(3000)
    Consorcio.objects.bulk_create(
        [
            Consorcio(
                nombre="Sombreros de paja toquilla",
                slug="montecristi",
                productos="Sombreros finos",
                descripcion="Tejedoras de Montecristi.",
                pais="EC",
                latitud=-1,
                longitud=-80,
                estado=PUBLICADO,
            )
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE consorcios_consorcio")  # fresh statistics, as autovacuum would keep
    consulta = filtrar({"q": "montecristí"}).qs
    plan = consulta.explain()
    assert "consorcio_texto_trgm" in plan, plan
    assert [c.slug for c in consulta] == ["montecristi"]


def test_discovery_pages_are_valid_html5_with_one_h1(client, registro, settings):
    settings.MAP_TILES_URL = ""
    for url in (
        "/consorcios/?pais=PE&q=caf%C3%A9",
        "/consorcios/mapa/?tipo=origen",
        "/consorcios/mapa/embed/",
        "/consorcios/estadisticas/",
        "/pt/consorcios/estadisticas/",
        "/en/consorcios/?pais=EC",
    ):
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        assert respuesta.content.decode().count("<h1") == 1, url
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(respuesta.content)
        except html5lib.html5parser.ParseError as error:
            raise AssertionError(f"{url}: {error}") from None


def test_choices_offer_exactly_the_countries_markets_and_institutions_of_published_consortia():
    camara = Institucion.objects.create(nombre="Cámara de Comercio", tipo=Institucion.Tipo.CAMARA)
    ministerio = Institucion.objects.create(nombre="Ministerio", tipo=Institucion.Tipo.AGENCIA)
    Institucion.objects.create(nombre="Sin consorcios", tipo=Institucion.Tipo.EMPRESA)
    cafe = crear_consorcio(nombre="Café", pais="PE", mercados_destino=["US", "JP"], estado=PUBLICADO)
    crear_consorcio(nombre="Pisco", pais="PE", mercados_destino=["US"], estado=PUBLICADO)
    crear_consorcio(nombre="Sin mercados", pais="CO", estado=PUBLICADO)
    oculto = crear_consorcio(nombre="Pendiente", pais="AR", mercados_destino=["CN"])
    cafe.instituciones_promotoras.add(camara)
    oculto.instituciones_promotoras.add(ministerio)
    elegibles = opciones()
    assert sorted(c for c, _n in elegibles["paises"]) == ["CO", "PE"]
    assert sorted(c for c, _n in elegibles["mercados"]) == ["JP", "US"]
    assert elegibles["instituciones"] == [(str(camara.pk), "Cámara de Comercio")]


def test_choices_are_read_in_constant_queries(django_assert_num_queries):
    for i in range(30):
        crear_consorcio(
            nombre=f"Consorcio {i}", pais=["PE", "EC", "CO"][i % 3], mercados_destino=["US"], estado=PUBLICADO
        )
    # the countries, the markets, the sectors, the institutions
    with django_assert_num_queries(4):
        opciones()
