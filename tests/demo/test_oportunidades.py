from io import StringIO

import pytest
from django.core.management import call_command

from oportunidades.models import Oportunidad

pytestmark = pytest.mark.django_db


def test_demo_opportunities_load_twice_without_duplicates_and_are_open():
    call_command("cargar_demo", stdout=StringIO())
    call_command("cargar_demo", stdout=StringIO())
    assert Oportunidad.objects.count() == Oportunidad.objects.publicadas().count() == 3
    binacional = Oportunidad.objects.get(tipo=Oportunidad.Tipo.CONSORCIO_BINACIONAL)
    assert binacional.institucion.sigla == "PROMPERÚ" and {p.code for p in binacional.paises} == {"PE", "EC"}
    miel = Oportunidad.objects.get(consorcio__slug="consorcio-royal-honey")
    assert miel.es_editor(miel.autor) and "Apicultura" in miel.etiquetas
    for oportunidad in Oportunidad.objects.all():
        oportunidad.full_clean()  # the demo respects the model's rules
