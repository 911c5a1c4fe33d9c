"""Synthetic cooperation opportunities for the benchmark (``manage.py generar_datos``): one for every
ten consortia, published by them, open for the next months, in bulk (no signals, so the matchmaking
is not computed for them: the opportunity page still asks for it, with the same queries)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from comun.markdown import a_html
from consorcios.models import Consorcio
from oportunidades.models import Oportunidad, etiquetas_de_busqueda

MERCADOS = ["US", "DE", "JP", "CN", "ES", "FR", "GB", "CA", "BR", "MX"]
TITULOS = {
    Oportunidad.Tipo.BUSCA_SOCIO: "Buscamos socio comercial para {productos} en {mercado}",
    Oportunidad.Tipo.OFRECE_PRODUCTOS: "Ofrecemos {productos} para importadores de {mercado}",
    Oportunidad.Tipo.BUSCA_PROVEEDOR: "Buscamos proveedor de envases para {productos}",
    Oportunidad.Tipo.CONSORCIO_BINACIONAL: "Proponemos un consorcio binacional de {productos}",
    Oportunidad.Tipo.COMPRA_CONJUNTA: "Promoción conjunta de {productos} en una feria de {mercado}",
    Oportunidad.Tipo.ASISTENCIA_TECNICA: "Buscamos asistencia técnica en certificación de {productos}",
}


def generar(cantidades: dict, stdout) -> None:
    if Oportunidad.objects.exists():
        return
    rng = random.Random(25)
    hoy = timezone.localdate()
    ahora = timezone.now()
    consorcios = list(
        Consorcio.objects.publicados()
        .order_by("pk")
        .only("pk", "productos", "pais")[::10][: cantidades["consorcios"] // 10]
    )
    claves: dict[int, list[tuple[int, str]]] = {}
    for consorcio_id, sector_id, slug in Consorcio.sectores.through.objects.filter(
        consorcio_id__in=[c.pk for c in consorcios]
    ).values_list("consorcio_id", "sector_id", "sector__slug"):
        claves.setdefault(consorcio_id, []).append((sector_id, slug))
    descripcion = "Cinco empresas del consorcio buscan **socios de largo plazo**; escríbanos por el portal."
    html = a_html(descripcion)
    nuevas, sectores = [], []
    for consorcio in consorcios:
        tipo = rng.choice(list(TITULOS))
        mercado = rng.choice(MERCADOS)
        productos = consorcio.productos.split(",")[0].strip()[:120]
        titulo = TITULOS[tipo].format(productos=productos.lower(), mercado=mercado)[:200]
        nuevas.append(
            Oportunidad(
                tipo=tipo,
                titulo=titulo,
                slug=slugify(titulo)[:220],
                descripcion=descripcion,
                descripcion_html=html,
                productos=productos,
                paises=[consorcio.pais.code],
                mercados=[mercado],
                fecha_limite=hoy + timedelta(days=rng.randint(10, 170)),
                consorcio=consorcio,
                estado=Oportunidad.Estado.PUBLICADA,
                publicada_en=ahora - timedelta(days=rng.randint(0, 60)),
                etiquetas=etiquetas_de_busqueda(
                    tipo=tipo,
                    paises=[consorcio.pais.code],
                    mercados=[mercado],
                    claves_sectores=[slug for _pk, slug in claves.get(consorcio.pk, [])],
                ),
            )
        )
    with transaction.atomic():
        creadas = Oportunidad.objects.bulk_create(nuevas, batch_size=1000)
        for oportunidad, consorcio in zip(creadas, consorcios, strict=True):
            sectores += [
                Oportunidad.sectores.through(oportunidad_id=oportunidad.pk, sector_id=sector_id)
                for sector_id, _slug in claves.get(consorcio.pk, [])
            ]
        Oportunidad.sectores.through.objects.bulk_create(sectores, batch_size=5000)
    stdout.write(f"  oportunidades: {len(creadas)} oportunidades publicadas")
