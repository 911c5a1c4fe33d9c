"""Links that run both ways: documents, news, events and topics name their consortia and institutions,
whose pages list them back; a consortium's "actividad" merges them all, newest first."""

from __future__ import annotations

import datetime
import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from biblioteca.models import SesionEvento
from consorcios.models import Actividad, Consorcio
from foros import services as foros
from foros.models import Foro, Tema
from miembros.models import MiembroInstitucion
from tests.biblioteca.conftest import nuevo_documento
from tests.biblioteca.test_noticias_eventos import evento, noticia

from .conftest import crear_consorcio, crear_institucion, vincular

pytestmark = pytest.mark.django_db

PUBLICADO = Consorcio.Estado.PUBLICADO


@pytest.fixture
def chulucanas(promotor):
    return crear_consorcio(promotor, nombre="Cerámica de Chulucanas", slug="chulucanas", estado=PUBLICADO)


def test_a_document_lists_its_published_consortia_its_institution_and_the_events_presenting_it(client, chulucanas):
    onudi = crear_institucion(nombre="ONUDI", slug="onudi")
    oculto = crear_consorcio(nombre="Consorcio sin publicar")
    documento = nuevo_documento(titulo="Cadena turística", slug="cadena", institucion=onudi)
    documento.consorcios.set([chulucanas, oculto])
    seminario = evento(titulo="Seminario de Quito", slug="quito-2012")
    SesionEvento.objects.create(evento=seminario, titulo="Casos del Perú").documentos.add(documento)
    html = client.get("/biblioteca/documentos/cadena/").content.decode()
    assert '<a href="/consorcios/chulucanas/">Cerámica de Chulucanas</a>' in html
    assert "Consorcio sin publicar" not in html
    assert '<a href="/red/instituciones/onudi/">ONUDI</a>' in html
    assert '<a href="/biblioteca/eventos/quito-2012/">Seminario de Quito</a>' in html


def test_news_and_events_link_their_consortia_and_institutions_and_are_listed_back(client, chulucanas):
    onudi = crear_institucion(nombre="ONUDI", slug="onudi")
    n = noticia(titulo="Chulucanas exporta a Italia", slug="chulucanas-italia")
    n.consorcios.add(chulucanas)
    n.instituciones.add(onudi)
    e = evento(titulo="Seminario de Quito", slug="quito-2012")
    e.consorcios.add(chulucanas)
    e.organizadores.add(onudi)
    borrador = noticia(titulo="Noticia en borrador", estado="borrador")
    borrador.consorcios.add(chulucanas)
    borrador.instituciones.add(onudi)

    html = client.get("/biblioteca/noticias/chulucanas-italia/").content.decode()
    assert '<a href="/consorcios/chulucanas/">Cerámica de Chulucanas</a>' in html
    assert '<a href="/red/instituciones/onudi/">ONUDI</a>' in html
    html = client.get("/biblioteca/eventos/quito-2012/").content.decode()
    assert "Organizan" in html and '<a href="/red/instituciones/onudi/">ONUDI</a>' in html
    assert '<a href="/consorcios/chulucanas/">Cerámica de Chulucanas</a>' in html

    consorcio = client.get("/consorcios/chulucanas/").content.decode()
    assert "Noticias sobre el consorcio" in consorcio and "Chulucanas exporta a Italia" in consorcio
    assert "Eventos en los que participa" in consorcio and "Seminario de Quito" in consorcio
    institucion = client.get("/red/instituciones/onudi/").content.decode()
    assert "Noticias sobre la institución" in institucion and "Chulucanas exporta a Italia" in institucion
    assert "Eventos que organiza" in institucion and "Seminario de Quito" in institucion
    assert "Noticia en borrador" not in consorcio + institucion


def test_a_consortium_page_links_its_member_promoting_institutions(client, chulucanas):
    chulucanas.instituciones_promotoras.add(crear_institucion(nombre="PromPerú", slug="promperu"))
    assert (
        '<a href="/red/instituciones/promperu/">PromPerú</a>' in client.get("/consorcios/chulucanas/").content.decode()
    )


