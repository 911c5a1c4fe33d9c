"""Search that finds the obvious (issue 22): every word in any order, the card's sectors, kind and
country in the page's language, names sorted as people sort, choices in use, named downloads."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import html5lib
import pytest
from django.db import connection
from django.utils import timezone

from consorcios.filters import filtrar, opciones
from consorcios.models import Consorcio, Sector
from miembros.models import Institucion

from .conftest import crear_consorcio

pytestmark = pytest.mark.django_db
PUBLICADO = Consorcio.Estado.PUBLICADO


@pytest.fixture
def registro():
    sombreros = crear_consorcio(
        nombre="Consorcio de sombreros de paja toquilla de Montecristi",
        slug="montecristi",
        estado=PUBLICADO,
        tipo=Consorcio.Tipo.ORIGEN,
        subtipo="",
        producto_tradicional="Sombrero de paja toquilla",
        productos="Sombreros finos tejidos a mano",
        descripcion="Tejedoras de la costa de Manabí.",
        pais="EC",
        signo_distintivo=Consorcio.Signo.DENOMINACION_ORIGEN,
        estado_signo=Consorcio.EstadoSigno.REGISTRADO,
        latitud=Decimal("-1.052500"),
        longitud=Decimal("-80.453100"),
    )
    sombreros.sectores.add(Sector.objects.get(slug="artesanias"))
    nativa = crear_consorcio(
        nombre="Consorcio Nativa Ecuador",
        slug="nativa",
        estado=PUBLICADO,
        productos="Aceites esenciales y jabones",
        descripcion="Diez empresas de plantas aromáticas.",
        pais="EC",
    )
    nativa.sectores.add(Sector.objects.get(slug="cosmetica-y-productos-naturales"))
    ceramica = crear_consorcio(
        nombre="Consorcio de Cerámica",
        slug="ceramica",
        estado=PUBLICADO,
        productos="Vasijas",
        descripcion="Ceramistas de Piura.",
        pais="PE",
        latitud=Decimal("-5.0925"),
        longitud=Decimal("-80.1625"),
    )
    ceramica.sectores.add(Sector.objects.get(slug="artesanias"))
    miel = crear_consorcio(
        nombre="Consorcio Royal Honey",
        slug="royal-honey",
        estado=PUBLICADO,
        productos="Mieles",
        descripcion="Cinco productores.",
        pais="EC",
    )
    miel.sectores.add(Sector.objects.get(slug="apicultura"))
    oculto = crear_consorcio(nombre="Cosmética pendiente", slug="pendiente", pais="AR", productos="cremas")
    oculto.sectores.add(Sector.objects.get(slug="cosmetica-y-productos-naturales"))
    return {"sombreros": sombreros, "nativa": nativa, "ceramica": ceramica, "miel": miel}


def _slugs(client, url: str) -> list[str]:
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    return [c.slug for c in respuesta.context["consorcios"]]


# --- Every word, in any order, with or without accents ---------------------------------------------


@pytest.mark.parametrize(
    "q",
    ["sombrero toquilla", "toquilla sombrero", "SOMBRERO tóquilla", "paja   montecristi", "tejedoras manabi sombreros"],
)
def test_visitor_finds_a_consortium_by_all_its_words_in_any_order(client, registro, q):
    assert _slugs(client, f"/consorcios/?q={q}") == ["montecristi"]


def test_every_word_must_be_found(client, registro):
    assert _slugs(client, "/consorcios/?q=sombrero pisco") == []
    assert _slugs(client, "/consorcios/?q=ceramica piura") == ["ceramica"]


# --- The card's sectors, kind and country, in the page's language ------------------------------------


@pytest.mark.parametrize(
    ("idioma", "q"),
    [
        ("", "cosmetica"),
        ("", "Cosmética productos naturales"),
        ("/pt", "cosméticos"),
        ("/pt", "produtos naturais"),
        ("/en", "cosmetics"),
        ("/en", "natural products"),
    ],
)
def test_visitor_finds_consortia_by_the_sector_on_their_card_in_the_page_language(client, registro, idioma, q):
    assert _slugs(client, f"{idioma}/consorcios/?q={q}") == ["nativa"]


def test_sector_country_and_kind_words_combine_with_the_others(client, registro):
    assert _slugs(client, "/consorcios/?q=artesanias peru") == ["ceramica"]
    assert _slugs(client, "/en/consorcios/?q=crafts ecuador") == ["montecristi"]
    assert _slugs(client, "/consorcios/?q=origen artesanias") == ["montecristi"]


def test_linking_and_unlinking_a_sector_changes_what_the_search_finds(client, registro):
    miel, apicultura = registro["miel"], Sector.objects.get(slug="apicultura")
    cosmetica = Sector.objects.get(slug="cosmetica-y-productos-naturales")
    miel.sectores.set([cosmetica])
    assert sorted(_slugs(client, "/consorcios/?q=cosmetica")) == ["nativa", "royal-honey"]
    assert _slugs(client, "/consorcios/?q=apicultura") == []
    # from the sector's side too
    apicultura.consorcios.add(registro["nativa"])
    assert _slugs(client, "/consorcios/?q=apicultura") == ["nativa"]
    cosmetica.consorcios.clear()
    assert _slugs(client, "/consorcios/?q=cosmetica") == []
    # and a change of country
    miel.pais = "PE"
    miel.save(update_fields=["pais"])
    assert _slugs(client, "/consorcios/?q=peru") == ["ceramica", "royal-honey"]


def test_the_site_wide_search_function_returns_published_consortia():
    from consorcios.filters import buscar

    visible = crear_consorcio(nombre="Pisco del valle de Ica", estado=PUBLICADO, pais="PE")
    crear_consorcio(nombre="Pisco pendiente", pais="PE")
    assert list(buscar("ica pisco")) == [visible]
    assert buscar("").count() == 1


def test_list_map_and_downloads_agree_on_a_search_of_words_and_sectors(client, registro):
    for q in ("sombrero toquilla", "cosmetica", "consorcio", "artesanias"):
        lista = {c.pk for c in client.get("/consorcios/", {"q": q}).context["consorcios"]}
        mapa = {f["id"] for f in client.get("/consorcios/mapa.geojson", {"q": q}).json()["features"]}
        descarga = {
            f["id"] for f in json.loads(client.get("/consorcios/consorcios.geojson", {"q": q}).content)["features"]
        }
        texto = client.get("/consorcios/consorcios.csv", {"q": q}).content.decode("utf-8-sig")
        filas = {int(f["id"]) for f in csv.DictReader(io.StringIO(texto))}
        assert lista and lista == mapa == descarga == filas, q


def test_a_search_of_several_words_and_a_sector_uses_the_trigram_index(registro):
    Consorcio.objects.bulk_create(
        Consorcio(
            nombre=f"Consorcio {i:04d}",
            slug=f"masivo-{i}",
            tipo=Consorcio.Tipo.EXPORTACION,
            subtipo=Consorcio.Subtipo.PROMOCIONAL,
            productos="café y cacao" if i % 2 else "artesanías",
            descripcion="Productores asociados.",
            pais=["PE", "CO"][i % 2],
            latitud=0,
            longitud=-70,
            estado=PUBLICADO,
        )
        for i in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE consorcios_consorcio")
    for q, esperados in (("sombrero toquilla", ["montecristi"]), ("cosmetica aceites", ["nativa"])):
        consulta = filtrar({"q": q}).qs
        plan = consulta.explain()
        assert "consorcio_texto_trgm" in plan, plan
        assert [c.slug for c in consulta] == esperados


# --- Names sorted as people sort -------------------------------------------------------------------


def test_names_sort_with_case_and_accents_aside(client, registro):
    crear_consorcio(nombre="ámbar del Caribe", slug="ambar", estado=PUBLICADO)
    crear_consorcio(nombre="Ñandutí", slug="nanduti", estado=PUBLICADO)
    crear_consorcio(nombre="Zafiro", slug="zafiro", estado=PUBLICADO)
    esperados = ["ambar", "ceramica", "montecristi", "nativa", "royal-honey", "nanduti", "zafiro"]
    for url in ("/consorcios/", "/consorcios/?orden=nombre", "/en/consorcios/", "/pt/consorcios/"):
        assert _slugs(client, url) == esperados, url
    # "Consorcio de Cerámica" before "Consorcio Royal Honey": lower case does not go last
    assert esperados.index("ceramica") < esperados.index("royal-honey")


def test_sort_by_year_breaks_ties_by_name_as_people_sort(client):
    for nombre, slug in (("Zafiro", "z"), ("ámbar", "a"), ("Miel", "m")):
        crear_consorcio(nombre=nombre, slug=slug, anio_fundacion=2000, numero_empresas=5, estado=PUBLICADO)
    assert _slugs(client, "/consorcios/?orden=fundacion") == ["a", "m", "z"]
    assert _slugs(client, "/consorcios/?orden=empresas") == ["a", "m", "z"]


def test_the_list_sorted_by_name_reads_its_index():
    Consorcio.objects.bulk_create(
        Consorcio(nombre=f"Consorcio {i:04d}", slug=f"m-{i}", pais="PE", latitud=0, longitud=-70, estado=PUBLICADO)
        for i in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE consorcios_consorcio")
    plan = filtrar({}).qs[:24].explain()
    assert "consorcio_estado_orden_idx" in plan, plan


def test_filter_lists_are_sorted_as_people_sort():
    for nombre in ("Ministerio", "Cámara de Comercio", "agencia local", "Ámbito Rural"):
        institucion = Institucion.objects.create(nombre=nombre, tipo=Institucion.Tipo.AGENCIA)
        crear_consorcio(nombre=f"De {nombre}", estado=PUBLICADO).instituciones_promotoras.add(institucion)
    assert [n for _pk, n in opciones()["instituciones"]] == [
        "agencia local",
        "Ámbito Rural",
        "Cámara de Comercio",
        "Ministerio",
    ]


# --- Choices in use ----------------------------------------------------------------------------------


def test_selects_offer_only_the_sectors_kinds_signs_and_situations_in_use(client, registro):
    elegibles = opciones()
    assert [s for s, _n in elegibles["sectores"]] == ["apicultura", "artesanias", "cosmetica-y-productos-naturales"]
    assert [t for t, _n in elegibles["tipos"]] == ["exportacion", "origen"]
    assert [t for t, _n in elegibles["subtipos"]] == ["promocional"]
    assert [s for s, _n in elegibles["signos"]] == ["ninguno", "denominacion_origen"]
    assert [s for s, _n in elegibles["situaciones"]] == ["activo"]
    html = client.get("/consorcios/").content.decode()
    assert 'value="apicultura"' in html and 'value="flores"' not in html
    assert 'value="promocional"' in html and 'value="ventas"' not in html
    assert 'value="denominacion_origen"' in html and 'value="marca_colectiva"' not in html
    assert 'value="en_formacion"' not in html


@pytest.mark.parametrize("consulta", ["sector=flores", "tipo=exportacion&subtipo=ventas", "situacion=disuelto"])
def test_a_value_nobody_has_yet_finds_none_and_stays_chosen(client, registro, consulta):
    respuesta = client.get(f"/consorcios/?{consulta}")
    assert [c.slug for c in respuesta.context["consorcios"]] == []
    valor = consulta.rsplit("=", 1)[1]
    assert f'<option value="{valor}" selected>' in respuesta.content.decode()


def test_a_value_outside_the_vocabulary_is_ignored(client, registro):
    assert len(_slugs(client, "/consorcios/?sector=nada&tipo=otro")) == 4


# --- Named downloads; a GeoJSON useful on its own ------------------------------------------------------


def _nombre_archivo(respuesta) -> str:
    cabecera = respuesta["Content-Disposition"]
    assert cabecera.startswith('attachment; filename="') and cabecera.endswith('"'), cabecera
    return cabecera.removeprefix('attachment; filename="').removesuffix('"')


@pytest.mark.parametrize(
    ("consulta", "base"),
    [
        ("", "consorcios"),
        ("pais=PE&tipo=origen", "consorcios-origen-pe"),
        ("q=Café+de+Perú&orden=nombre", "consorcios-cafe-de-peru"),
        ("fundado_desde=2000&sector=artesanias", "consorcios-artesanias-fundado_desde-2000"),
        ("pais=ZZ&tipo=nada", "consorcios"),  # invalid values are not in the list either
        ('q="../../etc/passwd"', "consorcios-etcpasswd"),
        ("q=" + "palabra+" * 20, "consorcios" + "-palabra" * 6),
    ],
)
def test_downloads_carry_their_filters_and_date_in_a_short_safe_file_name(client, registro, consulta, base):
    hoy = timezone.localdate().isoformat()
    assert _nombre_archivo(client.get(f"/consorcios/consorcios.csv?{consulta}")) == f"{base}-{hoy}.csv"
    assert _nombre_archivo(client.get(f"/consorcios/consorcios.geojson?{consulta}")) == f"{base}-{hoy}.geojson"


def test_download_names_an_institution_by_its_name(client, registro):
    promperu = Institucion.objects.create(nombre="PromPerú", tipo=Institucion.Tipo.AGENCIA)
    registro["ceramica"].instituciones_promotoras.add(promperu)
    nombre = _nombre_archivo(client.get(f"/consorcios/consorcios.csv?institucion={promperu.pk}"))
    assert nombre.startswith("consorcios-promperu-")


@pytest.mark.parametrize(
    ("idioma", "tipo", "pais"),
    [
        ("", "Consorcio de origen", "Ecuador"),
        ("/pt", "Consórcio de origem", "Equador"),
        ("/en", "Origin consortium", "Ecuador"),
    ],
)
def test_the_geojson_download_carries_name_kind_country_and_page_address(
    client, registro, settings, idioma, tipo, pais
):
    settings.SITE_URL = "https://consorcios.example.org"
    respuesta = client.get(f"{idioma}/consorcios/consorcios.geojson?q=toquilla")
    assert respuesta["Content-Type"] == "application/geo+json"
    datos = json.loads(respuesta.content)
    [rasgo] = datos["features"]
    assert rasgo["id"] == registro["sombreros"].pk
    assert rasgo["geometry"] == {"type": "Point", "coordinates": [-80.4531, -1.0525]}
    propiedades = rasgo["properties"]
    assert propiedades["nombre"] == "Consorcio de sombreros de paja toquilla de Montecristi"
    assert propiedades["tipo"] == "origen" and propiedades["tipo_nombre"] == tipo
    assert propiedades["pais"] == "EC" and propiedades["pais_nombre"] == pais
    assert propiedades["url"] == f"https://consorcios.example.org{idioma}/consorcios/montecristi/"
    assert "@" not in respuesta.content.decode()


def test_the_list_links_the_full_geojson_download(client, registro):
    html = client.get("/consorcios/?pais=PE").content.decode()
    assert 'href="/consorcios/consorcios.geojson?pais=PE" type="application/geo+json" download' in html
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


@pytest.mark.parametrize("n", [10, 300])
def test_the_geojson_download_runs_the_same_queries_whatever_the_rows(client, settings, n, django_assert_num_queries):
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    sector = Sector.objects.get(slug="flores")
    for i in range(n if n < 20 else 0):
        crear_consorcio(nombre=f"C {i}", estado=PUBLICADO).sectores.add(sector)
    if n >= 20:
        creados = Consorcio.objects.bulk_create(
            Consorcio(
                nombre=f"C {i}",
                slug=f"c{i}",
                tipo=Consorcio.Tipo.EXPORTACION,
                pais="EC",
                latitud=0,
                longitud=-78,
                estado=PUBLICADO,
            )
            for i in range(n)
        )
        Consorcio.sectores.through.objects.bulk_create(
            Consorcio.sectores.through(consorcio_id=c.pk, sector_id=sector.pk) for c in creados
        )
    opciones()  # the choices are kept until the registry changes
    # the features with their sectors as a subquery
    with django_assert_num_queries(1):
        respuesta = client.get("/consorcios/consorcios.geojson?tipo=exportacion")
    assert len(json.loads(respuesta.content)["features"]) == n
