"""The admin's home page shows what waits for staff, with links to the filtered lists."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biblioteca.models import Documento, Noticia
from foros import services as foros_services
from foros.models import Foro, Reporte
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores


def _pendientes(promotor, staff, n: int, desde: int = 0) -> None:
    foro = Foro.objects.get_or_create(nombre="Marcos legales", slug="marcos-legales")[0]
    for i in range(desde, desde + n):
        crear_consorcio(promotor, nombre=f"Consorcio pendiente {i}", slug=f"pendiente-{i}")
        Documento.objects.create(
            titulo=f"Guía {i}",
            slug=f"guia-{i}",
            tipo="metodologia",
            resumen="R.",
            anio=2012,
            enlace="https://unido.org",
        )
        tema = foros_services.abrir_tema(foro=foro, autor=promotor, titulo=f"Tema {i}", fuente="¿Hace falta?")
        Reporte.objects.create(mensaje=tema.mensajes.first(), usuario=staff, motivo="Spam")
        Noticia.objects.create(titulo=f"Borrador {i}", slug=f"borrador-{i}", resumen="R.", cuerpo="C.")
    # What is done does not wait: a published document and a resolved report.
    Documento.objects.create(
        titulo="Publicado", slug=f"publicado-{desde}", tipo="caso", resumen="R.", anio=2012, enlace="https://unido.org",
        estado=Documento.Estado.PUBLICADO,
    )  # fmt: skip
    Reporte.objects.filter(pk=Reporte.objects.first().pk).update(estado=Reporte.Estado.RESUELTO)


@pytest.fixture(autouse=True)
def _sectores(db):
    sembrar_sectores()


def test_staff_see_what_waits_for_them_with_links_to_the_filtered_lists(cliente_staff, promotor, staff):
    _pendientes(promotor, staff, 2)
    pagina = cliente_staff.get("/admin/").content.decode()
    assert "Pendiente para el equipo" in pagina
    for texto, enlace, cantidad in [
        ("Consorcios por revisar", "/admin/consorcios/consorcio/?estado__exact=pendiente", 2),
        ("Documentos por revisar", "/admin/biblioteca/documento/?estado__exact=pendiente", 2),
        ("Reportes de mensajes abiertos", "/admin/foros/reporte/?estado__exact=pendiente", 1),
        ("Noticias en borrador", "/admin/biblioteca/noticia/?estado__exact=borrador", 2),
        ("Eventos en borrador", "/admin/biblioteca/evento/?estado__exact=borrador", 0),
        ("Números del boletín sin enviar", "/admin/boletin/numero/?enviado_en__isnull=True", 0),
    ]:
        assert f'<a href="{enlace}">{texto}</a></th>\n        <td><strong>{cantidad}</strong>' in pagina


def test_each_link_lists_exactly_what_waits(cliente_staff, promotor, staff):
    _pendientes(promotor, staff, 2)
    lista = cliente_staff.get("/admin/foros/reporte/?estado__exact=pendiente")
    assert lista.status_code == 200
    assert lista.context["cl"].result_count == 1
    lista = cliente_staff.get("/admin/biblioteca/documento/?estado__exact=pendiente")
    assert lista.context["cl"].result_count == 2


def test_portuguese_admin_home_names_the_queues_in_portuguese(cliente_staff):
    pagina = cliente_staff.get("/pt/admin/").content.decode()
    assert "Consórcios a revisar" in pagina
    assert "/pt/admin/consorcios/consorcio/?estado__exact=pendiente" in pagina


def test_admin_home_queries_do_not_grow_with_the_queues(cliente_staff, promotor, staff):
    _pendientes(promotor, staff, 1)
    with CaptureQueriesContext(connection) as pocas:
        cliente_staff.get("/admin/")
    _pendientes(promotor, staff, 3, desde=1)  # more of everything
    with CaptureQueriesContext(connection) as muchas:
        cliente_staff.get("/admin/")
    # Session, user, then one COUNT per queue (six), whatever the number of rows.
    assert len(muchas) == len(pocas)
