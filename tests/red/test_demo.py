"""The demo's institutions are those of the founding report, as members with a point on the map."""

from io import StringIO

import pytest
from django.core.management import call_command

from miembros.models import Institucion, MiembroInstitucion

pytestmark = pytest.mark.django_db


def test_demo_institutions_are_members_true_to_the_report(client):
    call_command("cargar_demo", stdout=StringIO())
    call_command("cargar_demo", stdout=StringIO())  # idempotent
    assert not Institucion.objects.exclude(estado=Institucion.Estado.MIEMBRO).exists()
    assert not Institucion.objects.filter(latitud__isnull=True).exists()
    conexport = Institucion.objects.get(sigla="Conexport")
    assert (conexport.pais.code, conexport.tipo) == ("AR", Institucion.Tipo.ASOCIACION)
    assert Institucion.objects.filter(sigla__in=["ONUDI", "SELA", "Federexport", "PROMPERÚ", "ProEcuador"]).count() == 5
    # FIBL and the University of Florence presented cases; they promote none (report, párr. 17, 19).
    assert not Institucion.objects.get(sigla="FIBL").consorcios_promovidos.exists()
    assert not Institucion.objects.get(sigla="UNIFI").consorcios_promovidos.exists()
    promperu = Institucion.objects.get(sigla="PROMPERÚ")
    assert set(promperu.consorcios_promovidos.values_list("ciudad", flat=True)) == {"Chulucanas"}
    assert MiembroInstitucion.objects.filter(
        institucion__sigla="MIPRO", usuario__email="promotora@redconsorcios.org", rol="admin", estado="activo"
    ).exists()
    html = client.get(f"/red/instituciones/{promperu.slug}/").content.decode()
    assert "Consorcio de Cerámica de Chulucanas" in html or "Chulucanas" in html
