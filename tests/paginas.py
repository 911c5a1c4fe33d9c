"""Realistic objects for the page types that take an argument, made with the apps' own demo loaders.

Shared by the HTML checks (tests/portal) and the browser checks (tests/e2e)."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone, translation

# Every page type that takes an argument, by the name the reports use.
TIPOS = [
    "consorcio",
    "documento",
    "noticia",
    "evento",
    "foro",
    "tema",
    "boletin",
    "oportunidad",
    "institucion",
    "promotor",
]


def cargar_paginas_con_argumentos() -> dict[str, str]:
    """Load the demo data and one sent boletín issue; return {page type: Spanish path}.

    Paths carry no language prefix: prepend "/pt" or "/en" for the other languages."""
    from io import StringIO

    from biblioteca.models import Documento, Evento, Noticia
    from boletin import services as boletin
    from boletin.models import Numero
    from consorcios.models import Consorcio
    from foros.models import Foro, Tema
    from miembros.models import Institucion, Perfil
    from oportunidades.models import Oportunidad

    call_command("cargar_demo", stdout=StringIO())
    numero = Numero.objects.create(
        numero=1,
        titulo="Consorcios de origen en la región",
        editorial="Bienvenidos al **primer** boletín de la Red.",
        desde=timezone.now() - timedelta(days=3650),
        enviado_en=timezone.now(),
    )
    boletin.prellenar(numero=numero)
    with translation.override("es"):
        return {
            "consorcio": Consorcio.objects.publicados().order_by("slug").first().get_absolute_url(),
            "documento": Documento.objects.publicados().order_by("slug").first().get_absolute_url(),
            "noticia": Noticia.objects.publicados().order_by("slug").first().get_absolute_url(),
            "evento": Evento.objects.publicados().order_by("slug").first().get_absolute_url(),
            "foro": Foro.objects.filter(solo_staff=False).order_by("orden").first().get_absolute_url(),
            "tema": Tema.objects.filter(foro__solo_staff=False).order_by("pk").first().get_absolute_url(),
            "boletin": numero.get_absolute_url(),
            "oportunidad": Oportunidad.objects.publicadas().order_by("pk").first().get_absolute_url(),
            "institucion": Institucion.objects.get(sigla="MIPRO").get_absolute_url(),
            "promotor": Perfil.objects.publicos().order_by("pk").first().get_absolute_url(),
        }


def en_idioma(ruta: str, idioma: str) -> str:
    """The same path in ``idioma`` (Spanish has no prefix)."""
    return ruta if idioma == "es" else f"/{idioma}{ruta}"
