"""Synthetic library for the benchmark (``manage.py generar_datos``).

Published documents whose titles and abstracts are built from the sentences and the
vocabulary of the founding report (the Quito seminar on SME consortia), so that a
search for a frequent word ("consorcio"), a rare one ("tagua", in about one document
in two thousand) or a phrase ("consorcios de origen") behaves as it would on real
data. The search vector is a generated column: PostgreSQL fills it on insert.
Plus a few dozen news items and events.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from biblioteca.models import Documento, Evento, Noticia, Tema
from comun.markdown import a_html
from miembros.models import Institucion

PREFIJO_SLUG = "sint-"
LOTE = 1_000
# Sentences of the founding report (SELA, Quito 2012), one a line, extracted once.
ORACIONES = Path(__file__).resolve().parent.parent / "datos" / "oraciones_informe.txt"
PALABRA_RARA = "tagua"
CADA_RARA = 2_000
# Extracted text of each document, in characters: real PDFs carry a few pages, and the
# search vector's size (TOASTed, per row) is what the search has to be fast despite.
LARGO_TEXTO = (2_000, 12_000)

TEMAS = [
    "Consorcios de exportación",
    "Consorcios de origen",
    "Marcas colectivas",
    "Indicaciones geográficas",
    "Políticas públicas",
    "Internacionalización de pymes",
]
PLANTILLAS_TITULO = [
    "Guía para la conformación de {tema_m} en {pais}",
    "{tema}: el caso de {producto} en {lugar}",
    "Evaluación del programa de {tema_m} de ONUDI en {pais}",
    "Lecciones aprendidas de {tema_m}: {producto} de {lugar}",
    "{tema} y competitividad de las pymes de {pais}",
    "Manual de {tema_m} para instituciones de apoyo",
    "Diagnóstico de {producto} y estrategia de {tema_m} ({pais})",
    "Experiencias de {tema_m} en América Latina: {lugar}",
]
PRODUCTOS = ["café especial", "cacao fino de aroma", "quesos", "artesanías", "vinos", "miel", "flores", "textiles"]
LUGARES = ["Quito", "Cusco", "Oaxaca", "Mendoza", "Manabí", "Antioquia", "Matagalpa", "Cajamarca", "Montevideo"]
PAISES = ["AR", "BO", "BR", "CL", "CO", "CR", "EC", "GT", "MX", "NI", "PA", "PE", "PY", "UY"]
NOMBRES_PAISES = {
    "AR": "Argentina",
    "BO": "Bolivia",
    "BR": "Brasil",
    "CL": "Chile",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "EC": "Ecuador",
    "GT": "Guatemala",
    "MX": "México",
    "NI": "Nicaragua",
    "PA": "Panamá",
    "PE": "Perú",
    "PY": "Paraguay",
    "UY": "Uruguay",
}
AUTORES = ["Fabio Russo", "María Pérez", "Jorge Salinas", "Ana Quispe", "Luis Andrade", "Carmen Rojas", "Paola Vega"]
TIPOS_PESOS = {
    Documento.Tipo.CASO: 5,
    Documento.Tipo.ESTUDIO: 4,
    Documento.Tipo.GUIA: 3,
    Documento.Tipo.PRESENTACION: 2,
    Documento.Tipo.LEGISLACION: 1,
    Documento.Tipo.INCENTIVO: 1,
}


def oraciones_del_informe() -> list[str]:
    return [linea for linea in ORACIONES.read_text(encoding="utf-8").splitlines() if linea.strip()]


def _texto_extraido(rng: random.Random, oraciones: list[str]) -> str:
    """A few KB of report sentences in paragraphs: cheap to make, realistic to index.

    Drawn with replacement from the same sentences as the abstracts, so word frequencies
    stay those of the report ("consorcio" everywhere, the phrase "consorcios de origen"
    in a fair share of documents, "tagua" nowhere but where the abstract puts it).
    """
    objetivo = rng.randint(*LARGO_TEXTO)
    partes: list[str] = []
    largo = 0
    while largo < objetivo:
        parrafo = " ".join(rng.choices(oraciones, k=rng.randint(3, 8)))
        partes.append(parrafo)
        largo += len(parrafo) + 2
    return "\n\n".join(partes)[:objetivo]


def _documentos(cantidad: int, stdout) -> None:
    rng = random.Random(20)
    oraciones = oraciones_del_informe()
    instituciones = list(Institucion.objects.values_list("pk", flat=True)[:200]) or [None]
    temas = [Tema.objects.get_or_create(slug=slugify(nombre), defaults={"nombre": nombre})[0].pk for nombre in TEMAS]
    tipos, pesos = list(TIPOS_PESOS), list(TIPOS_PESOS.values())
    ahora = timezone.now()
    with transaction.atomic():
        for inicio in range(0, cantidad, LOTE):
            lote = []
            for i in range(inicio, min(inicio + LOTE, cantidad)):
                pais = rng.choice(PAISES)
                tema = rng.choice(TEMAS)
                titulo = rng.choice(PLANTILLAS_TITULO).format(
                    tema=tema,
                    tema_m=tema.lower(),
                    pais=NOMBRES_PAISES[pais],
                    producto=rng.choice(PRODUCTOS),
                    lugar=rng.choice(LUGARES),
                )
                resumen = " ".join(rng.sample(oraciones, rng.randint(3, 6)))
                if i % CADA_RARA == 7:
                    resumen += f" Incluye la cadena de valor de la {PALABRA_RARA} (marfil vegetal) de Manabí."
                anio = rng.randint(1998, 2025)
                fecha = date(anio, 1, 1) + timedelta(days=rng.randint(0, 360))
                slug = f"{PREFIJO_SLUG}{slugify(titulo)[:280]}-{i}"
                lote.append(
                    Documento(
                        titulo=titulo,
                        slug=slug,
                        tipo=rng.choices(tipos, pesos)[0],
                        resumen=resumen[:5000],
                        texto_extraido=_texto_extraido(rng, oraciones),
                        autores="; ".join(rng.sample(AUTORES, rng.randint(1, 3))),
                        institucion_id=rng.choice(instituciones),
                        paises=[pais] if i % 4 else [pais, rng.choice(PAISES)],
                        idioma=Documento.Idioma.ES if i % 10 else Documento.Idioma.PT,
                        anio=anio,
                        fecha=fecha,
                        licencia="CC BY 4.0",
                        enlace=f"https://documentos.example.org/{slug}.pdf",
                        estado=Documento.Estado.PUBLICADO,
                        publicado_en=ahora - timedelta(days=(2025 - anio) * 365, minutes=i),
                    )
                )
            creados = Documento.objects.bulk_create(lote, batch_size=LOTE)
            Documento.temas.through.objects.bulk_create(
                [Documento.temas.through(documento_id=d.pk, tema_id=temas[d.pk % len(temas)]) for d in creados],
                batch_size=LOTE,
            )
    stdout.write(f"  biblioteca: {cantidad} documentos")


def _noticias_y_eventos(rng: random.Random) -> None:
    oraciones = oraciones_del_informe()
    ahora = timezone.now()
    noticias = []
    for i in range(60):
        cuerpo = "\n\n".join(" ".join(rng.sample(oraciones, 3)) for _ in range(3))
        titulo = f"{rng.choice(TEMAS)}: nueva experiencia en {rng.choice(LUGARES)}"
        noticias.append(
            Noticia(
                titulo=titulo,
                slug=f"{PREFIJO_SLUG}{slugify(titulo)}-{i}",
                resumen=rng.choice(oraciones)[:400],
                cuerpo=cuerpo,
                cuerpo_html=a_html(cuerpo),
                publicada_en=ahora - timedelta(days=i * 7),
                estado=Noticia.Estado.PUBLICADO,
            )
        )
    Noticia.objects.bulk_create(noticias)
    eventos = []
    for i in range(40):
        inicio = ahora + timedelta(days=(i - 20) * 15)
        titulo = f"Seminario latinoamericano de {rng.choice(TEMAS).lower()} en {rng.choice(LUGARES)}"
        descripcion = " ".join(rng.sample(oraciones, 3))
        eventos.append(
            Evento(
                titulo=titulo,
                slug=f"{PREFIJO_SLUG}{slugify(titulo)}-{i}",
                descripcion=descripcion,
                descripcion_html=a_html(descripcion),
                inicio=inicio,
                fin=inicio + timedelta(days=2),
                lugar=rng.choice(LUGARES),
                pais=rng.choice(PAISES),
                modalidad=Evento.Modalidad.PRESENCIAL,
                estado=Evento.Estado.PUBLICADO,
            )
        )
    Evento.objects.bulk_create(eventos)


def generar(cantidades: dict, stdout) -> None:
    if Documento.objects.filter(slug__startswith=PREFIJO_SLUG).exists():
        stdout.write("  biblioteca: ya generada")
        return
    _documentos(cantidades["documentos"], stdout)
    _noticias_y_eventos(random.Random(21))
    # The statistics that say which words are frequent, fresh after the bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE biblioteca_documento")
