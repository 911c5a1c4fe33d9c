"""Library search: Spanish full text (accents optional, stems, phrases, exclusion, metadata), facets, exports."""

from __future__ import annotations

import pytest
from django.db import connection

from biblioteca import busqueda
from biblioteca.models import Documento

from .conftest import nuevo_documento

CORPUS = {
    "ley_ecuador": {
        "titulo": "Legislación sobre consorcios de exportación en Ecuador",
        "tipo": Documento.Tipo.LEGISLACION,
        "resumen": "El Código Orgánico de la Producción reconoce la asociatividad empresarial.",
        "paises": ["EC"],
        "anio": 2011,
    },
    "tequila": {
        "titulo": "Denominación de origen del Tequila",
        "tipo": Documento.Tipo.CASO,
        "resumen": "El consejo regulador del tequila y la protección de la indicación geográfica en México.",
        "paises": ["MX"],
        "anio": 2010,
    },
    "pisco": {
        "titulo": "Denominación de origen del Pisco peruano",
        "tipo": Documento.Tipo.CASO,
        "resumen": "El pisco y su reglamento de producción.",
        "paises": ["PE"],
        "anio": 2009,
    },
    "montecristi": {
        "titulo": "Sombreros de paja toquilla de Montecristi",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Proteger al sombrero de Montecristi de los imitadores.",
        "paises": ["EC"],
        "anio": 2012,
    },
    "guia_origen": {
        "titulo": "Guía metodológica para consorcios de origen",
        "tipo": Documento.Tipo.GUIA,
        "resumen": "Cómo redactar el pliego de condiciones con los productores.",
        "anio": 2010,
    },
    "incentivos_uy": {
        "titulo": "Incentivos tributarios para PYMES exportadoras",
        "tipo": Documento.Tipo.INCENTIVO,
        "resumen": "Programa PIBE de DINAPYME: ferias internacionales y misiones comerciales.",
        "paises": ["UY"],
        "anio": 2012,
    },
    "argentina": {
        "titulo": "Estudio sobre la competitividad de las PYMES en Argentina",
        "tipo": Documento.Tipo.ESTUDIO,
        "autores": "Norberto Clacheo",
        "resumen": "Unos 80 grupos de exportadores sin una norma específica.",
        "paises": ["AR"],
        "anio": 2012,
    },
    "chulucanas": {
        "titulo": "Marketing territorial en el norte del Perú",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Integración de la oferta productiva y turística.",
        "texto_extraido": "Los artesanos de la cerámica de Chulucanas se asociaron; el turismo rural creció un 3%.",
        "paises": ["PE"],
        "anio": 2012,
    },
    "jamon": {
        "titulo": "El Jamón Toscano y su consejo regulador",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Un consorcio creado en 1990 que obtuvo su registro seis años después.",
        "paises": ["IT"],
        "idioma": Documento.Idioma.IT,
        "anio": 2012,
    },
    "reglamento_ue": {
        "titulo": "Reglamento europeo de indicaciones geográficas",
        "tipo": Documento.Tipo.LEGISLACION,
        "resumen": "Denominaciones de origen e indicaciones geográficas en la Unión Europea.",
        "anio": 2006,
    },
    "cosmetica": {
        "titulo": "Cosmética ecuatoriana: sustituir importaciones",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Un consorcio reciente del sector.",
        "texto_extraido": "La industria cosmética genera 6.000 empleos directos y beneficia a miles de familias.",
        "paises": ["EC"],
        "anio": 2012,
    },
    "red": {
        "titulo": "Presentación de la Red Latinoamericana",
        "tipo": Documento.Tipo.PRESENTACION,
        "resumen": "Plataforma en línea, boletines informativos y un seminario bianual.",
        "anio": 2012,
        "idioma": Documento.Idioma.PT,
    },
}

