"""Demo data of cooperation opportunities: a few drawn from the founding seminar's report
(Quito, June 2012). Idempotent: each by its title and publisher; the deadline is set 90 days after
the load, so the demo always shows them open. No e-mail is sent."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from consorcios.models import Consorcio, Sector
from miembros.models import Institucion
from oportunidades.models import Oportunidad

from .consorcios import ASIA_PACIFICO, PROMOTORA

T = Oportunidad.Tipo

OPORTUNIDADES = [
    {
        # párr. 12: in Chiclayo, Peru and Ecuador signed a binational agreement; consortia of both
        # countries started talks to create a consortium of Andean products.
        "institucion": "PROMPERÚ",
        "tipo": T.CONSORCIO_BINACIONAL,
        "titulo": "Consorcio binacional Perú–Ecuador de productos andinos",
        "descripcion": (
            "Tras el convenio binacional firmado en Chiclayo, consorcios del Perú y del Ecuador iniciaron "
            "conversaciones para crear **un consorcio de productos andinos**. Buscamos consorcios y grupos de "
            "productores de ambos países que quieran sumarse: granos andinos, cacao, miel, artesanías."
        ),
        "productos": "Productos andinos: quinua, cacao, miel, artesanías",
        "sectores": ["agroindustria", "alimentos-procesados", "artesanias"],
        "paises": ["PE", "EC"],
        "mercados": [],
    },
    {
        # párr. 9: 5 producers with 1,100 hives; 10,000 hives would cover the 400 tonnes Ecuador imports.
        "consorcio": "consorcio-royal-honey",
        "tipo": T.BUSCA_PROVEEDOR,
        "titulo": "Buscamos apicultores que se sumen al consorcio: de 1.100 a 10.000 colmenas",
        "descripcion": (
            "El Ecuador consume 400 toneladas de miel importada al año. Somos 5 productores con 1.100 colmenas y "
            "queremos llegar a **10.000 colmenas** para cubrir esa demanda antes de exportar. Buscamos apicultores "
            "que se sumen al consorcio."
        ),
        "productos": "Miel de abeja",
        "sectores": ["apicultura"],
        "paises": ["EC"],
        "mercados": ["EC"],
    },
    {
        # párr. 16: seven small tequila firms organised to enter the Asia-Pacific market together.
        "consorcio": "consorcio-de-exportacion-del-tequila",
        "tipo": T.BUSCA_SOCIO,
        "titulo": "Buscamos importadores y distribuidores de tequila en Asia-Pacífico",
        "descripcion": (
            "Siete pequeñas empresas tequileras de Jalisco, con denominación de origen, buscan importadores y "
            "distribuidores en los mercados de Asia-Pacífico."
        ),
        "productos": "Tequila 100 % de agave",
        "sectores": ["vinos-y-licores"],
        "paises": ["MX"],
        "mercados": ASIA_PACIFICO,
    },
]


def cargar(stdout) -> None:
    sectores = {s.slug: s for s in Sector.objects.all()}
    autora = get_user_model().objects.filter(email=PROMOTORA).first()
    ahora = timezone.now()
    cargadas = 0
    for datos in OPORTUNIDADES:
        datos = dict(datos)
        claves = datos.pop("sectores")
        publicador = {}
        if slug := datos.pop("consorcio", None):
            publicador["consorcio"] = Consorcio.objects.filter(slug=slug).first()
        if sigla := datos.pop("institucion", None):
            publicador["institucion"] = Institucion.objects.filter(sigla=sigla).first()
        if not any(publicador.values()):
            continue  # its publisher is not in this demo
        oportunidad, creada = Oportunidad.objects.update_or_create(
            titulo=datos.pop("titulo"),
            **publicador,
            defaults={
                **datos,
                "autor": autora if "consorcio" in publicador else None,
                "estado": Oportunidad.Estado.PUBLICADA,
                "fecha_limite": timezone.localdate() + timedelta(days=90),
            },
        )
        if creada or oportunidad.publicada_en is None:
            oportunidad.publicada_en = ahora
            oportunidad.save(update_fields=["publicada_en"])
        oportunidad.sectores.set([sectores[c] for c in claves if c in sectores])
        oportunidad.actualizar_etiquetas()
        cargadas += 1
    stdout.write(f"  oportunidades: {cargadas} oportunidades de cooperación publicadas")