def test_actividad_merges_milestones_news_events_documents_and_topics_newest_first(client, chulucanas, promotor):
    hoy = timezone.now()
    Actividad.objects.create(consorcio=chulucanas, fecha=(hoy - timedelta(days=300)).date(), titulo="Primera feria")
    noticia(titulo="Llegan a Milán", publicada_en=hoy - timedelta(days=5)).consorcios.add(chulucanas)
    evento(titulo="Rueda de negocios", dias=-100).consorcios.add(chulucanas)
    fecha_documento = (hoy - timedelta(days=200)).date()
    estudio = nuevo_documento(titulo="Estudio de la cadena", anio=fecha_documento.year, fecha=fecha_documento)
    estudio.consorcios.add(chulucanas)
    nuevo_documento(titulo="Guía antigua", anio=2001).consorcios.add(chulucanas)  # known by its year alone
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    tema = foros.abrir_tema(foro=foro, autor=promotor, titulo="Turismo y cerámica", fuente="¿Cómo empezar?")
    Tema.objects.filter(pk=tema.pk).update(creado=hoy - timedelta(days=50), consorcio=chulucanas)
    html = client.get("/consorcios/chulucanas/").content.decode()
    seccion = html.split('id="t-actividad"', 1)[1].split("</section>", 1)[0]
    titulos = re.findall(r"(?:<strong>|\">)([^<]+)</(?:strong|a)></li>", seccion)
    assert titulos == [
        "Llegan a Milán",
        "Turismo y cerámica",
        "Rueda de negocios",
        "Estudio de la cadena",
        "Primera feria",
        "Guía antigua",
    ]
    assert '<time datetime="2001">2001</time>' in seccion
    for ancla in ["#t-actividades", "#t-noticias-consorcio", "#t-eventos-consorcio", "#t-documentos", "#t-temas"]:
        assert f'href="{ancla}"' in seccion and f'id="{ancla[1:]}"' in html


def test_actividad_shows_the_ten_newest(client, chulucanas):
    for i in range(15):
        Actividad.objects.create(consorcio=chulucanas, fecha=datetime.date(2000 + i, 1, 1), titulo=f"Hito {2000 + i}")
    seccion = client.get("/consorcios/chulucanas/").content.decode().split('id="t-actividad"', 1)[1]
    seccion = seccion.split("</section>", 1)[0]
    assert seccion.count("<li") == 10 and "Hito 2014" in seccion and "Hito 2004" not in seccion


def test_a_topic_shows_its_published_consortium(client, chulucanas, promotor):
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    tema = foros.abrir_tema(
        foro=foro, autor=promotor, titulo="Turismo y cerámica", fuente="Texto", consorcio=chulucanas
    )
    html = client.get(tema.get_absolute_url()).content.decode()
    assert 'Sobre el consorcio: <a href="/consorcios/chulucanas/">Cerámica de Chulucanas</a>' in html


def test_the_new_topic_form_offers_only_the_consortia_the_member_edits(client, chulucanas, promotor, miembro):
    ajeno = crear_consorcio(nombre="Consorcio ajeno", estado=PUBLICADO)
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    client.force_login(promotor)
    html = client.get("/foros/experiencias/nuevo/").content.decode()
    assert "Cerámica de Chulucanas" in html and "Consorcio ajeno" not in html
    datos = {"titulo": "Un tema de otro", "fuente": "Texto", "token": "8b0c7c8e-1d1b-4c55-9a55-0d0f5c1b2a3e"}
    html = client.post("/foros/experiencias/nuevo/", {**datos, "consorcio": ajeno.pk}).content.decode()
    assert "Escoja una opción válida" in html and not Tema.objects.filter(foro=foro).exists()
    client.post("/foros/experiencias/nuevo/", {**datos, "consorcio": chulucanas.pk})
    assert Tema.objects.get(foro=foro).consorcio == chulucanas
    client.force_login(miembro)  # edits none: no such field
    assert 'name="consorcio"' not in client.get("/foros/experiencias/nuevo/").content.decode()