# (query, the documents that must come first, in any order among themselves, documents that must not appear)
TABLA = [
    ("legislación", {"ley_ecuador"}, set()),
    ("legislacion", {"ley_ecuador"}, set()),
    ("LEGISLACIÓN ecuador", {"ley_ecuador"}, set()),
    ("consorcios exportación", {"ley_ecuador"}, set()),
    ("tequila", {"tequila"}, set()),
    ("pisco", {"pisco"}, set()),
    ("Montecristi", {"montecristi"}, set()),
    ("sombreros", {"montecristi"}, set()),
    ("sombrero montecristi", {"montecristi"}, set()),
    ('"denominación de origen"', {"tequila", "pisco", "reglamento_ue"}, {"guia_origen"}),
    ('"denominacion de origen" -tequila', {"pisco", "reglamento_ue"}, {"tequila"}),
    ("denominacion origen -tequila -pisco", {"reglamento_ue"}, {"tequila", "pisco"}),
    # Singular and plural of "-ción" words, with and without the accent.
    ("denominacion", {"tequila", "pisco", "reglamento_ue"}, set()),
    ("denominaciones", {"tequila", "pisco", "reglamento_ue"}, set()),
    ("indicación", {"reglamento_ue", "tequila"}, set()),
    ("jamón", {"jamon"}, set()),
    ("jamon toscano", {"jamon"}, set()),
    ("Clacheo", {"argentina"}, set()),
    ("cerámica", {"chulucanas"}, set()),
    ("ceramica chulucanas", {"chulucanas"}, set()),
    ("incentivos tributarios", {"incentivos_uy"}, set()),
    ("incentivo", {"incentivos_uy"}, set()),
    ("indicaciones geográficas", {"reglamento_ue"}, set()),
    ("indicacion geografica", {"reglamento_ue"}, set()),
    ("competitividad pymes", {"argentina"}, set()),
    ("reglamento", {"reglamento_ue"}, set()),
    ("cosmetica empleos", {"cosmetica"}, set()),
    ("seminario bianual", {"red"}, set()),
    ("guia metodologica", {"guia_origen"}, set()),
    ('"pliego de condiciones"', {"guia_origen"}, set()),
    ("turismo or cosmética", {"chulucanas", "cosmetica"}, set()),
    ("consejo regulador", {"jamon", "tequila"}, set()),
]


@pytest.fixture
def corpus(db):
    return {clave: nuevo_documento(slug=clave.replace("_", "-"), **campos) for clave, campos in CORPUS.items()}


@pytest.mark.django_db
def test_the_search_table_has_at_least_twenty_spanish_queries():
    assert len(TABLA) >= 20


@pytest.mark.parametrize(("consulta", "primeros", "excluidos"), TABLA, ids=[t[0] for t in TABLA])
def test_search_quality(corpus, consulta, primeros, excluidos):
    por_pk = {d.pk: clave for clave, d in corpus.items()}
    resultado = [por_pk[d.pk] for d in busqueda.filtrar({"q": consulta})]
    assert set(resultado[: len(primeros)]) == primeros, resultado
    assert not excluidos & set(resultado), resultado


@pytest.mark.django_db
def test_pending_and_rejected_documents_are_never_found(corpus):
    nuevo_documento(titulo="Tequila pendiente", estado=Documento.Estado.PENDIENTE)
    nuevo_documento(titulo="Tequila rechazado", estado=Documento.Estado.RECHAZADO, motivo_rechazo="Duplicado")
    assert [d.titulo for d in busqueda.filtrar({"q": "tequila"})] == ["Denominación de origen del Tequila"]


@pytest.mark.django_db
def test_empty_query_lists_the_newest_first(client, corpus):
    html = client.get("/biblioteca/").content.decode()
    assert "Documentos más recientes" in html
    assert html.index("Legislación sobre consorcios") > html.index("Sombreros de paja")  # 2011 after 2012
    assert html.index("Reglamento europeo") > html.index("Legislación sobre consorcios")  # 2006 last


@pytest.mark.django_db
def test_results_can_be_sorted_by_date_instead_of_relevance(corpus):
    por_relevancia = [d.slug for d in busqueda.filtrar({"q": "reglamento"})]
    por_fecha = [d.slug for d in busqueda.filtrar({"q": "reglamento", "orden": "fecha"})]
    assert por_relevancia == ["reglamento-ue", "pisco"]  # the title weighs more
    assert por_fecha == ["pisco", "reglamento-ue"]  # 2009 before 2006


@pytest.mark.django_db
def test_snippets_highlight_the_words_and_escape_the_text(client):
    nuevo_documento(titulo="Consorcios", resumen="<script>alert('x')</script> La asociatividad de los consorcios.")
    html = client.get("/biblioteca/", {"q": "asociatividad"}).content.decode()
    assert "<mark>asociatividad</mark>" in html
    assert "<script>alert" not in html
    assert "<script" not in html.split('class="fragmento"')[1].split("</p>")[0]


