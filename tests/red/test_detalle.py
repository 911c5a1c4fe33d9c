"""An institution's profile: what it is, the consortia it promotes, the documents it published."""

from __future__ import annotations

import pytest
from django.utils import timezone

from biblioteca.models import Evento, Noticia
from consorcios.models import Consorcio
from miembros.models import Institucion
from tests.biblioteca.conftest import nuevo_documento

from .conftest import crear_consorcio, crear_institucion, crear_promotor, vincular

pytestmark = pytest.mark.django_db


def test_profile_shows_the_institution_its_published_consortia_and_documents(client):
    institucion = crear_institucion(
        nombre="Federación Italiana de Consorcios de Exportación",
        sigla="Federexport",
        tipo=Institucion.Tipo.ASOCIACION,
        pais="IT",
        ciudad="Roma",
        sitio_web="https://www.federexport.it",
        descripcion="Apoya a la Red con **asistencia institucional**.<script>alert(1)</script>",
        slug="federexport",
    )
    crear_consorcio(nombre="Consorcio Nativa", estado=Consorcio.Estado.PUBLICADO).instituciones_promotoras.add(
        institucion
    )
    crear_consorcio(nombre="Consorcio oculto").instituciones_promotoras.add(institucion)
    nuevo_documento(titulo="Guía de consorcios de origen", institucion=institucion, anio=2011)
    nuevo_documento(titulo="Borrador", institucion=institucion, estado="pendiente")
    html = client.get("/red/instituciones/federexport/").content.decode()
    assert html.count("<h1") == 1
    assert "Federación Italiana de Consorcios de Exportación (Federexport)</h1>" in html
    assert "Asociación o federación" in html and "Italia, Roma" in html
    assert "<strong>asistencia institucional</strong>" in html and "<script>alert" not in html
    assert 'href="https://www.federexport.it"' in html
    assert "Consorcio Nativa" in html and "Consorcio oculto" not in html
    assert "Guía de consorcios de origen" in html and "Borrador" not in html
    # Visitors are invited to log in; no e-mail address of anyone shows.
    assert "Ingrese para sumarse a ella" in html and "@" not in html.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.parametrize("n", [2, 30])
def test_profile_query_count_does_not_grow_with_consortia_documents_news_events_and_promoters(
    client, n, django_assert_num_queries, django_user_model
):
    institucion = crear_institucion(slug="agencia")
    ahora = timezone.now()
    for i in range(n):
        crear_consorcio(nombre=f"Consorcio {i}", estado=Consorcio.Estado.PUBLICADO).instituciones_promotoras.add(
            institucion
        )
        nuevo_documento(titulo=f"Documento sobre {i}", institucion=institucion)
        noticia = Noticia.objects.create(
            titulo=f"Noticia {i}", slug=f"noticia-{i}", resumen="r", cuerpo="c", estado="publicado"
        )
        noticia.instituciones.add(institucion)
        evento = Evento.objects.create(
            titulo=f"Evento {i}", slug=f"evento-{i}", descripcion="d", inicio=ahora, fin=ahora, estado="publicado"
        )
        evento.organizadores.add(institucion)
        vincular(institucion, crear_promotor(django_user_model, f"Promotora {i}", institucion=institucion))
    # the institution + its consortia (with their sectors' keys) + its public promoters (with their
    # institution) + its news + the events it organises + its forum topics + its documents + its
    # cooperation opportunities
    with django_assert_num_queries(8):
        respuesta = client.get("/red/instituciones/agencia/")
    html = respuesta.content.decode()
    assert f"Consorcio {n - 1}" in html and f"Documento sobre {n - 1}" in html
    assert f"Noticia {n - 1}" in html and f"Evento {n - 1}" in html and f"Promotora {n - 1}" in html


def test_outsider_gets_404_on_an_application_its_applicant_sees_it(client, solicitada, promotor, miembro):
    url = f"/red/instituciones/{solicitada.slug}/"
    assert client.get(url).status_code == 404
    client.force_login(miembro)
    assert client.get(url).status_code == 404
    client.force_login(promotor)
    html = client.get(url).content.decode()
    assert "Solicitud pendiente" in html and "Editar la institución" in html


def test_member_asks_to_be_linked_once(client, proecuador, miembro, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(miembro)
    url = f"/red/instituciones/{proecuador.slug}/"
    assert "Soy parte de esta institución" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}soy-parte/")
        client.post(f"{url}soy-parte/")
    assert proecuador.vinculos.filter(usuario=miembro, estado="pedido").count() == 1
    # Its administrator (the promotor persona) is told, once.
    assert [m.to for m in mailoutbox] == [["promotor@example.org"]]
    assert "sus administradores lo confirmarán" in client.get(url).content.decode()


def test_the_profile_describes_the_institution_for_search_engines(client, proecuador):
    from django.conf import settings

    from tests.datos.schemaorg import bloques, errores

    (datos,) = bloques(client.get(proecuador.get_absolute_url()).content.decode())
    assert errores(datos) == []
    assert datos["@type"] == "GovernmentOrganization"
    assert datos["name"] == proecuador.nombre
    assert datos["url"] == settings.SITE_URL + proecuador.get_absolute_url()


def test_member_institutions_are_in_the_sitemap_and_applications_are_not(client, proecuador, solicitada):
    assert "http://testserver/sitemap-instituciones.xml" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-instituciones.xml").content.decode()
    assert f"http://testserver{proecuador.get_absolute_url()}" in xml
    assert "/en/red/instituciones/" in xml
    assert solicitada.get_absolute_url() not in xml
