"""No personal data in any answer, and a constant number of queries per page."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from consorcios.models import Consorcio, Sector
from foros import services as foros
from oportunidades.models import Oportunidad
from tests.api.conftest import documento
from tests.consorcios.conftest import crear_consorcio

pytestmark = pytest.mark.django_db

NOMBRE = "Zenobia Quispetupa"
CORREO = "zenobia.quispetupa@correo-privado.example"


@pytest.fixture
def zenobia(django_user_model, mundo):
    """A member with a distinctive name and address who is responsable of a published consortium (with
    a consented contact), uploaded a published document and posted in a forum."""
    from tests.conftest import _crear_usuario

    zenobia = _crear_usuario(django_user_model, CORREO, first_name="Zenobia", last_name="Quispetupa")
    zenobia.perfil.nombre = NOMBRE
    zenobia.perfil.save()
    crear_consorcio(
        zenobia,
        nombre="Consorcio Andino de Quinua",
        slug="quinua",
        estado=Consorcio.Estado.PUBLICADO,
        publicado_en=timezone.now(),
        correo_contacto=CORREO,
        telefono_contacto="+593 99 123 4567",
        publicar_contacto=True,
    )
    documento(titulo="Quinua de exportación", slug="quinua-doc", subido_por=zenobia)
    foros.responder(tema=mundo["tema"], autor=zenobia, fuente="Yo respondo, con mi firma.")
    foros.abrir_tema(foro=mundo["foro"], autor=zenobia, titulo="Tema de Zenobia sobre cooperativas", fuente="Hola.")
    Oportunidad.objects.create(
        consorcio=Consorcio.objects.get(slug="quinua"),
        autor=zenobia,
        tipo=Oportunidad.Tipo.OFRECE_PRODUCTOS,
        titulo="Ofrecemos quinua real orgánica",
        descripcion="Escrito por nuestra responsable.",
        fecha_limite=timezone.localdate() + datetime.timedelta(days=30),
        estado=Oportunidad.Estado.PUBLICADA,
        publicada_en=timezone.now(),
    )
    return zenobia


def _todas_las_respuestas(api) -> list[str]:
    """Every list of the API, walked page by page, and every object's own address."""
    textos, por_visitar = [], ["", "foros/", "documentos/facetas/"]
    for lista in ["consorcios/", "instituciones/", "documentos/", "noticias/", "eventos/", "temas/", "oportunidades/"]:
        siguiente = lista
        while siguiente:
            pagina = api(siguiente, {"limite": 1} if siguiente == lista else None).json()
            textos.append(json.dumps(pagina, ensure_ascii=False))
            por_visitar += [objeto["self"].split("/api/v1/", 1)[1] for objeto in pagina["resultados"]]
            siguiente = pagina["siguiente"] and pagina["siguiente"].split("/api/v1/", 1)[1]
    for ruta in por_visitar:
        for idioma in ("es", "pt", "en"):
            respuesta = api(ruta, {"lang": idioma})
            assert respuesta.status_code == 200, ruta
            textos.append(respuesta.content.decode())
    return textos


def test_no_answer_holds_a_members_name_address_or_phone(api, zenobia, settings):
    settings.API_RATE_ANON = "10000/min"
    textos = _todas_las_respuestas(api)
    assert any("Consorcio Andino de Quinua" in t for t in textos)  # her public work is there…
    assert any("Tema de Zenobia sobre cooperativas" in t for t in textos)
    assert any("Ofrecemos quinua real orgánica" in t for t in textos)
    for texto in textos:  # …but not she
        for dato in (NOMBRE, CORREO, "Quispetupa", "correo-privado", "123 4567", "Yo respondo"):
            assert dato not in texto


def _muchos(n: int, promotor) -> None:
    vino = Sector.objects.get(slug="vinos-y-licores")
    for i in range(n):
        c = crear_consorcio(promotor, slug=f"c{i}", estado=Consorcio.Estado.PUBLICADO, publicado_en=timezone.now())
        c.sectores.add(vino)
        c.empresas.create(nombre=f"Empresa {i}")
        c.indicadores.create(anio=2010 + i % 10)
        c.actividades.create(fecha=datetime.date(2012, 1, 1), titulo="Feria")
        documento(slug=f"d{i}", titulo=f"Documento {i}")
        o = Oportunidad.objects.create(
            consorcio=c,
            tipo=Oportunidad.Tipo.OTRA,
            titulo=f"Oportunidad {i}",
            descripcion="Texto.",
            fecha_limite=timezone.localdate() + datetime.timedelta(days=30),
            estado=Oportunidad.Estado.PUBLICADA,
            publicada_en=timezone.now(),
        )
        o.sectores.add(vino)


@pytest.mark.parametrize("n", [2, 30])
def test_a_page_costs_the_same_queries_with_few_or_many_rows(api, promotor, n, django_assert_num_queries):
    _muchos(n, promotor)
    # Consortia: the page (sectors' keys as a subquery). Documents: the page, its topics (prefetch).
    # Rate limit and language read the cache, not the database.
    with django_assert_num_queries(1):
        assert len(api("consorcios/", {"limite": 50}).json()["resultados"]) == n
    with django_assert_num_queries(2):
        assert len(api("documentos/", {"limite": 50}).json()["resultados"]) == n
    # Opportunities: the page, with its publisher (a join) and its sectors' keys (a subquery).
    with django_assert_num_queries(1):
        assert len(api("oportunidades/", {"limite": 50}).json()["resultados"]) == n
    # A consortium: its row, institutions, firms (with their sector), figures, milestones.
    with django_assert_num_queries(5):
        api("consorcios/c0/")
