"""Demo data of the forums: four forums and topics drawn from the debates of the
founding seminar (Quito, June 2012), and a forum of researchers' questions, some with an accepted
answer. Idempotent: forums by slug, topics by forum
and slug, posts by author and a deterministic token. No e-mail is sent."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from comun.markdown import a_html
from consorcios.models import Sector
from foros import services
from foros.models import Foro, Mensaje, Suscripcion, Tema

FOROS = [
    (
        "consorcios-de-exportacion",
        "Consorcios de exportación",
        "Alianzas voluntarias de PYMES con productos complementarios que se unen para exportar: formación, gestión, apoyos.",
        False,
    ),
    (
        "consorcios-de-origen",
        "Consorcios de origen e indicaciones geográficas",
        "Productores de un mismo producto tradicional ligado a un territorio: denominaciones de origen, marcas colectivas, protección frente a imitaciones.",
        False,
    ),
    (
        "marcos-legales",
        "Marcos legales",
        "Legislación, formas jurídicas e incentivos para los consorcios en cada país de la región.",
        False,
    ),
    ("anuncios", "Anuncios", "Novedades de la Red, de ONUDI y del SELA. Solo el equipo abre temas.", True),
    (
        "preguntas-de-investigadores",
        "Preguntas de investigadores",
        "Respuestas rápidas: pregunte a los promotores de un país o de un sector; quien pregunta marca la respuesta aceptada.",
        False,
    ),
]
# Forums whose topics are questions (Foro.Tipo.PREGUNTAS); the others are discussions.
FOROS_DE_PREGUNTAS = {"preguntas-de-investigadores"}

# The forums' names and descriptions in Portuguese and English (the Spanish ones are in FOROS).
TRADUCCIONES_FOROS = {
    "consorcios-de-exportacion": {
        "pt": (
            "Consórcios de exportação",
            "Alianças voluntárias de PMEs com produtos complementares que se unem para exportar: formação, gestão, "
            "apoios.",
        ),
        "en": (
            "Export consortia",
            "Voluntary alliances of SMEs with complementary products that join forces to export: training, "
            "management, support.",
        ),
    },
    "consorcios-de-origen": {
        "pt": (
            "Consórcios de origem e indicações geográficas",
            "Produtores de um mesmo produto tradicional ligado a um território: denominações de origem, marcas "
            "coletivas, proteção contra imitações.",
        ),
        "en": (
            "Origin consortia and geographical indications",
            "Producers of the same traditional product tied to a territory: appellations of origin, collective "
            "marks, protection against imitations.",
        ),
    },
    "marcos-legales": {
        "pt": ("Marcos legais", "Legislação, formas jurídicas e incentivos para os consórcios em cada país da região."),
        "en": (
            "Legal frameworks",
            "Legislation, legal forms and incentives for consortia in each country of the region.",
        ),
    },
    "anuncios": {
        "pt": ("Anúncios", "Novidades da Rede, da ONUDI e do SELA. Só a equipe abre tópicos."),
        "en": ("Announcements", "News from the Network, UNIDO and SELA. Only the team opens topics."),
    },
    "preguntas-de-investigadores": {
        "pt": (
            "Perguntas de pesquisadores",
            "Respostas rápidas: pergunte aos promotores de um país ou de um setor; quem pergunta marca a resposta "
            "aceita.",
        ),
        "en": (
            "Researchers' questions",
            "Quick answers: ask the promoters of a country or a sector; the asker marks the accepted answer.",
        ),
    },
}

PROMOTORA = "promotora@redconsorcios.org"
INVESTIGADOR = "investigador@redconsorcios.org"
CONSULTORA = "consultora@redconsorcios.org"
ADMIN = "admin@redconsorcios.org"

# (forum slug, title, featured, pinned, [(author, Markdown), ...]) — the first post opens the topic.
TEMAS = [
    (
        "marcos-legales",
        "¿Hace falta una ley de consorcios? Las experiencias de Argentina y Uruguay",
        True,
        False,
        [
            (
                PROMOTORA,
                "En el Foro de Quito, Conexport recordó que **Argentina cuenta con unos 80 consorcios** y, sin embargo, "
                "no existe legislación que los proteja ni una entidad promotora para su formación.\n\n"
                "En Uruguay, DINAPYME señaló que lo que ha frenado el desarrollo de los consorcios es la falta de un "
                "marco jurídico que regule su funcionamiento.\n\n¿Qué debería incluir una ley de consorcios en nuestros países?",
            ),
            (
                INVESTIGADOR,
                "Según lo expuesto en Uruguay, la ley debería:\n\n"
                "1. disponer la creación de un consejo de administración,\n"
                "2. dar márgenes de gobernanza,\n"
                "3. determinar la autoridad fiscal.\n\n"
                "Agregaría un **sistema de incentivos** para la formación de consorcios, como pedía Conexport.",
            ),
            (
                CONSULTORA,
                "ONUDI comentó que en los países donde ha trabajado se ha encontrado una forma jurídica existente que "
                "permite *iniciar* el proceso. Una legislación específica con fondos específicos ya es un incentivo "
                "enorme, pero no es requisito para empezar.",
            ),
        ],
    ),
    (
        "consorcios-de-exportacion",
        "Consorcio binacional de productos andinos entre Perú y Ecuador",
        True,
        True,
        [
            (
                INVESTIGADOR,
                "En Chiclayo, Perú, con la firma de un convenio binacional entre Perú y Ecuador, consorcios de los dos "
                "países iniciaron conversaciones para crear un **consorcio de productos andinos**.\n\n"
                "¿Alguien de la Red participa en esas conversaciones? Sería útil compartir cómo se organizan.",
            ),
            (
                PROMOTORA,
                "Desde el MIPRO seguimos el proceso. Los temas pendientes son la forma jurídica del consorcio en cada "
                "país y la coordinación de la promoción comercial (ferias y misiones).",
            ),
        ],
    ),
    (
        "consorcios-de-origen",
        "Cómo proteger los sombreros de Montecristi de las imitaciones",
        True,
        False,
        [
            (
                PROMOTORA,
                "Las instituciones públicas entienden la necesidad de agregar valor y de **proteger la producción de "
                "imitadores**, como en el caso de los sombreros de Montecristi de Ecuador.\n\n"
                "¿Qué herramientas recomiendan: denominación de origen, marca colectiva o marca de certificación?",
            ),
            (
                CONSULTORA,
                "El IEPI explicó que la marca colectiva permite unir a los productores y que las marcas de certificación "
                "ofrecen una garantía de un producto determinado.\n\n"
                "> Toda denominación de origen debe buscar los mercados donde quiera ser protegida.\n\n"
                "Una vez reconocida, el consorcio puede comunicar al Estado cualquier irregularidad de imitación.",
            ),
            (
                INVESTIGADOR,
                "Como advirtió el Programa de Consorcios de ONUDI, cuando un producto tiene éxito el riesgo de imitación "
                "es grande. El caso del Gruyère en Suiza es ilustrativo: al implementar la denominación de origen creció "
                "la demanda, pero también las imitaciones.",
            ),
        ],
    ),
    (
        "consorcios-de-origen",
        "Tipicidad y territorio: el enfoque argentino de las denominaciones de origen",
        False,
        False,
        [
            (
                INVESTIGADOR,
                "El INTA de Argentina presentó un enfoque que parte **del territorio hacia el mercado**: se considera a "
                "las personas no solo como productores sino como habitantes de un territorio.\n\n"
                "Una dificultad en América Latina es el estado embrionario de las instituciones. ¿Cómo lo viven en sus países?",
            ),
        ],
    ),
    (
        "anuncios",
        "Bienvenidos a los foros de la Red Latinoamericana de Consorcios",
        True,
        True,
        [
            (
                ADMIN,
                "Estos foros nacen del **Foro Latinoamericano de Consorcios de Exportación y de Origen** (Quito, junio de "
                "2012) para intercambiar experiencias y lecciones aprendidas.\n\n"
                "- Abra temas en el foro que corresponda.\n"
                "- Suscríbase a los temas que le interesen para recibir avisos por correo.\n"
                "- Reporte los mensajes que no respeten las normas.",
            ),
        ],
    ),
]


# Questions of the forum of questions, from the themes of the founding seminar:
# (title, country, sector slug, index of the accepted reply or None, [(author, Markdown), ...]).
PREGUNTAS = [
    (
        "¿Qué incentivos existen en el Perú para los consorcios de exportación?",
        "PE",
        "",
        2,
        [
            (
                INVESTIGADOR,
                "Estoy reuniendo datos para un estudio comparado. ¿Qué programas públicos apoyan hoy la formación de "
                "**consorcios de exportación** en el Perú, y quién los financia?",
            ),
            (
                PROMOTORA,
                "Desde Ecuador conozco poco el caso peruano; sé que PROMPERÚ acompaña a los consorcios en ferias. "
                "Habría que preguntar a MINCETUR.",
            ),
            (
                CONSULTORA,
                "El Programa de ONUDI empezó en 2006 con la formación de consorcios y luego **se volvió política de "
                "Estado**. En una segunda etapa, ONUDI formó a los consultores de 10 cámaras de comercio regionales, "
                "que replicaron el trabajo de campo: 548 MIPYMES se constituyeron en 35 consorcios y redes "
                "empresariales.\n\n"
                "- Asistencia técnica: las cámaras de comercio regionales, con consultorías de segundo piso.\n"
                "- Promoción comercial: MINCETUR y PROMPERÚ.\n"
                "- Consorcios de origen: Agrorural e INDECOPI (marcas colectivas).",
            ),
        ],
    ),
    (
        "¿Cómo se certifica un consorcio de origen? ¿Qué debe contener el reglamento?",
        "",
        "",
        1,
        [
            (
                PROMOTORA,
                "Acompañamos a un grupo de productores de un producto tradicional que quiere pedir una denominación de "
                "origen. ¿Qué debe contener el reglamento y quién lo certifica?",
            ),
            (
                CONSULTORA,
                "Según lo expuesto por el FIBL de Suiza, el reglamento debe contener:\n\n"
                "1. la descripción del producto y del proceso de producción;\n"
                "2. la relación de la calidad específica con el origen geográfico;\n"
                "3. el área de producción y las reglas del etiquetaje.\n\n"
                "El reglamento europeo exige una **organización colectiva** que formule el pliego de condiciones y "
                "solicite el reconocimiento. El consorcio del Jamón Toscano se creó en 1990 y la denominación se "
                "registró seis años después; entonces el consorcio se convirtió en consejo regulador. Y un consejo: el "
                "código de práctica se escribe en el campo, no en la oficina.",
            ),
            (
                INVESTIGADOR,
                "En el Perú, INDECOPI recuerda que los certificados de calidad y la propiedad industrial no se "
                "excluyen: se puede empezar con una **marca colectiva** mientras se prepara la denominación.",
            ),
        ],
    ),
    (
        "¿Qué datos hay sobre consorcios de exportación en Uruguay?",
        "UY",
        "",
        None,
        [
            (
                INVESTIGADOR,
                "DINAPYME señaló en Quito que en Uruguay hay poca experiencia de consorcios y algunas actividades "
                "*cuasi consorciadas*, sobre todo en turismo. ¿Alguien tiene cifras o casos documentados?",
            ),
        ],
    ),
    (
        "¿Cómo integrar consorcios de cerámica, apicultura y chocolate en una ruta turística?",
        "PE",
        "turismo",
        None,
        [
            (
                CONSULTORA,
                "En Chulucanas se seleccionaron los consorcios de la cerámica, la apicultura y el chocolate para "
                "diversificar la oferta turística. ¿Qué experiencias hay de gestión conjunta con los gobiernos locales?",
            ),
            (
                PROMOTORA,
                "La metodología recomendaba un **comité gestor** del plan de trabajo y una asociación entre los "
                "consorcios para hacer incidencia ante las autoridades. ¿Alguien sabe si se constituyó?",
            ),
        ],
    ),
    (
        "¿Quién controla el uso de una denominación de origen una vez registrada?",
        "EC",
        "artesanias",
        None,
        [
            (
                PROMOTORA,
                "Con los sombreros de Montecristi nos preguntamos quién vigila el uso correcto de la indicación "
                "geográfica cuando ya está registrada: ¿el Estado, el consorcio o ambos?",
            ),
        ],
    ),
]


def _cargar_mensajes(tema: Tema, posts, usuarios, creado, aceptada: int | None = None) -> int:
    """The topic's posts (idempotent: by author and a deterministic token), read marks, subscriptions."""
    for j, (email, fuente) in enumerate(posts):
        mensaje, _ = Mensaje.objects.update_or_create(
            autor=usuarios[email],
            token=uuid.uuid5(uuid.NAMESPACE_URL, f"redconsorcios-demo-foros/{tema.slug}/{j}"),
            defaults={
                "tema": tema,
                "fuente": fuente,
                "html": a_html(fuente),
                "creado": creado + timedelta(hours=5 * j),
                "aceptada": j == aceptada,
            },
        )
        services.indexar(mensaje=mensaje, titulo=tema.titulo if j == 0 else "")
        Suscripcion.objects.get_or_create(usuario=usuarios[email], tema=tema)
        services.marcar_leido(usuario=usuarios[email], tema=tema, mensaje_id=mensaje.pk)
    services.recontar(tema=tema)
    return len(posts)


