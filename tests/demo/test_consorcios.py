from io import StringIO

import pytest
from django.core.management import call_command

from consorcios.models import Actividad, Consorcio

pytestmark = pytest.mark.django_db


def test_demo_consortia_load_twice_without_duplicates():
    call_command("cargar_demo", stdout=StringIO())
    cuentas = Consorcio.objects.count(), Actividad.objects.count()
    call_command("cargar_demo", stdout=StringIO())
    assert (Consorcio.objects.count(), Actividad.objects.count()) == cuentas
    assert Consorcio.objects.publicados().count() == cuentas[0] >= 12
    nativa = Consorcio.objects.get(slug="consorcio-nativa-ecuador")
    assert (nativa.numero_empresas, nativa.empleos_directos, nativa.familias_beneficiadas) == (10, 150, 1200)
    assert str(nativa.fecha_formalizacion) == "2012-05-04"
    assert nativa.responsables.filter(email="promotora@redconsorcios.org").exists()
    for consorcio in Consorcio.objects.all():
        consorcio.full_clean()  # the demo respects the form's rules
