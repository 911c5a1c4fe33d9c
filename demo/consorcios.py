"""Demo data of the registry: the consortia named in the founding report (Quito, June 2012),
with the facts it gives and city-level coordinates. Idempotent (update_or_create on the slug)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from importlib import import_module

from django.contrib.auth import get_user_model
from django.utils import timezone

from consorcios.models import Actividad, Consorcio, IndicadorAnual, Sector
from miembros.models import Institucion

PROMOTORA = "promotora@redconsorcios.org"
EXP, ORI = Consorcio.Tipo.EXPORTACION, Consorcio.Tipo.ORIGEN
ASIA_PACIFICO = ["CN", "JP", "KR", "SG", "AU", "NZ"]

CONSORCIOS = [
    {
        "slug": "consorcio-de-la-gypsophila",
        "nombre": "Consorcio de la Gypsophila (Ecuadorian GyP)",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["flores"],
        "productos": "Gypsophila (flor de verano) de exportación",
        "descripcion": (
            "En septiembre de 2011 se reunieron **14 de las 17 fincas** de Gypsophila del Ecuador para formar una "
            "asociación. La ONUDI realizó un taller sobre consorcios y transfirió la metodología al grupo; se "
            "elaboraron los estatutos y el 14 de febrero de 2012 se creó formalmente el consorcio, el primero en su "
            "tipo. A diferencia de los consorcios de flores y rosas, que son de ventas, este promueve las "
            "exportaciones promocionando el producto y no a cada empresa."
        ),
        "pais": "EC",
        "region": "Pichincha",
        "ciudad": "Cayambe",
        "latitud": "0.041100",
        "longitud": "-78.145300",
        "anio_fundacion": 2012,
        "fecha_formalizacion": datetime.date(2012, 2, 14),
        "numero_empresas": 14,
        "instituciones": ["ONUDI", "MIPRO", "ProEcuador"],
        "responsable": True,
        "actividades": [
            (datetime.date(2011, 9, 15), Actividad.Tipo.OTRA, "Reunión de 14 de las 17 fincas de Gypsophila"),
            (datetime.date(2011, 10, 20), Actividad.Tipo.CAPACITACION, "Taller de la ONUDI sobre consorcios"),
            (datetime.date(2012, 2, 14), Actividad.Tipo.OTRA, "Constitución formal del consorcio"),
        ],
    },
    {
        "slug": "consorcio-royal-honey",
        "nombre": "Consorcio Royal Honey",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["apicultura"],
        "productos": "Mieles de abeja de diferentes sabores",
        "descripcion": (
            "Desde hace seis años trabaja con mieles de abeja de diferentes sabores, una actividad limpia para el "
            "medio ambiente. Lo forman **5 productores con 1.100 colmenas**, y puede incluir a más productores hasta "
            "alcanzar las 10.000 colmenas necesarias para cubrir las 400 toneladas de miel que hoy importa el Ecuador."
        ),
        "pais": "EC",
        "region": "Pichincha",
        "ciudad": "Quito",
        "latitud": "-0.180653",
        "longitud": "-78.467834",
        "anio_fundacion": 2006,
        "numero_empresas": 5,
        "instituciones": ["MIPRO", "ProEcuador"],
        "responsable": True,
    },
    {
        "slug": "consorcio-nativa-ecuador",
        "nombre": "Consorcio Nativa Ecuador",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["cosmetica-y-productos-naturales", "agroindustria"],
        "productos": "Plantas nativas aromáticas y medicinales para té e infusiones; semielaborados y productos terminados",
        "descripcion": (
            "Consorcio de **10 empresas** productoras de plantas nativas para té e infusiones. Se creó en 2008 y se "
            "formalizó el 4 de mayo de 2012 con el apoyo de ONUDI, MIPRO y ProEcuador, que colaboraron en sus "
            "estatutos. Produce respetando el medio ambiente y los derechos de los trabajadores: genera unos 150 "
            "empleos directos e involucra a 1.200 familias. Cuenta con imagen corporativa, página web, plan "
            "estratégico, estudios de tendencias de ingredientes naturales y catálogos."
        ),
        "pais": "EC",
        "region": "Pichincha",
        "ciudad": "Quito",
        "latitud": "-0.220000",
        "longitud": "-78.512000",
        "anio_fundacion": 2008,
        "fecha_formalizacion": datetime.date(2012, 5, 4),
        "numero_empresas": 10,
        "empleos_directos": 150,
        "familias_beneficiadas": 1200,
        "instituciones": ["ONUDI", "MIPRO", "ProEcuador"],
        "responsable": True,
        "indicadores": [(2012, 10, 150)],
        "actividades": [
            (datetime.date(2008, 6, 1), Actividad.Tipo.OTRA, "Nace el grupo de productores de plantas nativas"),
            (
                datetime.date(2012, 5, 4),
                Actividad.Tipo.OTRA,
                "Formalización del consorcio con ONUDI, MIPRO y ProEcuador",
            ),
        ],
    },
    {
        "slug": "consorcio-cosmetica-ecuador",
        "nombre": "Consorcio Cosmética Ecuador",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["cosmetica-y-productos-naturales"],
        "productos": "Cosméticos y productos de cuidado personal",
        "descripcion": (
            "Las empresas del sector cosmético del Ecuador llevan más de diez años asociadas, pero el consorcio se "
            "creó en 2012 para sustituir importaciones: el 75 % de los cosméticos consumidos en el país son "
            "importados. MIPRO, ProEcuador y la ONUDI impulsan el sector, que genera 6.000 empleos directos; muchas "
            "de sus MIPYMES ya son proveedoras de multinacionales y cumplen estándares internacionales."
        ),
        "pais": "EC",
        "region": "Guayas",
        "ciudad": "Guayaquil",
        "latitud": "-2.170998",
        "longitud": "-79.922359",
        "anio_fundacion": 2012,
        "estado_vida": Consorcio.Vida.EN_FORMACION,
        "instituciones": ["ONUDI", "MIPRO", "ProEcuador"],
        "responsable": True,
    },
    {
        "slug": "consorcio-de-exportacion-del-tequila",
        "nombre": "Consorcio de Exportación del Tequila",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.VENTAS,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["vinos-y-licores"],
        "productos": "Tequila 100 % de agave",
        "descripcion": (
            "El primer consorcio de exportación de su tipo en México: **7 pequeñas empresas tequileras** de Jalisco "
            "se organizaron para entrar juntas al mercado de Asia-Pacífico. El tequila tiene denominación de origen "
            "y un consejo regulador. Surgió del programa piloto de consorcios del Estado de Jalisco (2009-2011)."
        ),
        "pais": "MX",
        "region": "Jalisco",
        "ciudad": "Tequila",
        "latitud": "20.883300",
        "longitud": "-103.836400",
        "numero_empresas": 7,
        "mercados_destino": ASIA_PACIFICO,
        "signo_distintivo": Consorcio.Signo.DENOMINACION_ORIGEN,
        "nombre_signo": "Tequila",
        "estado_signo": Consorcio.EstadoSigno.REGISTRADO,
        # The Jalisco pilot programme (report, párr. 16).
        "instituciones": ["ONUDI", "Secretaría de Promoción Económica del Estado de Jalisco"],
    },
    {
        "slug": "consorcio-guadalajara-shoes",
        "nombre": "Consorcio Guadalajara Shoes",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["cuero-y-calzado"],
        "productos": "Calzado de cuero",
        "descripcion": (
            "Creado por **6 empresas** que representan las mejores marcas de calzado del Estado de Jalisco. Juntas "
            "obtuvieron un lugar de exposición preferencial en ferias, al que ninguna habría tenido acceso por sí sola."
        ),
        "pais": "MX",
        "region": "Jalisco",
        "ciudad": "Guadalajara",
        "latitud": "20.659699",
        "longitud": "-103.349609",
        "numero_empresas": 6,
        # The Jalisco pilot programme (report, párr. 16).
        "instituciones": ["ONUDI", "Secretaría de Promoción Económica del Estado de Jalisco"],
        "actividades": [(datetime.date(2010, 3, 1), Actividad.Tipo.FERIA, "Espacio preferencial en feria de calzado")],
    },
    {
        "slug": "interprofesion-del-gruyere",
        "nombre": "Consorcio del Gruyère (Interprofession du Gruyère)",
        "tipo": ORI,
        "sectores": ["lacteos"],
        "productos": "Queso Gruyère",
        "producto_tradicional": "Queso Gruyère",
        "territorio": "Cantones de Friburgo, Vaud, Neuchâtel, Jura y parte de Berna (Suiza)",
        "descripcion": (
            "Empezó agrupando al 5 % de los productores; cinco años después se formó el consorcio, con **2.300 "
            "productores de leche, 176 queseros, 50 productores de queso de los Alpes y 10 centros de maduración**. "
            "No tiene actividades comerciales: coordina a los miembros para asegurar la calidad y el gusto típico "
            "del producto, definido por un test organoléptico, y promueve la transparencia del mercado."
        ),
        "pais": "CH",
        "region": "Friburgo",
        "ciudad": "Gruyères",
        "latitud": "46.584100",
        "longitud": "7.082000",
        "numero_empresas": 176,
        "signo_distintivo": Consorcio.Signo.DENOMINACION_ORIGEN,
        "nombre_signo": "Gruyère AOP",
        "estado_signo": Consorcio.EstadoSigno.REGISTRADO,
        # FIBL presented the case (report, párr. 19); it does not promote it.
        "instituciones": [],
    },
    {
        "slug": "consorcio-del-prosciutto-toscano",
        "nombre": "Consorzio del Prosciutto Toscano",
        "tipo": ORI,
        "sectores": ["alimentos-procesados"],
        "productos": "Jamón curado toscano",
        "producto_tradicional": "Prosciutto Toscano (jamón toscano)",
        "territorio": "Toscana (Italia)",
        "descripcion": (
            "El jamón toscano se produce en un territorio bastante limitado. El consorcio se creó en **1990** y la "
            "denominación de origen se registró **seis años después**; con ese reconocimiento el consorcio pasó a "
            "ser el consejo regulador que gestiona el logotipo en nombre de todos sus miembros."
        ),
        "pais": "IT",
        "region": "Toscana",
        "ciudad": "Florencia",
        "latitud": "43.769600",
        "longitud": "11.255800",
        "anio_fundacion": 1990,
        "signo_distintivo": Consorcio.Signo.DENOMINACION_ORIGEN,
        "nombre_signo": "Prosciutto Toscano DOP",
        "estado_signo": Consorcio.EstadoSigno.REGISTRADO,
        # The University of Florence studied it (report, párr. 17, 37); it does not promote it.
        "instituciones": [],
        "actividades": [
            (datetime.date(1990, 1, 1), Actividad.Tipo.OTRA, "Fundación del consorcio"),
            (datetime.date(1996, 1, 1), Actividad.Tipo.CERTIFICACION, "Registro de la denominación de origen"),
        ],
    },
    {
        "slug": "consorcio-de-ceramica-de-chulucanas",
        "nombre": "Consorcio de Cerámica de Chulucanas",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["artesanias"],
        "productos": "Cerámica artesanal de Chulucanas",
        "descripcion": (
            "Uno de los consorcios de exportación de Chulucanas (Piura) seleccionados por la metodología de "
            "integración de la oferta productiva y turística, con MINCETUR, PROMPERÚ y la ONUDI."
        ),
        "pais": "PE",
        "region": "Piura",
        "ciudad": "Chulucanas",
        "latitud": "-5.092500",
        "longitud": "-80.162500",
        # MINCETUR, PROMPERÚ and ONUDI, the national level of the Chulucanas consortia (report, párr. 33).
        "instituciones": ["ONUDI", "PROMPERÚ", "MINCETUR"],
    },
    {
        "slug": "consorcio-apicola-de-chulucanas",
        "nombre": "Consorcio Apícola de Chulucanas",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["apicultura"],
        "productos": "Miel de abeja",
        "descripcion": "Consorcio de exportación de miel de Chulucanas (Piura), parte del plan territorial con el turismo.",
        "pais": "PE",
        "region": "Piura",
        "ciudad": "Chulucanas",
        "latitud": "-5.100000",
        "longitud": "-80.170000",
        # MINCETUR, PROMPERÚ and ONUDI, the national level of the Chulucanas consortia (report, párr. 33).
        "instituciones": ["ONUDI", "PROMPERÚ", "MINCETUR"],
    },
    {
        "slug": "consorcio-de-chocolate-de-chulucanas",
        "nombre": "Consorcio de Chocolate de Chulucanas",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MONOSECTORIAL,
        "sectores": ["cafe-y-cacao"],
        "productos": "Cacao y chocolate",
        "descripcion": "Consorcio de exportación de cacao y chocolate de Chulucanas (Piura).",
        "pais": "PE",
        "region": "Piura",
        "ciudad": "Chulucanas",
        "latitud": "-5.085000",
        "longitud": "-80.155000",
        # MINCETUR, PROMPERÚ and ONUDI, the national level of the Chulucanas consortia (report, párr. 33).
        "instituciones": ["ONUDI", "PROMPERÚ", "MINCETUR"],
    },
    {
        "slug": "red-de-artesanos-de-la-region-brut",
        "nombre": "Red de Artesanos de la Región BRUT",
        "tipo": ORI,
        "sectores": ["artesanias", "turismo"],
        "productos": "Artesanías de Bolívar, Roldanillo, La Unión y Toro",
        "producto_tradicional": "Artesanías de la región BRUT (cuatro productos prioritarios)",
        "territorio": "Norte del Valle del Cauca: Bolívar, Roldanillo, La Unión y Toro",
        "descripcion": (
            "Con un proyecto de la Unión Europea, la Gobernación del Valle y el Ministerio de Comercio, Industria y "
            "Turismo, tras dos años de planeación los artesanos se organizaron en una red e identificaron **4 "
            "productos prioritarios**. Se espera articularla con el sector turístico."
        ),
        "pais": "CO",
        "region": "Valle del Cauca",
        "ciudad": "Roldanillo",
        "latitud": "4.413600",
        "longitud": "-76.154700",
        "signo_distintivo": Consorcio.Signo.MARCA_COLECTIVA,
        "nombre_signo": "Artesanías BRUT",
        "estado_signo": Consorcio.EstadoSigno.EN_PREPARACION,
        "estado_vida": Consorcio.Vida.EN_FORMACION,
    },
    {
        "slug": "consorcio-de-la-cadena-turistica-de-chulucanas",
        "nombre": "Consorcio de la Cadena Turística de Chulucanas",
        "tipo": EXP,
        # The report does not say how it sells; its resources go to the sector's infrastructure (párr. 33),
        # which is what a promotion consortium does (each member sells on its own).
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "sectores": ["turismo"],
        "productos": "Oferta turística del territorio de Chulucanas",
        "descripcion": (
            "El consorcio de la cadena turística de Chulucanas (Piura), que en junio de 2012 llevaba año y medio "
            "funcionando, con sus recursos dirigidos a la infraestructura del sector; su debilidad, la falta de "
            "personal capacitado. Integra la oferta turística con la de los consorcios de la cerámica, la apicultura "
            "y el chocolate."
        ),
        "pais": "PE",
        "region": "Piura",
        "ciudad": "Chulucanas",
        "latitud": "-5.092600",
        "longitud": "-80.162500",
        # párr. 33: the tourism chain consortium and the national level (MINCETUR, PROMPERÚ, ONUDI).
        "instituciones": ["MINCETUR", "PROMPERÚ", "ONUDI"],
    },
    {
        "slug": "consorcio-binacional-de-productos-andinos",
        "nombre": "Consorcio Binacional de Productos Andinos (Perú–Ecuador)",
        "tipo": EXP,
        "subtipo": Consorcio.Subtipo.PROMOCIONAL,
        "alcance_sectorial": Consorcio.Alcance.MULTISECTORIAL,
        "sectores": ["agroindustria", "alimentos-procesados"],
        "productos": "Productos andinos",
        "descripcion": (
            "En Chiclayo, un convenio binacional entre Perú y Ecuador reunió a consorcios de los dos países, que "
            "iniciaron conversaciones para crear un consorcio de productos andinos."
        ),
        "pais": "PE",
        "paises_involucrados": ["EC"],
        "region": "Lambayeque",
        "ciudad": "Chiclayo",
        "latitud": "-6.771400",
        "longitud": "-79.840900",
        "estado_vida": Consorcio.Vida.EN_FORMACION,
        "instituciones": ["ONUDI", "Agrorural"],
    },
]


# Consortia earlier demo data registered that the report does not name as consortia (see cargar).
RETIRADOS = ["sombreros-de-paja-toquilla-de-montecristi", "consorcio-de-productores-de-pisco"]


def cargar(stdout) -> None:
    # The vocabulary comes from a data migration; seed it again if a flush removed it.
    from django.apps import apps

    import_module("consorcios.migrations.0002_sectores").sembrar(apps, None)
    sectores = {s.slug: s for s in Sector.objects.all()}
    instituciones = {i.sigla or i.nombre: i for i in Institucion.objects.all()}
    promotora = get_user_model().objects.filter(email=PROMOTORA).first()
    ahora = timezone.now()
    for datos in CONSORCIOS:
        datos = dict(datos)
        slugs_sector = datos.pop("sectores")
        siglas = datos.pop("instituciones", [])
        responsable = datos.pop("responsable", False)
        actividades = datos.pop("actividades", [])
        indicadores = datos.pop("indicadores", [])
        slug = datos.pop("slug")
        datos["latitud"] = Decimal(datos["latitud"])
        datos["longitud"] = Decimal(datos["longitud"])
        consorcio, creado = Consorcio.objects.update_or_create(
            slug=slug, defaults={**datos, "estado": Consorcio.Estado.PUBLICADO}
        )
        if creado or consorcio.publicado_en is None:
            consorcio.publicado_en = ahora
            consorcio.save(update_fields=["publicado_en"])
        consorcio.sectores.set([sectores[s] for s in slugs_sector])
        consorcio.instituciones_promotoras.set([instituciones[s] for s in siglas if s in instituciones])
        if responsable and promotora is not None:
            consorcio.responsables.add(promotora)
        for fecha, tipo, titulo in actividades:
            Actividad.objects.update_or_create(
                consorcio=consorcio, titulo=titulo, defaults={"fecha": fecha, "tipo": tipo}
            )
        for anio, empresas, empleos in indicadores:
            IndicadorAnual.objects.update_or_create(
                consorcio=consorcio, anio=anio, defaults={"numero_empresas": empresas, "empleos": empleos}
            )
    # The report names Montecristi hats and Pisco only as examples of origin products (párr. 12), not as
    # consortia it knows: earlier demo data registered them (with invented details); a library note now
    # tells what the report says of them (demo/biblioteca.py).
    Consorcio.objects.filter(slug__in=RETIRADOS).delete()
    stdout.write(f"  consorcios: {len(CONSORCIOS)} consorcios publicados")