@pytest.mark.django_db
def test_facets_count_type_country_language_and_year_of_the_results(client, corpus):
    respuesta = client.get("/biblioteca/", {"q": "consorcio"})
    facetas = respuesta.context["facetas"]
    assert {f.valor: f.cantidad for f in facetas.tipo} == {"legislacion": 1, "caso": 2, "metodologia": 1}
    assert {f.valor: f.cantidad for f in facetas.pais} == {"EC": 2, "IT": 1}
    assert {f.valor: f.cantidad for f in facetas.idioma} == {"es": 3, "it": 1}
    assert {f.valor: f.cantidad for f in facetas.anio} == {"2012": 2, "2011": 1, "2010": 1}
    assert 'href="?q=consorcio&amp;pais=EC"' in respuesta.content.decode()


@pytest.mark.django_db
def test_facet_filters_narrow_the_results(corpus):
    assert {d.slug for d in busqueda.filtrar({"q": "consorcio", "pais": "EC"})} == {"ley-ecuador", "cosmetica"}
    assert {d.slug for d in busqueda.filtrar({"pais": "PE", "tipo": "caso"})} == {"pisco", "chulucanas"}
    assert {d.slug for d in busqueda.filtrar({"idioma": "pt"})} == {"red"}
    assert {d.slug for d in busqueda.filtrar({"anio": 2006})} == {"reglamento-ue"}


@pytest.mark.django_db
def test_the_country_filter_lists_every_country_in_the_page_language_and_filters(client, corpus):
    select = client.get("/en/biblioteca/").content.decode().split('name="pais"')[1].split("</select>")[0]
    assert select.count("<option") == 250  # "All" and every country
    assert '<option value="PE">Peru</option>' in select
    assert '<option value="BR">Brazil</option>' in select
    respuesta = client.get("/pt/biblioteca/", {"q": "consorcio", "pais": "EC"})
    assert respuesta.context["valores"]["pais"] == "EC"
    assert '<option value="EC" selected>Equador</option>' in respuesta.content.decode()
    assert {d.slug for d in respuesta.context["documentos"]} == {"ley-ecuador", "cosmetica"}


@pytest.mark.django_db
def test_bad_filter_values_are_ignored_not_an_error(client, corpus):
    respuesta = client.get("/biblioteca/", {"q": "pisco", "anio": "dos mil", "pais": "ZZ", "pagina": "x"})
    assert respuesta.status_code == 200
    assert "Denominación de origen del Pisco peruano" in respuesta.content.decode()


@pytest.mark.django_db
def test_search_results_are_paginated(client):
    for n in range(25):
        nuevo_documento(titulo=f"Consorcio número {n}")
    primera = client.get("/biblioteca/", {"q": "consorcio"})
    segunda = client.get("/biblioteca/", {"q": "consorcio", "pagina": 2})
    assert len(primera.context["documentos"]) == 20
    assert len(segunda.context["documentos"]) == 5
    assert "25 documentos encontrados" in primera.content.decode()


def _llenar(n: int) -> None:
    for i in range(n):
        nuevo_documento(titulo=f"Consorcio de origen {i}", paises=["EC", "PE"], autores="Ana; Luis")


@pytest.mark.parametrize("cantidad", [1, 12, 45])
@pytest.mark.django_db
def test_search_page_query_count_does_not_grow_with_documents(client, django_assert_num_queries, settings, cantidad):
    _llenar(cantidad)
    # The total with every facet (type, language, year, country) in one query; the ids of the
    # first results in their order; the page's rows by id, with their snippets and institutions.
    with django_assert_num_queries(3):
        respuesta = client.get("/biblioteca/", {"q": "consorcios origen"})
    assert len(respuesta.context["documentos"]) == min(cantidad, busqueda.POR_PAGINA)
    assert respuesta.context["facetas"].total == cantidad
    # Past the page cache, the facets, the order and the page of results are kept until the library
    # changes: nothing is read, and the page is the same.
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    with django_assert_num_queries(0):
        otra = client.get("/biblioteca/", {"q": "consorcios origen"})
    assert otra.content == respuesta.content