def cargar(stdout) -> None:
    User = get_user_model()
    usuarios = {u.email: u for u in User.objects.filter(email__in=[PROMOTORA, INVESTIGADOR, CONSULTORA, ADMIN])}
    if len(usuarios) < 4:
        stdout.write("  foros: faltan los miembros de demostración (miembros/demo.py); no se cargan temas")
        return
    foros = {}
    for orden, (slug, nombre, descripcion, solo_staff) in enumerate(FOROS):
        textos = {"nombre_es": nombre, "descripcion_es": descripcion}
        for idioma, (nombre_traducido, descripcion_traducida) in TRADUCCIONES_FOROS.get(slug, {}).items():
            textos |= {f"nombre_{idioma}": nombre_traducido, f"descripcion_{idioma}": descripcion_traducida}
        tipo = Foro.Tipo.PREGUNTAS if slug in FOROS_DE_PREGUNTAS else Foro.Tipo.DISCUSION
        foros[slug], _ = Foro.objects.update_or_create(
            slug=slug, defaults={**textos, "orden": orden, "solo_staff": solo_staff, "tipo": tipo}
        )
    inicio = timezone.now() - timedelta(days=len(TEMAS) * 3)
    mensajes = 0
    for i, (foro_slug, titulo, destacado, fijado, posts) in enumerate(TEMAS):
        foro = foros[foro_slug]
        creado = inicio + timedelta(days=i * 3)
        autor = usuarios[posts[0][0]]
        tema, _ = Tema.objects.update_or_create(
            foro=foro,
            slug=slugify(titulo)[:80],
            defaults={"titulo": titulo, "autor": autor, "creado": creado, "destacado": destacado, "fijado": fijado},
        )
        mensajes += _cargar_mensajes(tema, posts, usuarios, creado)
    sectores = {s.slug: s for s in Sector.objects.filter(slug__in=[p[2] for p in PREGUNTAS if p[2]])}
    inicio = timezone.now() - timedelta(days=len(PREGUNTAS) * 2)
    for i, (titulo, pais, sector, aceptada, posts) in enumerate(PREGUNTAS):
        creado = inicio + timedelta(days=i * 2)
        tema, _ = Tema.objects.update_or_create(
            foro=foros["preguntas-de-investigadores"],
            slug=slugify(titulo)[:80],
            defaults={
                "titulo": titulo,
                "autor": usuarios[posts[0][0]],
                "creado": creado,
                "pais": pais,
                "sector": sectores.get(sector),
            },
        )
        mensajes += _cargar_mensajes(tema, posts, usuarios, creado, aceptada)
    enlazar_consorcios()
    stdout.write(f"  foros: {len(FOROS)} foros, {len(TEMAS) + len(PREGUNTAS)} temas, {mensajes} mensajes")


# Topics about the report's consortia: their profiles list them.
TEMAS_DE_CONSORCIOS = {
    "consorcio-binacional-de-productos-andinos-entre-peru-y-ecuador": "consorcio-binacional-de-productos-andinos",
    # párr. 33: the Chulucanas methodology joins its consortia's offer with the tourism chain's.
    "como-integrar-consorcios-de-ceramica-apicultura-y-chocolate-en-una-ruta-turistic": (
        "consorcio-de-la-cadena-turistica-de-chulucanas"
    ),
}


def enlazar_consorcios() -> None:
    from consorcios.models import Consorcio

    consorcios = {c.slug: c for c in Consorcio.objects.filter(slug__in=TEMAS_DE_CONSORCIOS.values())}
    for tema_slug, consorcio_slug in TEMAS_DE_CONSORCIOS.items():
        if consorcio_slug in consorcios:
            Tema.objects.filter(slug=tema_slug).update(consorcio=consorcios[consorcio_slug])
