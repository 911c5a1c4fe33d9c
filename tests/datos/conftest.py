import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_temporal(settings, tmp_path):
    """Dumps and uploads go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


# What the open-data tests publish, and what they must never see in a page, a dump or the DCAT.
CORREO_PRIVADO = "contacto-privado@nativa.example"
TELEFONO_PRIVADO = "+593 2 555 0199"


@pytest.fixture
def contenido(db, promotor):
    """One published and one unpublished row of each kind of content."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from biblioteca.models import Documento, Evento, Noticia
    from consorcios.models import Consorcio
    from foros import services
    from foros.models import Foro

    comun = {"tipo": Consorcio.Tipo.EXPORTACION, "subtipo": Consorcio.Subtipo.PROMOCIONAL, "pais": "EC"}
    comun |= {"latitud": Decimal("-0.180653"), "longitud": Decimal("-78.467834"), "descripcion": "Diez empresas."}
    publicado = Consorcio.objects.create(
        nombre="Consorcio Nativa Ecuador",
        slug="nativa",
        productos="Plantas nativas para té",
        ciudad="Quito",
        region="Pichincha",
        anio_fundacion=2009,
        correo_contacto=CORREO_PRIVADO,
        telefono_contacto=TELEFONO_PRIVADO,
        publicar_contacto=True,
        estado=Consorcio.Estado.PUBLICADO,
        **comun,
    )
    pendiente = Consorcio.objects.create(
        nombre="Consorcio Pendiente Oculto", slug="oculto", productos="Nada", estado=Consorcio.Estado.PENDIENTE, **comun
    )
    documento = {"resumen": "Resumen de prueba.", "anio": 2012, "enlace": "https://www.unido.org"}
    ley = Documento.objects.create(
        titulo="Ley 29733",
        slug="ley-29733",
        tipo=Documento.Tipo.LEGISLACION,
        autores="Congreso de la República; Ministerio de Justicia",
        paises=["PE"],
        licencia="https://creativecommons.org/licenses/by/4.0/",
        estado=Documento.Estado.PUBLICADO,
        **documento,
    )
    caso = Documento.objects.create(
        titulo="Caso Montecristi", slug="caso", tipo=Documento.Tipo.CASO, estado=Documento.Estado.PUBLICADO, **documento
    )
    borrador = Documento.objects.create(
        titulo="Documento Pendiente Oculto",
        slug="oculto",
        tipo=Documento.Tipo.ESTUDIO,
        estado=Documento.Estado.PENDIENTE,
        **documento,
    )
    ahora = timezone.now()
    noticia = {"resumen": "Resumen.", "cuerpo": "Texto con **negrita**.", "publicada_en": ahora - timedelta(days=1)}
    Noticia.objects.create(titulo="Nace la Red", slug="nace", estado=Noticia.Estado.PUBLICADO, **noticia)
    Noticia.objects.create(titulo="Noticia Borrador Oculta", slug="oculta", estado=Noticia.Estado.BORRADOR, **noticia)
    inicio = ahora + timedelta(days=10)
    evento = {"descripcion": "Seminario regional.", "inicio": inicio, "fin": inicio + timedelta(hours=8), "pais": "EC"}
    Evento.objects.create(
        titulo="Seminario de Quito",
        slug="quito",
        lugar="Quito",
        enlace="https://reunion.example.org/quito",
        modalidad=Evento.Modalidad.HIBRIDA,
        estado=Evento.Estado.PUBLICADO,
        **evento,
    )
    Evento.objects.create(titulo="Evento Borrador Oculto", slug="oculto", estado=Evento.Estado.BORRADOR, **evento)
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    tema = services.abrir_tema(foro=foro, autor=promotor, titulo="¿Una ley de consorcios?", fuente="Falta un marco.")
    return {
        "consorcio": publicado,
        "pendiente": pendiente,
        "ley": ley,
        "caso": caso,
        "borrador": borrador,
        "tema": tema,
    }


OCULTOS = ["Oculto", "Oculta", CORREO_PRIVADO, TELEFONO_PRIVADO]