@pytest.mark.parametrize("cantidad", [1, 12])
@pytest.mark.django_db
def test_legislation_by_country_page_is_one_query(client, django_assert_num_queries, cantidad):
    for i in range(cantidad):
        nuevo_documento(titulo=f"Ley {i}", tipo=Documento.Tipo.LEGISLACION, paises=["EC", "UY"])
    nuevo_documento(titulo="Reglamento europeo", tipo=Documento.Tipo.LEGISLACION)
    nuevo_documento(titulo="Programa de apoyo", tipo=Documento.Tipo.INCENTIVO, paises=["UY"])
    nuevo_documento(titulo="Un caso", tipo=Documento.Tipo.CASO, paises=["EC"])
    with django_assert_num_queries(1):  # the published legislation and incentives with their institution
        html = client.get("/biblioteca/legislacion/").content.decode()
    assert html.index("<h2>Ecuador</h2>") < html.index("<h2>Uruguay</h2>")
    assert "Programa de apoyo" in html
    assert "Reglamento europeo" in html.split("Normas regionales e internacionales")[1]
    assert "Un caso" not in html


@pytest.mark.django_db
def test_search_exports_the_page_of_results_as_bibtex_and_ris(client, corpus):
    bib = client.get("/biblioteca/exportar.bib", {"q": "denominacion de origen -tequila"})
    assert bib["Content-Type"].startswith("application/x-bibtex")
    texto = bib.content.decode()
    assert texto.count("@") == 2
    assert "title = {{Denominación de origen del Pisco peruano}}" in texto
    assert "Tequila" not in texto
    ris = client.get("/biblioteca/exportar.ris", {"q": "Clacheo"}).content.decode()
    assert "TY  - RPRT\r\n" in ris
    assert "AU  - Norberto Clacheo\r\n" in ris
    assert ris.rstrip().endswith("ER  -")


@pytest.mark.django_db(transaction=True)
def test_search_plan_uses_the_gin_index_on_a_few_thousand_rows():
    palabras = "consorcio exportación origen pisco tequila cacao café quinua cerámica textil turismo".split()  # noqa: SIM905
    Documento.objects.bulk_create(
        Documento(
            titulo=f"Informe {i} sobre {palabras[i % len(palabras)]}",
            slug=f"informe-{i}",
            tipo=Documento.Tipo.ESTUDIO,
            resumen=f"Resumen {i} de {palabras[(i * 7) % len(palabras)]} y {palabras[(i * 3) % len(palabras)]}",
            # A page of text each, like real extracted documents (the planner weighs table size).
            # Mostly rare words, as in real documents, so the statistics see a long tail.
            texto_extraido=" ".join(f"{palabras[(i + j) % len(palabras)]} expediente{i}x{j}" for j in range(30)),
            anio=2000 + i % 20,
            enlace="https://example.org",
            estado=Documento.Estado.PUBLICADO,
        )
        for i in range(4000)
    )
    nuevo_documento(titulo="Sombreros de Montecristi", slug="montecristi")
    with connection.cursor() as cursor:
        # VACUUM moves the bulk insert out of the GIN index's pending list (fastupdate),
        # as autovacuum would in production; ANALYZE gives the planner real statistics.
        # No enable_seqscan tricks: the planner chooses the index on its own.
        cursor.execute("VACUUM ANALYZE biblioteca_documento")
        sql, params = busqueda.filtrar({"q": "montecristi"}).query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(fila[0] for fila in cursor.fetchall())
    assert "documento_vector_gin" in plan, plan


def test_highlight_filter_escapes_before_marking():
    from biblioteca.busqueda import FIN_MARCA, INICIO_MARCA
    from biblioteca.templatetags.biblioteca import resaltar

    html = resaltar(f"<b>x</b> & {INICIO_MARCA}pisco{FIN_MARCA}")
    assert html == "&lt;b&gt;x&lt;/b&gt; &amp; <mark>pisco</mark>"


@pytest.mark.parametrize(
    "consulta", ["de", "!!!", '"denominación de', "-", "a & b | c", "x" * 300, "'); DROP TABLE x;--"]
)
def test_odd_queries_answer_calmly(client, corpus, consulta):
    respuesta = client.get("/biblioteca/", {"q": consulta})
    assert respuesta.status_code == 200


@pytest.mark.django_db
def test_active_filters_can_be_removed_in_one_click(client, corpus):
    html = client.get("/biblioteca/", {"q": "consorcio", "pais": "EC"}).content.decode()
    assert '<a href="/biblioteca/?q=consorcio">Quitar los filtros</a>' in html
    assert "Quitar los filtros" not in client.get("/biblioteca/", {"q": "consorcio"}).content.decode()


