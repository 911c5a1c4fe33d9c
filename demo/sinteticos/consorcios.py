"""Synthetic consortia for the benchmark (``manage.py generar_datos``).

Published export and origin consortia with plausible names, sectors, countries and
coordinates inside Latin America, a few member firms each, and yearly figures and
milestones for one in five. Bulk inserts in batches; deterministic (seeded random).
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from comun.markdown import a_html
from consorcios.models import Actividad, Consorcio, EmpresaMiembro, IndicadorAnual, Sector
from miembros.models import Perfil

PREFIJO_SLUG = "sint-"
LOTE = 2_000

# Country: (latitude centre, longitude centre, spread in degrees, typical places).
PAISES = {
    "AR": (-32.0, -63.5, 4.0, ["Mendoza", "Córdoba", "Rosario", "Salta", "Neuquén"]),
    "BO": (-17.0, -65.0, 2.5, ["Cochabamba", "Santa Cruz", "Tarija", "La Paz"]),
    "BR": (-16.0, -48.0, 6.0, ["Minas Gerais", "Paraná", "Bahia", "Santa Catarina", "Ceará"]),
    "CL": (-34.0, -71.0, 1.0, ["Valle del Maule", "Colchagua", "Biobío", "Coquimbo"]),
    "CO": (5.0, -74.5, 2.5, ["Cauca", "Huila", "Antioquia", "Nariño", "Santander"]),
    "CR": (9.9, -84.1, 0.4, ["Tarrazú", "Guanacaste", "Cartago"]),
    "EC": (-1.5, -78.6, 1.2, ["Imbabura", "Manabí", "Loja", "Azuay", "Tungurahua"]),
    "GT": (14.7, -90.6, 0.6, ["Huehuetenango", "Antigua", "Quetzaltenango"]),
    "HN": (14.7, -87.2, 0.6, ["Copán", "Marcala", "Santa Bárbara"]),
    "MX": (20.5, -100.5, 3.5, ["Oaxaca", "Jalisco", "Chiapas", "Michoacán", "Puebla"]),
    "NI": (12.8, -85.8, 0.6, ["Matagalpa", "Estelí", "Jinotega"]),
    "PA": (8.6, -80.2, 0.4, ["Chiriquí", "Coclé", "Los Santos"]),
    "PE": (-10.0, -76.0, 3.0, ["Cajamarca", "Cusco", "Piura", "Ica", "Junín"]),
    "PY": (-25.0, -57.0, 1.5, ["Itapúa", "Caaguazú", "Guairá"]),
    "SV": (13.7, -89.0, 0.2, ["Santa Ana", "Chalatenango", "La Libertad"]),
    "UY": (-33.5, -56.0, 1.0, ["Canelones", "Colonia", "Paysandú"]),
}
PESOS_PAISES = {"PE": 4, "MX": 3, "CO": 3, "AR": 3, "EC": 3, "BR": 2, "CL": 2}

PRODUCTOS = {
    "agroindustria": ["frutas deshidratadas", "quinua", "pulpas de fruta", "aceite de oliva"],
    "alimentos-procesados": ["conservas", "mermeladas", "salsas picantes", "snacks andinos"],
    "apicultura": ["miel", "propóleo", "polen"],
    "artesanias": ["cerámica", "tejidos de alpaca", "sombreros de paja toquilla", "orfebrería"],
    "cafe-y-cacao": ["café especial", "cacao fino de aroma", "chocolate"],
    "cosmetica-y-productos-naturales": ["aceites esenciales", "jabones naturales", "cosmética de sacha inchi"],
    "cuero-y-calzado": ["calzado", "marroquinería", "artículos de cuero"],
    "farmaceutica": ["fitofármacos", "suplementos naturales"],
    "flores": ["rosas", "flores tropicales", "follajes"],
    "lacteos": ["quesos madurados", "dulce de leche", "yogur"],
    "metalmecanica": ["autopartes", "maquinaria agrícola", "herrajes"],
    "muebles-y-madera": ["muebles", "pisos de madera", "juguetes de madera"],
    "pesca-y-acuicultura": ["trucha", "langostinos", "tilapia"],
    "software-y-servicios": ["software de gestión", "servicios de diseño", "desarrollo de aplicaciones"],
    "textil-y-confeccion": ["prendas de algodón pima", "ropa de bebé", "confecciones deportivas"],
    "turismo": ["turismo rural", "ecoturismo", "turismo gastronómico"],
    "vinos-y-licores": ["vinos", "pisco", "mezcal", "cachaça"],
}
PREFIJOS_EXPORTACION = ["Consorcio", "Consorcio Exportador", "Red Exportadora", "Grupo Exportador", "Alianza"]
PREFIJOS_ORIGEN = ["Consorcio de Productores de", "Asociación de Productores de", "Consorcio de Origen"]
FORMAS = ["Asociación civil sin fines de lucro", "Sociedad anónima", "Cooperativa", "Consorcio de hecho"]
CERTIFICACIONES = ["", "Comercio justo", "Orgánico", "Rainforest Alliance", "ISO 9001", "Global G.A.P."]
EMPRESAS = ["Agroindustrias", "Productos", "Exportadora", "Comercial", "Industrias", "Hacienda", "Taller"]
APELLIDOS = ["Andrade", "Quispe", "Rojas", "Salazar", "Vargas", "Mendoza", "Paredes", "Castillo", "Torres"]
ACTIVIDADES = [
    (Actividad.Tipo.FERIA, "Participación en la feria {feria}"),
    (Actividad.Tipo.MISION, "Misión comercial a {mercado}"),
    (Actividad.Tipo.PRIMERA_EXPORTACION, "Primera exportación conjunta a {mercado}"),
    (Actividad.Tipo.CERTIFICACION, "Certificación {cert} de todas las empresas"),
    (Actividad.Tipo.CAPACITACION, "Taller de promoción comercial con ONUDI"),
]
FERIAS = ["BioFach", "SIAL París", "Anuga", "Expo Antad", "Fancy Food Show", "Expoalimentaria"]
MERCADOS = ["US", "DE", "ES", "IT", "FR", "CA", "JP", "CN", "NL", "GB"]

DESCRIPCIONES = [
    "Agrupa a **{n} pequeñas y medianas empresas** de {lugar} que exportan {producto} "
    "bajo una estrategia común.\n\nEl consorcio nació con el apoyo del programa de consorcios de ONUDI.",
    "Consorcio {tipo} de {lugar}. Sus miembros comparten la promoción internacional de {producto}, "
    "la participación en ferias y la certificación de calidad.",
    "Las empresas del consorcio producen {producto} en {lugar}.\n\n- Promoción conjunta\n"
    "- Gestión de la calidad\n- Capacitación de sus miembros",
    "Iniciativa de cooperación empresarial para valorizar {producto} de {lugar} con una marca colectiva "
    "y reglas de uso comunes.",
]


def _coordenadas(rng: random.Random, pais: str) -> tuple[Decimal, Decimal]:
    lat, lon, dispersion, _lugares = PAISES[pais]
    return (
        Decimal(f"{lat + rng.uniform(-dispersion, dispersion):.6f}"),
        Decimal(f"{lon + rng.uniform(-dispersion, dispersion):.6f}"),
    )


def generar(cantidades: dict, stdout) -> None:
    total = cantidades["consorcios"]
    if Consorcio.objects.filter(slug__startswith=PREFIJO_SLUG).exists():
        stdout.write("  consorcios: ya generados")
        return
    rng = random.Random(8)
    # The synthetic promoters with an institution (demo/sinteticos/miembros.py, generated first).
    promotores = list(Perfil.objects.publicos().exclude(institucion=None).only("usuario_id", "institucion_id"))
    sectores = {s.slug: s for s in Sector.objects.all()}
    slugs_sectores = [s for s in PRODUCTOS if s in sectores]
    paises = list(PAISES)
    pesos = [PESOS_PAISES.get(p, 1) for p in paises]
    # Markdown is rendered once per template and product, not once per row.
    html_cache: dict[str, str] = {}
    ahora = timezone.now()

    with transaction.atomic():
        for inicio in range(0, total, LOTE):
            consorcios, sectores_de = [], []
            for i in range(inicio, min(inicio + LOTE, total)):
                pais = rng.choices(paises, pesos)[0]
                slug_sector = rng.choice(slugs_sectores)
                if i % 30 == 0:
                    # Peruvian coffee origin consortia: the benchmark's filtered list is never empty.
                    pais, slug_sector = "PE", "cafe-y-cacao"
                lugar = rng.choice(PAISES[pais][3])
                producto = rng.choice(PRODUCTOS[slug_sector])
                es_origen = i % 3 == 0
                if es_origen:
                    nombre = f"{rng.choice(PREFIJOS_ORIGEN)} {producto.capitalize()} de {lugar}"
                else:
                    nombre = f"{rng.choice(PREFIJOS_EXPORTACION)} {lugar} {rng.choice(APELLIDOS)}"
                empresas = rng.randint(4, 25)
                descripcion = rng.choice(DESCRIPCIONES).format(
                    n=empresas, lugar=lugar, producto=producto, tipo="de origen" if es_origen else "de exportación"
                )
                if descripcion not in html_cache:
                    html_cache[descripcion] = a_html(descripcion)
                latitud, longitud = _coordenadas(rng, pais)
                publicado = ahora - timedelta(days=rng.randint(0, 2000), minutes=i)
                consorcios.append(
                    Consorcio(
                        nombre=nombre,
                        slug=f"{PREFIJO_SLUG}{slugify(nombre)[:180]}-{i}",
                        tipo=Consorcio.Tipo.ORIGEN if es_origen else Consorcio.Tipo.EXPORTACION,
                        subtipo="" if es_origen else rng.choice(Consorcio.Subtipo.values),
                        alcance_sectorial=Consorcio.Alcance.MONOSECTORIAL,
                        producto_tradicional=producto if es_origen else "",
                        territorio=lugar if es_origen else "",
                        signo_distintivo=Consorcio.Signo.MARCA_COLECTIVA if es_origen else Consorcio.Signo.NINGUNO,
                        estado_signo=Consorcio.EstadoSigno.REGISTRADO if es_origen else "",
                        productos=producto,
                        descripcion=descripcion,
                        descripcion_html=html_cache[descripcion],
                        pais=pais,
                        region=lugar,
                        ciudad=lugar,
                        latitud=latitud,
                        longitud=longitud,
                        anio_fundacion=rng.randint(1995, 2024),
                        forma_juridica=rng.choice(FORMAS),
                        numero_empresas=empresas,
                        empleos_directos=empresas * rng.randint(5, 40),
                        porcentaje_mujeres=rng.randint(10, 80),
                        mercados_destino=rng.sample(MERCADOS, 2),
                        certificaciones=rng.choice(CERTIFICACIONES),
                        estado=Consorcio.Estado.PUBLICADO,
                        publicado_en=publicado,
                    )
                )
                sectores_de.append(sectores[slug_sector])
            consorcios = Consorcio.objects.bulk_create(consorcios, batch_size=LOTE)
            enlaces, empresas_miembro, indicadores, actividades = [], [], [], []
            for consorcio, sector in zip(consorcios, sectores_de, strict=True):
                enlaces.append(Consorcio.sectores.through(consorcio_id=consorcio.pk, sector_id=sector.pk))
                for j in range(3):
                    empresas_miembro.append(
                        EmpresaMiembro(
                            consorcio_id=consorcio.pk,
                            nombre=f"{rng.choice(EMPRESAS)} {rng.choice(APELLIDOS)} {j + 1}",
                            ciudad=consorcio.ciudad,
                            sector=sector,
                            empleados=rng.randint(3, 120),
                            productos=consorcio.productos,
                        )
                    )
                if consorcio.pk % 5 == 0:
                    for anio in range(2019, 2025):
                        indicadores.append(
                            IndicadorAnual(
                                consorcio_id=consorcio.pk,
                                anio=anio,
                                numero_empresas=consorcio.numero_empresas,
                                empleos=consorcio.empleos_directos,
                                exportaciones_usd=rng.randint(50, 5_000) * 1_000,
                                numero_mercados=rng.randint(1, 12),
                            )
                        )
                    for k, (tipo, titulo) in enumerate(rng.sample(ACTIVIDADES, 3)):
                        actividades.append(
                            Actividad(
                                consorcio_id=consorcio.pk,
                                fecha=date(2024, 1, 1) - timedelta(days=200 * k + rng.randint(0, 150)),
                                tipo=tipo,
                                titulo=titulo.format(
                                    feria=rng.choice(FERIAS), mercado=rng.choice(MERCADOS), cert="orgánica"
                                ),
                            )
                        )
            Consorcio.sectores.through.objects.bulk_create(enlaces, batch_size=LOTE)
            # Every tenth consortium has a synthetic promoter of an institution as responsable and that
            # institution as promoter: the network's profile pages list them.
            Consorcio.responsables.through.objects.bulk_create(
                [
                    Consorcio.responsables.through(consorcio_id=c.pk, user_id=p.usuario_id)
                    for c, p in zip(consorcios[::10], itertools.cycle(promotores), strict=False)
                ]
                if promotores
                else [],
                batch_size=LOTE,
            )
            Consorcio.instituciones_promotoras.through.objects.bulk_create(
                [
                    Consorcio.instituciones_promotoras.through(consorcio_id=c.pk, institucion_id=p.institucion_id)
                    for c, p in zip(consorcios[::10], itertools.cycle(promotores), strict=False)
                ]
                if promotores
                else [],
                batch_size=LOTE,
            )
            EmpresaMiembro.objects.bulk_create(empresas_miembro, batch_size=LOTE)
            IndicadorAnual.objects.bulk_create(indicadores, batch_size=LOTE)
            Actividad.objects.bulk_create(actividades, batch_size=LOTE)
    stdout.write(f"  consorcios: {total} publicados")
