"""Demo data of the library, from the founding report (SELA, Quito, June 2012). Idempotent.

The report itself becomes a small real PDF of its opening paragraphs (written by
biblioteca.pdf_simple), so the demo exercises upload metadata, download and text
extraction; the other documents are external links, as they live on their
publishers' sites.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from biblioteca.models import Documento, Evento, Noticia, SesionEvento, Tema
from biblioteca.pdf_simple import pdf_de_texto
from biblioteca.tasks import extraer_texto_documento
from miembros.models import Institucion

QUITO = ZoneInfo("America/Guayaquil")

INFORME_PARRAFOS = [
    "Seminario Latinoamericano de Consorcios de PYMES. Quito, Ecuador, 11 al 13 de junio de 2012. Informe de relatoría.",
    "1. De conformidad con el Programa de Trabajo de la Secretaría Permanente del SELA para el año 2012, Actividad II.2.2 "
    "«Asistencia técnica especializada para apoyar la internacionalización, la eficiencia, la innovación y la competitividad "
    "de las PYMES», se llevó a cabo el «Seminario Latinoamericano de Consorcios de PYMES», celebrado en Quito, Ecuador, "
    "durante los días del 11 al 13 de junio de 2012.",
    "2. Participaron representantes de consorcios, académicos y consultores de los siguientes estados: Argentina, Colombia, "
    "Costa Rica, Suiza, Italia, México, Nicaragua, Panamá, Perú y Uruguay; representantes y funcionarios del Ministerio de "
    "Industrias y Productividad (MIPRO) de Ecuador y Proecuador; representantes de organismos internacionales: la "
    "Organización de las Naciones Unidas para el Desarrollo Industrial (ONUDI) y el Sistema Económico Latinoamericano y del "
    "Caribe (SELA).",
    "3. El Seminario tuvo por objeto profundizar los conocimientos sobre internacionalización; proveer metodologías de "
    "identificación de capacidades potenciales de las empresas para incursionar en los mercados internacionales y el "
    "desarrollo de políticas de promoción sectorial; difundir estrategias exitosas para la exportación desarrolladas por "
    "algunos países de nuestra región; y transferir metodologías para la conformación de consorcios de exportación, como "
    "estrategia para potenciar las capacidades colectivas de las empresas participantes.",
    "4. El presente informe consta de dos partes. La primera parte reseña las actividades realizadas durante el Foro "
    "Latinoamericano sobre Consorcios de Exportación, evento precedente al Seminario, organizado por el Ministerio de "
    "Industrias y Productividad (MIPRO) y por la ONUDI. La segunda parte consiste en el Seminario Latinoamericano de "
    "Consorcios de PYMES, realizado con los consultores y expertos sobre la temática en Latinoamérica y Europa.",
]

TEMAS = [
    ("consorcios-de-exportacion", "Consorcios de exportación"),
    ("consorcios-de-origen", "Consorcios de origen"),
    ("indicaciones-geograficas", "Indicaciones geográficas"),
    ("politica-publica", "Política pública"),
    ("asociatividad", "Asociatividad"),
]

# slug, title, type, abstract, authors, institution acronym, countries, language, year, date, link, topics
DOCUMENTOS = [
    (
        "informe-seminario-latinoamericano-consorcios-pymes-2012",
        "Seminario Latinoamericano de Consorcios de PYMES: informe final",
        Documento.Tipo.ESTUDIO,
        "Relatoría del Foro Latinoamericano sobre Consorcios de Exportación y de Origen y del Seminario Latinoamericano de "
        "Consorcios de PYMES (Quito, 11 al 13 de junio de 2012): experiencias de Ecuador, Perú, Argentina, Uruguay, Costa Rica "
        "e Italia, indicaciones geográficas, marketing territorial y la creación de la Red Latinoamericana de Consorcios de "
        "Exportación y de Origen.",
        "Secretaría Permanente del SELA",
        "SELA",
        ["EC", "AR", "CO", "CR", "CH", "IT", "MX", "NI", "PA", "PE", "UY"],
        "es",
        2012,
        date(2012, 6, 13),
        "http://www.sela.org",
        ["consorcios-de-exportacion", "consorcios-de-origen", "asociatividad"],
    ),
    (
        "onudi-guia-desarrollo-consorcios-de-exportacion",
        "Desarrollo de consorcios de exportación: guía para las PYMES",
        Documento.Tipo.GUIA,
        "Guía de la ONUDI sobre cómo las pequeñas y medianas empresas que fabrican productos complementarios se agrupan en un "
        "consorcio para exportar juntas: compartir costos, riesgos y conocimiento, y acceder a los mercados internacionales.",
        "ONUDI",
        "ONUDI",
        [],
        "es",
        2004,
        None,
        "https://www.unido.org",
        ["consorcios-de-exportacion", "asociatividad"],
    ),
    (
        "onudi-guia-consorcios-de-origen",
        "Agregar valor a los productos típicos de origen regional: guía para crear un consorcio de origen",
        Documento.Tipo.GUIA,
        "Guía de la ONUDI para productores de un producto tradicional ligado a un territorio: cómo organizarse en un consorcio "
        "de origen, redactar el reglamento de producción (descripción del producto, vínculo con el origen, zona y etiquetado) "
        "y solicitar una denominación de origen o una indicación geográfica.",
        "ONUDI",
        "ONUDI",
        [],
        "es",
        2010,
        None,
        "https://www.unido.org",
        ["consorcios-de-origen", "indicaciones-geograficas"],
    ),
    (
        "ecuador-codigo-organico-de-la-produccion",
        "Código Orgánico de la Producción, Comercio e Inversiones del Ecuador",
        Documento.Tipo.LEGISLACION,
        "Ley ecuatoriana de fomento productivo. Destaca la importancia de la conformación de asociaciones empresariales como "
        "los consorcios de exportación y de origen y detalla incentivos concretos: estímulos arancelarios y tributarios que "
        "conducen a la innovación y al fortalecimiento de las capacidades de los productores.",
        "Asamblea Nacional del Ecuador",
        "MIPRO",
        ["EC"],
        "es",
        2010,
        date(2010, 12, 29),
        "https://www.produccion.gob.ec",
        ["politica-publica", "consorcios-de-exportacion"],
    ),
    (
        "ue-reglamento-denominaciones-de-origen-indicaciones-geograficas",
        "Reglamento (CE) n.º 510/2006 sobre la protección de las indicaciones geográficas y de las denominaciones de origen",
        Documento.Tipo.LEGISLACION,
        "Reglamento de la Unión Europea que regula las denominaciones de origen y las indicaciones geográficas de los "
        "productos agrícolas y alimenticios. Exige una agrupación de productores para formular el pliego de condiciones y "
        "solicitar el reconocimiento.",
        "Consejo de la Unión Europea",
        "",
        [],
        "es",
        2006,
        date(2006, 3, 20),
        "https://eur-lex.europa.eu",
        ["indicaciones-geograficas", "consorcios-de-origen"],
    ),
    (
        "ecuador-programa-nacional-consorcios-exportacion-origen",
        "Programa Nacional de Consorcios de Exportación y de Origen del Ecuador",
        Documento.Tipo.INCENTIVO,
        "Programa del Ministerio de Industrias y Productividad, ProEcuador y la ONUDI, financiado por la cooperación italiana, "
        "para aumentar la productividad y la presencia de las MIPYMES ecuatorianas en los mercados internacionales mediante la "
        "asociatividad. Cuatro ejes: capacidades colectivas, desarrollo económico local, red exportable y revalorización de "
        "las exportaciones.",
        "Ministerio de Industrias y Productividad",
        "MIPRO",
        ["EC"],
        "es",
        2012,
        date(2012, 6, 11),
        "https://www.produccion.gob.ec",
        ["politica-publica", "consorcios-de-exportacion", "consorcios-de-origen"],
    ),
    (
        "ecuador-exporta-pyme-cofinanciamiento",
        "Exporta PYME y Exporta Fácil: cofinanciamiento y envíos para la pequeña empresa exportadora",
        Documento.Tipo.INCENTIVO,
        "Programas del Gobierno del Ecuador que acompañan al Programa Nacional de Consorcios: Exporta PYME cofinancia a la "
        "pequeña empresa y Exporta Fácil simplifica sus envíos al exterior.",
        "Ministerio de Industrias y Productividad",
        "MIPRO",
        ["EC"],
        "es",
        2012,
        None,
        "https://www.produccion.gob.ec",
        ["politica-publica"],
    ),
    (
        "uruguay-dinapyme-programas-internacionalizacion",
        "Uruguay: programas de internacionalización de DINAPYME para consorcios",
        Documento.Tipo.INCENTIVO,
        "La Dirección Nacional de Artesanías, Pequeñas y Medianas Empresas ofrece asistencia técnica para la articulación y el "
        "Programa PIBE para la puesta en marcha, aspectos legales, capacitación e internacionalización; Uruguay XXI y ProExport "
        "apoyan la asistencia a ferias y misiones comerciales.",
        "DINAPYME",
        "DINAPYME",
        ["UY"],
        "es",
        2012,
        None,
        "https://www.gub.uy",
        ["politica-publica", "consorcios-de-exportacion"],
    ),
    (
        "peru-chulucanas-marketing-territorial",
        "Marketing territorial: consorcios de exportación y turismo en Chulucanas (Perú)",
        Documento.Tipo.CASO,
        "Metodología para la integración y el marketing de la oferta productiva y turística, ilustrada con los consorcios de "
        "Chulucanas, Perú: delimitación de la región, análisis de la oferta y papel de los gobiernos regionales y locales.",
        "Jhony Heredia",
        "",
        ["PE"],
        "es",
        2012,
        None,
        "http://www.sela.org",
        ["consorcios-de-origen", "asociatividad"],
    ),
    (  # párr. 12: the products the report names as examples; it names no consortium of them.
        "productos-de-origen-citados-en-el-seminario",
        "Productos de origen de la región citados en el seminario de Quito",
        Documento.Tipo.OTRO,
        "Nota de la biblioteca. Al presentar los consorcios de origen, la ONUDI citó como ejemplos de productos "
        "conocidos como únicos, cuya fama un consorcio de origen puede mejorar, los sombreros de Montecristi de "
        "Ecuador, el Tequila de México, el Pisco del Perú y los habanos cubanos; y el sombrero de Montecristi como "
        "ejemplo de producción que hay que proteger de los imitadores. El informe no menciona consorcios de estos "
        "productos; el del Tequila lo presenta aparte como el primer consorcio de exportación de su tipo.",
        "",
        "ONUDI",
        ["EC", "MX", "PE", "CU"],
        "es",
        2012,
        None,
        "http://www.sela.org",
        ["consorcios-de-origen", "indicaciones-geograficas"],
    ),
    (  # párr. 34
        "peru-ovop-de-mi-tierra-un-producto",
        "«De mi tierra, un producto» (OVOP) en el Perú",
        Documento.Tipo.INCENTIVO,
        "La iniciativa «De mi tierra, un producto», conocida como OVOP por sus siglas en japonés, une esfuerzos "
        "comunales, locales y regionales alrededor de uno o más recursos originarios, para fomentar emprendimientos "
        "basados en el conocimiento popular y su tradición cultural. Trabaja con doce localidades e impulsa el "
        "turismo; la acoge el MINCETUR en el marco del Acuerdo Básico de Cooperación Técnica entre el Perú y el "
        "Japón (1979). Etapas: plan de desarrollo turístico, formalización de las empresas, diversificación y mejora "
        "de la oferta.",
        "Erika Boggio",
        "MINCETUR",
        ["PE"],
        "es",
        2012,
        None,
        "http://www.sela.org",
        ["politica-publica", "asociatividad"],
    ),
    (
        "italia-jamon-toscano-consorcio-denominacion-origen",
        "El consorcio del Jamón Toscano y su denominación de origen",
        Documento.Tipo.CASO,
        "Caso presentado por la Universidad de Florencia: el consorcio, creado en 1990, obtuvo la denominación de origen seis "
        "años después y se convirtió en consejo regulador que gestiona el logo en nombre de todos los miembros.",
        "Giovanni Belletti; Andrea Marescotti",
        "UNIFI",
        ["IT"],
        "es",
        2012,
        None,
        "http://www.sela.org",
        ["indicaciones-geograficas", "consorcios-de-origen"],
    ),
]


def _proximo_junio() -> datetime:
    """The next regional seminar: the coming June, an indicative date staff will confirm."""
    hoy = timezone.localdate()
    anio = hoy.year + 1 if hoy.month >= 6 else hoy.year
    return datetime(anio, 6, 10, 9, 0, tzinfo=QUITO)


def cargar(stdout) -> None:
    temas = {
        slug: Tema.objects.update_or_create(slug=slug, defaults={"nombre_es": nombre})[0] for slug, nombre in TEMAS
    }
    siglas = {i.sigla: i for i in Institucion.objects.exclude(sigla="")}
    ahora = timezone.now()
    for slug, titulo, tipo, resumen, autores, sigla, paises, idioma, anio, fecha, enlace, slugs_temas in DOCUMENTOS:
        documento, _creado = Documento.objects.update_or_create(
            slug=slug,
            defaults={
                "titulo": titulo,
                "tipo": tipo,
                "resumen": resumen,
                "autores": autores,
                "institucion": siglas.get(sigla),
                "paises": paises,
                "idioma": idioma,
                "anio": anio,
                "fecha": fecha,
                "enlace": enlace,
                "estado": Documento.Estado.PUBLICADO,
            },
            create_defaults={
                "titulo": titulo,
                "tipo": tipo,
                "resumen": resumen,
                "autores": autores,
                "institucion": siglas.get(sigla),
                "paises": paises,
                "idioma": idioma,
                "anio": anio,
                "fecha": fecha,
                "enlace": enlace,
                "estado": Documento.Estado.PUBLICADO,
                "publicado_en": ahora,
                "licencia": "",
            },
        )
        documento.temas.set([temas[s] for s in slugs_temas])
    # The founding report as a real PDF of its opening paragraphs.
    informe = Documento.objects.get(slug=DOCUMENTOS[0][0])
    if not informe.archivo:
        contenido = pdf_de_texto(INFORME_PARRAFOS)
        informe.archivo.save("documento.pdf", ContentFile(contenido), save=False)
        informe.nombre_original = "Informe Seminario Latinoamericano de Consorcios de PYMES (Quito, 2012).pdf"
        informe.tamano = len(contenido)
        informe.tipo_mime = "application/pdf"
        informe.save()
        transaction.on_commit(lambda: extraer_texto_documento.enqueue(documento_id=informe.pk))

    noticias = [
        (
            "ecuador-lanza-programa-nacional-de-consorcios",
            "Ecuador lanza el Programa Nacional de Consorcios de Exportación y de Origen",
            "El Ministerio de Industrias y Productividad, ProEcuador y la ONUDI presentaron en Quito el programa, "
            "financiado por la cooperación italiana.",
            "El **Programa Nacional de Consorcios de Exportación y de Origen** se presentó en el Foro Latinoamericano "
            "sobre Consorcios de Exportación y de Origen, en Quito, con la Ministra de Industrias y Productividad, "
            "Verónica Sión, y el Director General de la ONUDI, Kandeh Yumkella.\n\n"
            "Las PYMES constituyen el 95 % del tejido empresarial del Ecuador y representan el 24 % de su PIB. "
            "El programa trabaja en cuatro ejes: fortalecimiento de las capacidades colectivas, desarrollo económico "
            "local, fomento de la red exportable y revalorización de las exportaciones productivas.",
            datetime(2012, 6, 11, 12, 0, tzinfo=QUITO),
        ),
        (
            "nace-la-red-latinoamericana-de-consorcios",
            "Nace la Red Latinoamericana de Consorcios de Exportación y de Origen",
            "Al cierre del seminario de Quito, la ONUDI, el SELA y Federexport acordaron liderar una red regional con "
            "una plataforma en línea, boletines y un seminario bianual.",
            "La Red estará integrada por instituciones públicas y privadas latinoamericanas que promueven consorcios y "
            "por los consorcios mismos. Su objetivo es potenciar el intercambio de experiencias y fomentar mejores "
            "prácticas.\n\n"
            "La ONUDI, con el apoyo del SELA y Federexport, coordinará:\n\n"
            "- una plataforma en línea para el intercambio de conocimiento;\n"
            "- la publicación periódica de boletines informativos;\n"
            "- un seminario regional bianual.",
            datetime(2012, 6, 13, 18, 0, tzinfo=QUITO),
        ),
    ]
    for slug, titulo, resumen, cuerpo, publicada_en in noticias:
        noticia = Noticia.objects.filter(slug=slug).first() or Noticia(slug=slug)
        noticia.titulo_es, noticia.resumen_es, noticia.cuerpo_es = titulo, resumen, cuerpo
        for idioma, (titulo, resumen, cuerpo) in TRADUCCIONES_NOTICIAS.get(slug, {}).items():
            setattr(noticia, f"titulo_{idioma}", titulo)
            setattr(noticia, f"resumen_{idioma}", resumen)
            setattr(noticia, f"cuerpo_{idioma}", cuerpo)
        noticia.publicada_en, noticia.estado = publicada_en, Noticia.Estado.PUBLICADO
        noticia.save()

    inicio_bianual = _proximo_junio()
    eventos = [
        (
            "foro-latinoamericano-consorcios-exportacion-origen-quito-2012",
            "Foro Latinoamericano sobre Consorcios de Exportación y de Origen",
            "Organizado por el Ministerio de Industrias y Productividad (MIPRO) y la ONUDI. Lanzamiento del Programa "
            "Nacional de Consorcios de Exportación y de Origen del Ecuador y presentación de los consorcios ecuatorianos.",
            datetime(2012, 6, 11, 9, 0, tzinfo=QUITO),
            datetime(2012, 6, 11, 18, 0, tzinfo=QUITO),
            "Quito",
            Evento.Modalidad.PRESENCIAL,
        ),
        (
            "seminario-latinoamericano-consorcios-pymes-quito-2012",
            "Seminario Latinoamericano de Consorcios de PYMES",
            "Seminario del SELA y la ONUDI con consultores y expertos de Latinoamérica y Europa: internacionalización, "
            "consorcios de exportación y de origen, indicaciones geográficas y marketing territorial.",
            datetime(2012, 6, 11, 9, 0, tzinfo=QUITO),
            datetime(2012, 6, 13, 18, 0, tzinfo=QUITO),
            "Quito",
            Evento.Modalidad.PRESENCIAL,
        ),
        (
            "seminario-regional-bianual-red-consorcios",
            "Seminario regional bianual de la Red Latinoamericana de Consorcios",
            "El seminario bianual que la ONUDI, con el SELA y Federexport, se comprometió a organizar para fomentar las "
            "alianzas entre las instituciones miembros y dar visibilidad a la Red. Fecha y sede indicativas.",
            inicio_bianual,
            inicio_bianual + timedelta(days=2, hours=9),
            "",
            Evento.Modalidad.HIBRIDA,
        ),
    ]
    for slug, titulo, descripcion, inicio, fin, lugar, modalidad in eventos:
        evento = Evento.objects.filter(slug=slug).first() or Evento(slug=slug)
        evento.titulo_es, evento.descripcion_es, evento.inicio, evento.fin = titulo, descripcion, inicio, fin
        evento.lugar, evento.pais = lugar, "EC" if lugar == "Quito" else ""
        evento.modalidad, evento.estado = modalidad, Evento.Estado.PUBLICADO
        evento.save()
    stdout.write(f"  biblioteca: {len(DOCUMENTOS)} documentos, {len(noticias)} noticias, {len(eventos)} eventos")
    cargar_programas()
    enlazar_consorcios(stdout)
    enlazar_noticias_y_eventos()


# The programme of the Quito seminars, as the report tells it: sessions in its order (paragraph 25) with
# their speakers (the numbered paragraph of each, in the comment); the report gives no times or rooms.
# Each session lists the demo documents that are its presentations or cases.
PROGRAMAS = {
    "foro-latinoamericano-consorcios-exportacion-origen-quito-2012": [
        # Part II, "Lanzamiento del Programa Nacional de Consorcios de Exportación y de Origen".
        (
            "Lanzamiento del Programa Nacional de Consorcios de Exportación y de Origen del Ecuador",
            "Verónica Sión, Ministra de Industrias y Productividad (MIPRO); Kandeh Yumkella, Director General de la ONUDI",
            ["ecuador-programa-nacional-consorcios-exportacion-origen"],
        ),
    ],
    "seminario-latinoamericano-consorcios-pymes-quito-2012": [
        (  # párr. 26
            "Relación entre signos distintivos colectivos y los consorcios de origen",
            "Nuria Ackermann, consultora de la ONUDI",
            ["onudi-guia-consorcios-de-origen"],
        ),
        (  # párr. 27-28
            "Experiencias de consorcios de origen en Latinoamérica",
            "César Castro (Programa Agrorural, Perú); Verónica Perea (INDECOPI, Perú); "
            "Carolina Valderruten (Región BRUT, Colombia)",
            [],
        ),
        (  # párr. 29
            "Fomento de la asociatividad y proceso de establecimiento de un consorcio de origen",
            "Alejandro Siles, consultor de la ONUDI en el Perú",
            [],
        ),
        (  # párr. 31
            "Rol y funcionamiento de los consorcios de origen",
            "Giovanni Belletti, Universidad de Florencia (Italia)",
            [
                "italia-jamon-toscano-consorcio-denominacion-origen",
                "ue-reglamento-denominaciones-de-origen-indicaciones-geograficas",
            ],
        ),
        (  # párr. 33
            "Marketing territorial y el rol de los consorcios de origen en el desarrollo rural y la promoción del turismo",
            "Jhony Heredia",
            ["peru-chulucanas-marketing-territorial"],
        ),
        (  # párr. 34
            "La iniciativa «De mi tierra, un producto» (OVOP) en el Perú",
            "Erika Boggio, coordinadora de la iniciativa",
            ["peru-ovop-de-mi-tierra-un-producto"],
        ),
        (  # párr. 35-36
            "Consorcios de exportación en Argentina y Uruguay",
            "Norberto Clacheo, presidente de la Asociación de Coordinadores de Grupos y Consorcios de Exportación de "
            "la República Argentina (Conexport)",
            ["uruguay-dinapyme-programas-internacionalizacion"],
        ),
        (  # párr. 37
            "La evaluación del impacto del registro de una indicación geográfica",
            "Andrea Marescotti, Universidad de Florencia (Italia)",
            [],
        ),
        (  # párr. 38 and the section before it
            "Red Latinoamericana de Promotores de Consorcios de Exportación",
            "Daniela Lazo de la Vega y Carlos López Cerdán, consultores de la ONUDI; Juan Acuña (SELA)",
            ["informe-seminario-latinoamericano-consorcios-pymes-2012"],
        ),
    ],
}
# The news about each event (both report the Quito week).
NOTICIAS_DE_EVENTOS = {
    "ecuador-lanza-programa-nacional-de-consorcios": ["foro-latinoamericano-consorcios-exportacion-origen-quito-2012"],
    "nace-la-red-latinoamericana-de-consorcios": ["seminario-latinoamericano-consorcios-pymes-quito-2012"],
}


def cargar_programas() -> None:
    documentos = {
        d.slug: d
        for d in Documento.objects.filter(slug__in=[s for p in PROGRAMAS.values() for *_, ds in p for s in ds])
    }
    for slug_evento, sesiones in PROGRAMAS.items():
        evento = Evento.objects.get(slug=slug_evento)
        evento.sesiones.all().delete()
        for orden, (titulo, ponentes, slugs) in enumerate(sesiones, start=1):
            sesion = SesionEvento.objects.create(evento=evento, orden=orden, titulo_es=titulo, ponentes=ponentes)
            sesion.documentos.set([documentos[slug] for slug in slugs if slug in documentos])
    for slug_noticia, slugs_eventos in NOTICIAS_DE_EVENTOS.items():
        noticia = Noticia.objects.filter(slug=slug_noticia).first()
        if noticia is not None:
            noticia.eventos.set(Evento.objects.filter(slug__in=slugs_eventos))


# Documents about the report's consortia: their profiles list them.
DOCUMENTOS_DE_CONSORCIOS = {
    "italia-jamon-toscano-consorcio-denominacion-origen": ["consorcio-del-prosciutto-toscano"],
    "peru-chulucanas-marketing-territorial": [
        "consorcio-de-ceramica-de-chulucanas",
        "consorcio-apicola-de-chulucanas",
        "consorcio-de-chocolate-de-chulucanas",
        "consorcio-de-la-cadena-turistica-de-chulucanas",
    ],
    "ecuador-programa-nacional-consorcios-exportacion-origen": [
        "consorcio-nativa-ecuador",
        "consorcio-cosmetica-ecuador",
        "consorcio-royal-honey",
        "consorcio-de-la-gypsophila",
    ],
    "informe-seminario-latinoamericano-consorcios-pymes-2012": [
        "consorcio-nativa-ecuador",
        "consorcio-de-la-gypsophila",
        "interprofesion-del-gruyere",
    ],
}


# What the news and events are about, and who organises the events: their pages and the consortia's and
# institutions' pages link each other. (slug: (consortia, institutions' acronyms)), from the report.
ENLACES_NOTICIAS = {
    # Part II: MIPRO, ProEcuador and ONUDI launch the programme, funded by the Italian cooperation.
    "ecuador-lanza-programa-nacional-de-consorcios": ([], ["MIPRO", "ProEcuador", "ONUDI"]),
    # Conclusions 12-14: ONUDI with SELA and Federexport lead the Red.
    "nace-la-red-latinoamericana-de-consorcios": ([], ["ONUDI", "SELA", "Federexport"]),
}
ENLACES_EVENTOS = {
    # párr. 4 (organised by MIPRO and ONUDI); párr. 8-11, the Ecuadorian consortia presented there.
    "foro-latinoamericano-consorcios-exportacion-origen-quito-2012": (
        [
            "consorcio-nativa-ecuador",
            "consorcio-cosmetica-ecuador",
            "consorcio-royal-honey",
            "consorcio-de-la-gypsophila",
        ],
        ["MIPRO", "ONUDI"],
    ),
    # párr. 1 (SELA's work programme) and 5 (ONUDI and SELA at the opening); párr. 33, the Chulucanas consortia.
    "seminario-latinoamericano-consorcios-pymes-quito-2012": (
        [
            "consorcio-de-ceramica-de-chulucanas",
            "consorcio-apicola-de-chulucanas",
            "consorcio-de-chocolate-de-chulucanas",
            "consorcio-de-la-cadena-turistica-de-chulucanas",
        ],
        ["SELA", "ONUDI"],
    ),
    # Conclusion 14: ONUDI, with SELA and Federexport, organises the biennial seminar.
    "seminario-regional-bianual-red-consorcios": ([], ["ONUDI", "SELA", "Federexport"]),
}


def enlazar_noticias_y_eventos() -> None:
    from consorcios.models import Consorcio

    siglas = {i.sigla: i for i in Institucion.objects.exclude(sigla="")}
    slugs = {s for consorcios, _ in [*ENLACES_NOTICIAS.values(), *ENLACES_EVENTOS.values()] for s in consorcios}
    consorcios = {c.slug: c for c in Consorcio.objects.filter(slug__in=slugs)}
    for modelo, enlaces, campo in (
        (Noticia, ENLACES_NOTICIAS, "instituciones"),
        (Evento, ENLACES_EVENTOS, "organizadores"),
    ):
        for slug, (slugs_consorcios, siglas_instituciones) in enlaces.items():
            registro = modelo.objects.filter(slug=slug).first()
            if registro is None:
                continue
            registro.consorcios.set([consorcios[s] for s in slugs_consorcios if s in consorcios])
            getattr(registro, campo).set([siglas[s] for s in siglas_instituciones if s in siglas])


def enlazar_consorcios(stdout) -> None:
    from consorcios.models import Consorcio

    todos = {s for slugs in DOCUMENTOS_DE_CONSORCIOS.values() for s in slugs}
    consorcios = {c.slug: c for c in Consorcio.objects.filter(slug__in=todos)}
    for slug, slugs in DOCUMENTOS_DE_CONSORCIOS.items():
        documento = Documento.objects.filter(slug=slug).first()
        if documento is not None:
            documento.consorcios.add(*[consorcios[s] for s in slugs if s in consorcios])


# The news in Portuguese and English: (title, summary, Markdown body) by slug.
TRADUCCIONES_NOTICIAS = {
    "ecuador-lanza-programa-nacional-de-consorcios": {
        "pt": (
            "Equador lança o Programa Nacional de Consórcios de Exportação e de Origem",
            "O Ministério de Indústrias e Produtividade, a ProEcuador e a ONUDI apresentaram em Quito o programa, "
            "financiado pela cooperação italiana.",
            "O **Programa Nacional de Consórcios de Exportação e de Origem** foi apresentado no Fórum Latino-Americano "
            "sobre Consórcios de Exportação e de Origem, em Quito, com a Ministra de Indústrias e Produtividade, "
            "Verónica Sión, e o Diretor-Geral da ONUDI, Kandeh Yumkella.\n\n"
            "As PMEs constituem 95 % do tecido empresarial do Equador e representam 24 % do seu PIB. "
            "O programa trabalha em quatro eixos: fortalecimento das capacidades coletivas, desenvolvimento econômico "
            "local, fomento da rede exportadora e revalorização das exportações produtivas.",
        ),
        "en": (
            "Ecuador launches the National Programme of Export and Origin Consortia",
            "The Ministry of Industries and Productivity, ProEcuador and UNIDO presented the programme in Quito, "
            "funded by Italian development cooperation.",
            "The **National Programme of Export and Origin Consortia** was presented at the Latin American Forum on "
            "Export and Origin Consortia in Quito, with the Minister of Industries and Productivity, Verónica Sión, "
            "and the Director General of UNIDO, Kandeh Yumkella.\n\n"
            "SMEs make up 95% of Ecuador's businesses and account for 24% of its GDP. The programme works along four "
            "lines: strengthening collective capacities, local economic development, fostering the export network "
            "and adding value to productive exports.",
        ),
    },
    "nace-la-red-latinoamericana-de-consorcios": {
        "pt": (
            "Nasce a Rede Latino-Americana de Consórcios de Exportação e de Origem",
            "No encerramento do seminário de Quito, a ONUDI, o SELA e a Federexport acordaram liderar uma rede "
            "regional com uma plataforma on-line, boletins e um seminário bianual.",
            "A Rede será integrada por instituições públicas e privadas latino-americanas que promovem consórcios e "
            "pelos próprios consórcios. Seu objetivo é potencializar o intercâmbio de experiências e fomentar "
            "melhores práticas.\n\n"
            "A ONUDI, com o apoio do SELA e da Federexport, coordenará:\n\n"
            "- uma plataforma on-line para o intercâmbio de conhecimento;\n"
            "- a publicação periódica de boletins informativos;\n"
            "- um seminário regional bianual.",
        ),
        "en": (
            "The Latin American Network of Export and Origin Consortia is born",
            "At the close of the Quito seminar, UNIDO, SELA and Federexport agreed to lead a regional network with an "
            "online platform, newsletters and a biannual seminar.",
            "The Network will bring together Latin American public and private institutions that promote consortia, "
            "and the consortia themselves. Its aim is to strengthen the exchange of experience and to foster better "
            "practices.\n\n"
            "UNIDO, with the support of SELA and Federexport, will coordinate:\n\n"
            "- an online platform for the exchange of knowledge;\n"
            "- the regular publication of newsletters;\n"
            "- a biannual regional seminar.",
        ),
    },
}
