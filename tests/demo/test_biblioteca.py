"""The library's demo data: the founding seminar's report, laws, news and events."""

from io import StringIO

import pytest
from django.core.management import call_command

from biblioteca.models import Documento, Evento, Noticia


@pytest.mark.django_db
def test_demo_data_loads_twice_and_holds_the_founding_report(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("cargar_demo", stdout=StringIO())
    cuentas = (Documento.objects.count(), Noticia.objects.count(), Evento.objects.count())
    call_command("cargar_demo", stdout=StringIO())
    assert (Documento.objects.count(), Noticia.objects.count(), Evento.objects.count()) == cuentas
    informe = Documento.objects.get(titulo__startswith="Seminario Latinoamericano de Consorcios de PYMES")
    assert informe.institucion.sigla == "SELA"
    assert informe.archivo and informe.tipo_mime == "application/pdf"
    assert Documento.objects.filter(tipo=Documento.Tipo.LEGISLACION, titulo__contains="Código Orgánico").exists()
    assert Documento.objects.filter(titulo__contains="510/2006").exists()
    assert Documento.objects.filter(institucion__sigla="ONUDI", enlace__startswith="https://www.unido.org").count() == 2
    assert Evento.objects.filter(inicio__date="2012-06-11", lugar="Quito").count() == 2
    assert Evento.objects.proximos().filter(titulo__contains="bianual").exists()