@pytest.mark.django_db
def test_a_title_match_ranks_before_a_body_only_match_even_when_newer():
    # ts_rank weighs a word by where it is: title (A) before abstract (B) before body (C).
    solo_texto = nuevo_documento(titulo="Informe anual", anio=2024, texto_extraido="La tagua de Manabí y la tagua.")
    en_resumen = nuevo_documento(titulo="Informe regional", anio=2020, resumen="Artesanías de tagua.")
    en_titulo = nuevo_documento(titulo="La tagua de Manabí", anio=2010)
    assert list(busqueda.filtrar({"q": "tagua"})) == [en_titulo, en_resumen, solo_texto]


@pytest.mark.django_db
def test_a_snippet_highlights_the_abstract_or_else_the_text_where_the_word_is(client):
    nuevo_documento(titulo="Informe anual", resumen="Un año de trabajo.", texto_extraido="Los talleres de tagua.")
    nuevo_documento(titulo="Informe regional", resumen="Artesanías de tagua.", texto_extraido="Nada de eso aquí.")
    fragmentos = {d.titulo: d.fragmento for d in client.get("/biblioteca/", {"q": "tagua"}).context["documentos"]}
    assert fragmentos["Informe regional"] == f"Artesanías de {busqueda.INICIO_MARCA}tagua{busqueda.FIN_MARCA}"
    assert f"{busqueda.INICIO_MARCA}tagua{busqueda.FIN_MARCA}" in fragmentos["Informe anual"]
    assert fragmentos["Informe anual"].startswith("año de trabajo. … Los talleres")  # the abstract, then the text


@pytest.mark.django_db
def test_phrases_are_postgresqls_own_phrase_search_without_planner_switches(client, django_assert_num_queries):
    nuevo_documento(titulo="Consorcios de origen en el Perú")
    for q in ('"consorcios de origen"', "consorcios"):
        with django_assert_num_queries(3) as consultas:
            respuesta = client.get("/biblioteca/", {"q": q})
        assert len(respuesta.context["documentos"]) == 1
        assert not any("set_config" in consulta["sql"] for consulta in consultas.captured_queries)


@pytest.mark.django_db
def test_a_cached_search_page_is_served_without_queries_until_a_document_is_saved(client, django_assert_num_queries):
    _llenar(3)
    client.get("/biblioteca/", {"q": "consorcios origen"})
    with django_assert_num_queries(0):  # an anonymous visitor gets the kept page
        respuesta = client.get("/biblioteca/", {"q": "consorcios origen"})
    assert respuesta.content.count(b'class="documento-resumen"') == 3
    nuevo_documento(titulo="Consorcio de origen nuevo", paises=["UY"])  # a save: counted at once
    respuesta = client.get("/biblioteca/", {"q": "consorcios origen"})
    assert respuesta.context["facetas"].total == 4
    assert "Uruguay" in [faceta.etiqueta for faceta in respuesta.context["facetas"].pais]


@pytest.mark.django_db
def test_a_bulk_insert_of_documents_makes_the_cached_search_page_stale(client):
    _llenar(1)
    assert client.get("/biblioteca/", {"q": "tagua"}).context["facetas"].total == 0
    Documento.objects.bulk_create(
        [Documento(titulo="La tagua", slug="tagua", tipo=Documento.Tipo.CASO, resumen="r", anio=2012, enlace="https://x.org",
                   estado=Documento.Estado.PUBLICADO)]
    )  # fmt: skip
    assert client.get("/biblioteca/", {"q": "tagua"}).context["facetas"].total == 1


@pytest.mark.parametrize("orden", ["", "fecha"])
@pytest.mark.django_db
def test_every_page_lists_the_next_ranked_results_with_their_snippets(client, monkeypatch, orden):
    monkeypatch.setattr(busqueda, "POR_PAGINA", 2)
    for i in range(7):
        nuevo_documento(titulo=f"Consorcio de origen {'y origen ' * (i % 3)}{i}", anio=2010 + i % 4, paises=["PE"])
    esperados = [d.pk for d in busqueda.filtrar({"q": "consorcio origen", "orden": orden})]
    vistos = []
    for numero in range(1, 5):
        datos = {"q": "consorcio origen", "orden": orden, "pagina": numero}
        pagina = client.get("/biblioteca/", datos).context["pagina"]
        vistos += [d.pk for d in pagina.object_list]
        assert all(d.fragmento for d in pagina.object_list)  # highlighted snippets on every page
    assert vistos == esperados
    assert len(vistos) == 7
