import pytest
from django.utils import timezone

from boletin.models import Elemento, Numero, Suscriptor


@pytest.fixture
def numero(db):
    numero = Numero.objects.create(
        numero=1, titulo="Consorcios de origen", editorial="Bienvenidos al **primer** boletín.", desde=timezone.now()
    )
    Elemento.objects.create(
        numero=numero, seccion=Elemento.Seccion.CONSORCIOS, titulo="Pisco", url="/consorcios/pisco/", resumen="Ica"
    )
    Elemento.objects.create(
        numero=numero, seccion=Elemento.Seccion.EVENTOS, titulo="Seminario bienal", url="https://www.sela.org/"
    )
    Elemento.objects.create(
        numero=numero, seccion=Elemento.Seccion.NOTICIAS, titulo="Descartado", url="/x/", incluido=False
    )
    return numero


@pytest.fixture
def suscriptores(db):
    ahora = timezone.now()
    return [
        Suscriptor.objects.create(email=f"s{i}@example.org", confirmado_en=ahora, idioma=["es", "pt", "en"][i % 3])
        for i in range(10)
    ]