def test_only_responsables_or_staff_link_a_topic_to_a_consortium(chulucanas, miembro):
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    with pytest.raises(PermissionDenied, match="responsables"):
        foros.abrir_tema(foro=foro, autor=miembro, titulo="Tema ajeno", fuente="Texto", consorcio=chulucanas)
    assert not Tema.objects.exists()


def test_a_topic_author_links_their_institution_and_its_page_lists_the_topic(client, promotor, miembro):
    agencia = crear_institucion(nombre="Agencia de Promoción", slug="agencia")
    ajena = crear_institucion(nombre="Cámara ajena", slug="ajena")
    vincular(agencia, promotor)
    vincular(ajena, promotor, estado=MiembroInstitucion.Estado.INVITADO)  # not confirmed: not theirs yet
    Foro.objects.create(nombre="Experiencias", slug="experiencias")
    client.force_login(promotor)
    html = client.get("/foros/experiencias/nuevo/").content.decode()
    assert "Agencia de Promoción" in html and "Cámara ajena" not in html
    datos = {"titulo": "Ferias con la agencia", "fuente": "Texto", "token": "7b0c7c8e-1d1b-4c55-9a55-0d0f5c1b2a3e"}
    html = client.post("/foros/experiencias/nuevo/", {**datos, "institucion": ajena.pk}).content.decode()
    assert "Escoja una opción válida" in html and not Tema.objects.exists()
    client.post("/foros/experiencias/nuevo/", {**datos, "institucion": agencia.pk})
    tema = Tema.objects.get()
    assert tema.institucion == agencia
    assert (
        'Sobre la institución: <a href="/red/instituciones/agencia/">'
        in client.get(tema.get_absolute_url()).content.decode()
    )
    assert "Ferias con la agencia" in client.get(agencia.get_absolute_url()).content.decode()
    client.force_login(miembro)  # belongs to none: no such field, and the service refuses
    assert 'name="institucion"' not in client.get("/foros/experiencias/nuevo/").content.decode()
    with pytest.raises(PermissionDenied, match="miembros"):
        foros.abrir_tema(foro=tema.foro, autor=miembro, titulo="Tema ajeno", fuente="Texto", institucion=agencia)


def test_the_upload_form_offers_only_the_members_consortia_and_institutions(client, chulucanas, promotor):
    crear_consorcio(nombre="Consorcio ajeno", estado=PUBLICADO)
    propia = crear_institucion(nombre="Cámara de Piura", slug="piura")
    vincular(propia, promotor)
    crear_institucion(nombre="Otra institución", slug="otra")
    client.force_login(promotor)
    html = client.get("/biblioteca/subir/").content.decode()
    assert "Cerámica de Chulucanas" in html and "Consorcio ajeno" not in html
    assert "Cámara de Piura" in html and "Otra institución" not in html


def test_a_consortium_with_topics_makes_their_kept_pages_stale(client, chulucanas, promotor, settings):
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    tema = foros.abrir_tema(
        foro=foro, autor=promotor, titulo="Turismo y cerámica", fuente="Texto", consorcio=chulucanas
    )
    assert "Cerámica de Chulucanas" in client.get(tema.get_absolute_url()).content.decode()
    chulucanas.nombre = "Cerámica y turismo de Chulucanas"
    chulucanas.save()
    assert "Cerámica y turismo de Chulucanas" in client.get(tema.get_absolute_url()).content.decode()


def test_a_visitor_sees_a_new_topic_about_an_institution_at_once(client, promotor):
    agencia = crear_institucion(nombre="Agencia de Promoción", slug="agencia")
    vincular(agencia, promotor)
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    assert "Ferias con la agencia" not in client.get(agencia.get_absolute_url()).content.decode()  # now kept
    foros.abrir_tema(foro=foro, autor=promotor, titulo="Ferias con la agencia", fuente="Texto", institucion=agencia)
    assert "Ferias con la agencia" in client.get(agencia.get_absolute_url()).content.decode()
