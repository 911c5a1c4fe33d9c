"""A new issue is pre-filled with what happened on the portal since the previous one."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from biblioteca.models import Documento, Evento, Noticia
from boletin import services
from boletin.models import Elemento, Numero
from consorcios.models import Consorcio
from foros.models import Foro, Tema
from tests.biblioteca.conftest import nuevo_documento
from tests.consorcios.conftest import crear_consorcio

pytestmark = pytest.mark.django_db


@pytest.fixture
def actividad(miembro):
    ahora = timezone.now()
    antes = ahora - timedelta(days=200)
    crear_consorcio(nombre="Pisco de Ica", slug="pisco", estado=Consorcio.Estado.PUBLICADO, publicado_en=ahora)
    crear_consorcio(nombre="Viejo consorcio", slug="viejo", estado=Consorcio.Estado.PUBLICADO, publicado_en=antes)
    crear_consorcio(nombre="Pendiente de revisión", slug="pendiente")
    nuevo_documento(titulo="Guía de consorcios de origen", publicado_en=ahora)
    nuevo_documento(titulo="Borrador", estado=Documento.Estado.PENDIENTE)
    Noticia.objects.create(
        titulo="Lanzamiento del programa", slug="lanzamiento", resumen="Quito", cuerpo="Texto",
        estado=Noticia.Estado.PUBLICADO, publicada_en=ahora - timedelta(hours=1),
    )  # fmt: skip
    Evento.objects.create(
        titulo="Seminario regional bienal", slug="seminario", descripcion="Encuentro", lugar="Lima",
        inicio=ahora + timedelta(days=30), fin=ahora + timedelta(days=32), estado=Evento.Estado.PUBLICADO,
    )  # fmt: skip
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos", orden=1)
    Tema.objects.create(foro=foro, titulo="Ley de consorcios en Uruguay", slug="uruguay", autor=miembro, destacado=True)
    Tema.objects.create(foro=foro, titulo="Tema corriente", slug="corriente", autor=miembro)


def test_new_issue_is_prefilled_from_every_app(actividad):
    numero = Numero.objects.create(numero=1, titulo="Junio", desde=timezone.now() - timedelta(days=30))
    services.prellenar(numero=numero)
    por_seccion = {}
    for elemento in numero.elementos.all():
        por_seccion.setdefault(elemento.seccion, []).append(elemento.titulo)
    assert por_seccion == {
        Elemento.Seccion.CONSORCIOS: ["Pisco de Ica"],
        Elemento.Seccion.DOCUMENTOS: ["Guía de consorcios de origen"],
        Elemento.Seccion.NOTICIAS: ["Lanzamiento del programa"],
        Elemento.Seccion.EVENTOS: ["Seminario regional bienal"],
        Elemento.Seccion.FOROS: ["Ley de consorcios en Uruguay"],
    }
    assert numero.elementos.get(titulo="Pisco de Ica").url == "/consorcios/pisco/"


def test_staff_creating_an_issue_in_the_admin_gets_it_prefilled(actividad, cliente_staff):
    desde = (timezone.now() - timedelta(days=30)).strftime("%Y-%m-%d")
    respuesta = cliente_staff.post(
        "/admin/boletin/numero/add/",
        {
            "numero": 1,
            "titulo": "Junio",
            "editorial": "Novedades de la Red.",
            "desde_0": desde,
            "desde_1": "00:00:00",
            "elementos-TOTAL_FORMS": 0,
            "elementos-INITIAL_FORMS": 0,
        },
    )
    assert respuesta.status_code == 302, re.findall(r"errorlist[^<]*<li>([^<]*)", respuesta.content.decode())
    assert Numero.objects.get().elementos.count() == 5
