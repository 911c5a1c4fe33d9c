"""Synthetic forums for the benchmark (``manage.py generar_datos``).

Six forums, topics of 1 to 40 posts and one reference topic with exactly 50 posts
(the benchmark's topic page). Posts go in with COPY; their Markdown source is made of
sentences of the founding report, and their HTML is the rendering of those sentences
(each rendered once). The denormalised counters of every topic (respuestas,
ultimo_mensaje, ultima_actividad) and the search vectors are then set in bulk, in SQL,
exactly as ``foros.services.recontar`` and ``indexar`` would set them one by one.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from comun.markdown import a_html
from demo.sinteticos.biblioteca import oraciones_del_informe
from foros.models import Foro, Tema

FOROS = [
    ("gestion-de-consorcios", "Gestión de consorcios", "Gerencia, reglamentos internos y toma de decisiones."),
    ("mercados-internacionales", "Mercados internacionales", "Ferias, misiones comerciales y compradores."),
    ("calidad-y-certificacion", "Calidad y certificación", "Normas, certificaciones y sistemas de calidad."),
    ("financiamiento", "Financiamiento", "Fondos, incentivos y programas de apoyo."),
    ("signos-distintivos", "Signos distintivos", "Marcas colectivas, indicaciones geográficas y denominaciones."),
    ("formacion-de-gerentes", "Formación de gerentes", "Capacitación de gerentes y promotores de consorcios."),
]
TITULO_REFERENCIA = "Cómo repartir los costos de una feria entre las empresas del consorcio"
MENSAJES_REFERENCIA = 50
TITULOS = [
    "¿Cómo elegir al gerente del consorcio?",
    "Experiencias con marcas colectivas en {lugar}",
    "Reglamento de uso de la denominación de origen",
    "Costos de certificación orgánica para pymes",
    "Misión comercial a {mercado}: resultados",
    "Fondos de cofinanciamiento en {lugar}",
    "Cuotas de los socios: ¿fijas o proporcionales?",
    "Primera exportación conjunta: lecciones aprendidas",
    "Consorcios de origen y turismo rural en {lugar}",
    "Capacitación de promotores: materiales de ONUDI",
]
LUGARES = ["Perú", "Ecuador", "Colombia", "México", "Uruguay", "Argentina", "Costa Rica", "Nicaragua", "Chile"]
MERCADOS = ["Alemania", "Estados Unidos", "Japón", "Canadá", "España", "China"]


def _usuarios() -> list[int]:
    User = get_user_model()
    ids = list(User.objects.filter(username__startswith="sintetico-").values_list("pk", flat=True)[:500])
    if not ids:
        ids = [User.objects.get_or_create(username="sintetico-foros", defaults={"email": "foros@example.org"})[0].pk]
    return ids


def _tamanos(total: int, rng: random.Random) -> list[int]:
    """Posts per topic: the reference topic first, then 1 to 40 until the total is reached."""
    tamanos = [min(MENSAJES_REFERENCIA, total)]
    restantes = total - tamanos[0]
    while restantes > 0:
        n = min(restantes, rng.randint(1, 40))
        tamanos.append(n)
        restantes -= n
    return tamanos


def generar(cantidades: dict, stdout) -> None:
    if Foro.objects.filter(slug=FOROS[0][0]).exists():
        stdout.write("  foros: ya generados")
        return
    rng = random.Random(50)
    oraciones = oraciones_del_informe()
    html_de = {o: a_html(o) for o in oraciones}  # Markdown rendered once per sentence
    usuarios = _usuarios()
    tamanos = _tamanos(cantidades["mensajes"], rng)
    ahora = timezone.now()
    inicio_total = ahora - timedelta(days=3 * 365)

    with transaction.atomic():
        foros = Foro.objects.bulk_create(
            [Foro(slug=s, nombre=n, descripcion=d, orden=10 + i) for i, (s, n, d) in enumerate(FOROS)]
        )
        temas = []
        for i in range(len(tamanos)):
            titulo = (
                TITULO_REFERENCIA
                if i == 0
                else rng.choice(TITULOS).format(lugar=rng.choice(LUGARES), mercado=rng.choice(MERCADOS))
            )
            creado = inicio_total + timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
            temas.append(
                Tema(
                    foro=foros[i % len(foros)],
                    titulo=titulo,
                    slug=slugify(titulo)[:80] or "tema",
                    autor_id=rng.choice(usuarios),
                    creado=creado,
                    ultima_actividad=creado,
                )
            )
        temas = Tema.objects.bulk_create(temas, batch_size=5_000)

        with connection.cursor() as cursor:
            columnas = "tema_id, autor_id, fuente, html, creado, oculto, motivo_ocultacion"
            with cursor.copy(f"COPY foros_mensaje ({columnas}) FROM STDIN") as copia:
                for tema, tamano in zip(temas, tamanos, strict=True):
                    momento = tema.creado
                    for _ in range(tamano):
                        partes = rng.sample(oraciones, rng.randint(1, 3))
                        copia.write_row(
                            (
                                tema.pk,
                                rng.choice(usuarios),
                                "\n\n".join(partes),
                                "\n".join(html_de[p] for p in partes),
                                momento,
                                False,
                                "",
                            )
                        )
                        momento += timedelta(minutes=rng.randint(5, 3_000))
            # Denormalised counters, as foros.services.recontar sets them, for every topic at once.
            cursor.execute(
                """
                UPDATE foros_tema AS t
                   SET respuestas = s.n - 1, ultimo_mensaje_id = s.ultimo, ultima_actividad = m.creado
                  FROM (SELECT tema_id, count(*) AS n, max(id) AS ultimo
                          FROM foros_mensaje WHERE NOT oculto GROUP BY tema_id) AS s
                  JOIN foros_mensaje AS m ON m.id = s.ultimo
                 WHERE t.id = s.tema_id AND t.foro_id = ANY(%s)
                """,
                [[f.pk for f in foros]],
            )
            # Search vectors, as foros.services.indexar sets them: the title (A) on opening posts only.
            cursor.execute(
                """
                UPDATE foros_mensaje AS m
                   SET busqueda = setweight(to_tsvector('es_unaccent', CASE WHEN m.id = p.primero
                                                        THEN t.titulo ELSE '' END), 'A')
                               || setweight(to_tsvector('es_unaccent', m.fuente), 'B')
                  FROM foros_tema AS t,
                       (SELECT tema_id, min(id) AS primero FROM foros_mensaje GROUP BY tema_id) AS p
                 WHERE m.tema_id = t.id AND p.tema_id = t.id AND t.foro_id = ANY(%s)
                """,
                [[f.pk for f in foros]],
            )
    stdout.write(f"  foros: {len(temas)} temas, {sum(tamanos)} mensajes")


def tema_de_referencia() -> Tema | None:
    """The topic with exactly 50 posts that the benchmark loads."""
    return Tema.objects.select_related("foro").filter(titulo=TITULO_REFERENCIA, foro__slug=FOROS[0][0]).first()
