"""The matchmaking score, computed in PostgreSQL (issue 25, "Matchmaking").

Two statements do the work. The first writes each published consortium's `Rasgos` (the stems
of its products, its sectors, countries and their neighbours, markets, member firms) from the
registry's rows. The second compares consortia through those arrays: the candidates of a
consortium are found through the GIN indexes (they share a sector or a product stem, or their
town), each pair gets a score from explainable parts, and every part that counted is kept
as a reason. The weights are plain numbers, so a reason that scores is a reason that is shown:

    same sector            3 each, at most 2        same country        3   (or bordering: 2.5)
    same product (stem)    4 each, at most 2        same city           1.5
    same destination market 1 each, at most 3      one exports to the other's country  1
    same distinctive sign in progress (origin consortia)  2
    same kind 0.5, similar size (at most twice the firms) 0.5

A pair is kept when it shares something of substance (a sector, a product or the town: markets
and signs only add to that) and scores at least MINIMO. The score is symmetric, so after a change the
pairs in both directions come from the same statement.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.db import connection, transaction
from django.utils import timezone

from comun.cache import invalidar
from consorcios.models import Consorcio
from oportunidades.models import Oportunidad

from .models import Afinidad, AfinidadOportunidad, Rasgos
from .vecinos import vecinos

# Each consortium keeps its best N matches: what its page, the e-mail and "Mi red" show.
POR_CONSORCIO = 10
MINIMO = 3.0
# Words of product descriptions that say nothing about the product itself.
GENERICAS = (
    "producto productos exportación exportaciones exportar diferentes distintos varios sabores calidad "
    "tipo tipos elaborados semielaborados terminados artesanal artesanales fino finos natural naturales "
    "nativo nativas regional regionales tradicional tradicionales mano"
)
CONFIG = "es_unaccent"  # the Spanish configuration without accents (redconsorcios/migrations/0001)

_RASGOS = f"""
WITH escritos AS (
    INSERT INTO {Rasgos._meta.db_table} AS r (
        consorcio_id, lexemas, sectores, paises, vecinos, mercados, miembros,
        nombre, productos, ciudad, tipo, signo, estado_signo, empresas
    )
    SELECT
        c.id,
        ARRAY(
            SELECT unnest(tsvector_to_array(to_tsvector('{CONFIG}', c.productos || ' ' || c.producto_tradicional)))
            EXCEPT SELECT unnest(tsvector_to_array(to_tsvector('{CONFIG}',
                %(genericas)s || ' ' || c.ciudad || ' ' || c.region || ' ' || c.territorio)))
        ),
        ARRAY(SELECT s.sector_id FROM consorcios_consorcio_sectores s WHERE s.consorcio_id = c.id),
        p.paises,
        ARRAY(
            SELECT DISTINCT v FROM unnest(p.paises) AS pp, jsonb_array_elements_text(%(vecinos)s::jsonb -> pp) AS v
            WHERE v <> ALL(p.paises)
        ),
        COALESCE(string_to_array(NULLIF(c.mercados_destino, ''), ','), '{{}}'),
        ARRAY(SELECT lower(unaccent(e.nombre)) FROM consorcios_empresamiembro e WHERE e.consorcio_id = c.id),
        lower(unaccent(c.nombre)),
        c.productos,
        lower(unaccent(c.ciudad)),
        c.tipo,
        c.signo_distintivo,
        c.estado_signo,
        c.numero_empresas
    FROM consorcios_consorcio c
    CROSS JOIN LATERAL (
        SELECT ARRAY[c.pais::varchar] || COALESCE(string_to_array(NULLIF(c.paises_involucrados, ''), ','), '{{}}')
            AS paises
    ) p
    WHERE c.estado = %(publicado)s AND (%(ids)s::int[] IS NULL OR c.id = ANY(%(ids)s::int[]))
    ON CONFLICT (consorcio_id) DO UPDATE SET
        lexemas = EXCLUDED.lexemas, sectores = EXCLUDED.sectores, paises = EXCLUDED.paises,
        vecinos = EXCLUDED.vecinos, mercados = EXCLUDED.mercados,
        miembros = EXCLUDED.miembros, nombre = EXCLUDED.nombre, productos = EXCLUDED.productos,
        ciudad = EXCLUDED.ciudad, tipo = EXCLUDED.tipo,
        signo = EXCLUDED.signo, estado_signo = EXCLUDED.estado_signo, empresas = EXCLUDED.empresas
    RETURNING r.consorcio_id
)
DELETE FROM {Rasgos._meta.db_table} r
WHERE (%(ids)s::int[] IS NULL OR r.consorcio_id = ANY(%(ids)s::int[]))
  AND r.consorcio_id NOT IN (SELECT consorcio_id FROM escritos)
"""  # noqa: S608  (table names and constants; every value is a bound parameter)

# The pairs of x (origins) and r (destinations) that match, with their score, reasons and the
# rank of r among x's matches. {donde} narrows x or r.
_PARES = f"""
SELECT origen, destino, puntuacion, razones, lexemas,
       row_number() OVER (PARTITION BY origen ORDER BY puntuacion DESC, destino) AS rango
FROM (
    SELECT
        x.consorcio_id AS origen,
        r.consorcio_id AS destino,
        3 * least(cardinality(k.sectores), 2) + 4 * least(cardinality(k.lexemas), 2)
        + CASE WHEN cardinality(k.paises) > 0 THEN 3 WHEN cardinality(k.frontera) > 0 THEN 2.5 ELSE 0 END
        + CASE WHEN k.ciudad THEN 1.5 ELSE 0 END
        + least(cardinality(k.mercados), 3)
        + CASE WHEN cardinality(k.exporta) > 0 THEN 1 ELSE 0 END
        + CASE WHEN k.signo THEN 2 ELSE 0 END
        + CASE WHEN x.tipo = r.tipo THEN 0.5 ELSE 0 END
        + CASE WHEN k.tamano THEN 0.5 ELSE 0 END AS puntuacion,
        to_jsonb(array_remove(ARRAY[
            CASE WHEN cardinality(k.sectores) > 0 THEN jsonb_build_array('sector', k.sectores) END,
            CASE WHEN k.ciudad AND cardinality(k.sectores) = 0 AND cardinality(k.lexemas) = 0
                 THEN jsonb_build_array('complementarios', ARRAY[x.consorcio_id, r.consorcio_id]) END,
            CASE WHEN cardinality(k.paises) > 0 THEN jsonb_build_array('pais', k.paises) END,
            CASE WHEN cardinality(k.paises) = 0 AND cardinality(k.frontera) > 0
                 THEN jsonb_build_array('frontera', k.frontera) END,
            CASE WHEN k.ciudad THEN jsonb_build_array('ciudad', ARRAY[r.consorcio_id]) END,
            CASE WHEN cardinality(k.mercados) > 0 THEN jsonb_build_array('mercado', k.mercados) END,
            CASE WHEN cardinality(k.exporta) > 0 THEN jsonb_build_array('exporta', k.exporta) END,
            CASE WHEN k.signo THEN jsonb_build_array('signo', ARRAY[x.signo]) END,
            CASE WHEN k.tamano THEN jsonb_build_array('tamano', ARRAY[x.empresas, r.empresas]) END
        ], NULL)) AS razones,
        k.lexemas,
        cardinality(k.sectores) + cardinality(k.lexemas) > 0 OR k.ciudad AS sustancia
    FROM {Rasgos._meta.db_table} x
    JOIN {Rasgos._meta.db_table} r ON r.consorcio_id <> x.consorcio_id AND (
        r.sectores && x.sectores OR r.lexemas && x.lexemas OR (x.ciudad <> '' AND r.ciudad = x.ciudad)
    )
    CROSS JOIN LATERAL (
        SELECT
            ARRAY(SELECT unnest(x.sectores) INTERSECT SELECT unnest(r.sectores)) AS sectores,
            ARRAY(SELECT unnest(x.lexemas) INTERSECT SELECT unnest(r.lexemas)) AS lexemas,
            ARRAY(SELECT unnest(x.paises) INTERSECT SELECT unnest(r.paises)) AS paises,
            ARRAY(SELECT unnest(x.vecinos) INTERSECT SELECT unnest(r.paises)) AS frontera,
            ARRAY(SELECT unnest(x.mercados) INTERSECT SELECT unnest(r.mercados)) AS mercados,
            ARRAY(
                (SELECT unnest(x.mercados) INTERSECT SELECT unnest(r.paises))
                UNION (SELECT unnest(r.mercados) INTERSECT SELECT unnest(x.paises))
            ) AS exporta,
            x.ciudad <> '' AND r.ciudad = x.ciudad AS ciudad,
            x.tipo = 'origen' AND r.tipo = 'origen' AND x.signo NOT IN ('', 'ninguno') AND r.signo = x.signo
                AND x.estado_signo IN ('en_preparacion', 'solicitado')
                AND r.estado_signo IN ('en_preparacion', 'solicitado') AS signo,
            x.empresas > 0 AND r.empresas > 0 AND greatest(x.empresas, r.empresas) <= 2 * least(x.empresas, r.empresas)
                AS tamano
    ) k
    WHERE NOT (r.nombre = ANY(x.miembros) OR x.nombre = ANY(r.miembros))
      AND {{donde}}
) pares
WHERE sustancia AND puntuacion >= %(minimo)s
"""  # noqa: S608  (table names and constants; every value is a bound parameter)

# Write the new matches and drop those that no longer hold, in one statement. {quien} says which
# existing rows the computation covered (and may therefore drop).
_GUARDAR = f"""
WITH nuevas AS MATERIALIZED ({{pares}}),
guardadas AS (
    -- The shared product stems, quoted as the destination's own words.
    SELECT n.origen, n.destino, n.puntuacion,
        CASE WHEN cardinality(n.lexemas) = 0 THEN n.razones ELSE jsonb_build_array(jsonb_build_array('producto', ARRAY(
            SELECT DISTINCT w FROM {Rasgos._meta.db_table} d,
                regexp_split_to_table(lower(d.productos), '[[:space:],;.:()/+-]+') AS w
            WHERE d.consorcio_id = n.destino AND w <> ''
              AND tsvector_to_array(to_tsvector('{CONFIG}', w)) && n.lexemas
        ))) || n.razones END AS razones
    FROM nuevas n WHERE {{filtro}}
),
borradas AS (
    DELETE FROM {Afinidad._meta.db_table} a
    WHERE {{quien}}
      AND NOT EXISTS (SELECT 1 FROM guardadas g WHERE g.origen = a.origen_id AND g.destino = a.destino_id)
)
INSERT INTO {Afinidad._meta.db_table} AS a (origen_id, destino_id, puntuacion, razones, creada)
SELECT origen, destino, puntuacion, razones, %(ahora)s FROM guardadas
ON CONFLICT (origen_id, destino_id) DO UPDATE SET puntuacion = EXCLUDED.puntuacion, razones = EXCLUDED.razones
"""  # noqa: S608  (table names and constants; every value is a bound parameter)

# After the reverse pairs were written, each touched origin keeps only its best N.
_RECORTAR = f"""
DELETE FROM {Afinidad._meta.db_table} a USING (
    SELECT id, row_number() OVER (PARTITION BY origen_id ORDER BY puntuacion DESC, destino_id) AS rango
    FROM {Afinidad._meta.db_table} WHERE origen_id = ANY(%(origenes)s::int[])
) t
WHERE a.id = t.id AND t.rango > %(n)s
"""  # noqa: S608  (table names and constants; every value is a bound parameter)


def _parametros(**extra) -> dict:
    return {
        "genericas": GENERICAS,
        "vecinos": json.dumps(vecinos()),
        "publicado": Consorcio.Estado.PUBLICADO,
        "minimo": MINIMO,
        "n": POR_CONSORCIO,
        "ahora": timezone.now(),
        **extra,
    }


def recalcular(ids: Sequence[int] | None = None) -> None:
    """Rewrite the matches of the consortia `ids` (all of them when None), in both directions.

    For a few consortia (after a change) this also rewrites the pairs that point to them from
    every other consortium, then trims those consortia's lists back to their best N.
    """
    ids = list(ids) if ids is not None else None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_RASGOS, _parametros(ids=ids))
        if ids is None:
            pares = _PARES.format(donde="TRUE")
            cursor.execute(_GUARDAR.format(pares=pares, filtro="rango <= %(n)s", quien="TRUE"), _parametros())
            return
        # Their own lists: their best N.
        pares = _PARES.format(donde="x.consorcio_id = ANY(%(ids)s::int[])")
        cursor.execute(
            _GUARDAR.format(pares=pares, filtro="rango <= %(n)s", quien="a.origen_id = ANY(%(ids)s::int[])"),
            _parametros(ids=ids),
        )
        # Every other consortium's pair with them (the score is symmetric), then each list trimmed.
        pares = _PARES.format(donde="r.consorcio_id = ANY(%(ids)s::int[]) AND x.consorcio_id <> ALL(%(ids)s::int[])")
        cursor.execute(
            _GUARDAR.format(
                pares=pares,
                filtro="TRUE",
                quien="a.destino_id = ANY(%(ids)s::int[]) AND a.origen_id <> ALL(%(ids)s::int[])",
            ),
            _parametros(ids=ids),
        )
        cursor.execute(
            "SELECT DISTINCT origen_id FROM afinidades_afinidad WHERE destino_id = ANY(%(ids)s::int[])",
            {"ids": ids},
        )
        origenes = [fila[0] for fila in cursor.fetchall()]
        if origenes:
            cursor.execute(_RECORTAR, _parametros(origenes=origenes))


# Cooperation opportunities against consortia: the same parts, read from the opportunity's sectors,
# products and title, the countries where it applies and the markets it seeks. An opportunity never
# matches the consortium that publishes it.
GENERICAS_OPORTUNIDAD = GENERICAS + (
    " busca buscamos socio socios comercial proveedor proveedores ofrece ofrecemos consorcio binacional compra"
    " promoción conjunta asistencia técnica oportunidad"
)
_PARES_OPORTUNIDAD = f"""
SELECT oportunidad, consorcio, puntuacion, razones, lexemas,
       row_number() OVER (PARTITION BY oportunidad ORDER BY puntuacion DESC, consorcio) AS rango
FROM (
    SELECT
        o.id AS oportunidad,
        r.consorcio_id AS consorcio,
        3 * least(cardinality(k.sectores), 2) + 4 * least(cardinality(k.lexemas), 2)
        + CASE WHEN cardinality(k.paises) > 0 THEN 3 WHEN cardinality(k.frontera) > 0 THEN 2.5 ELSE 0 END
        + least(cardinality(k.mercados), 3) AS puntuacion,
        to_jsonb(array_remove(ARRAY[
            CASE WHEN cardinality(k.sectores) > 0 THEN jsonb_build_array('sector', k.sectores) END,
            CASE WHEN cardinality(k.paises) > 0 THEN jsonb_build_array('pais', k.paises) END,
            CASE WHEN cardinality(k.paises) = 0 AND cardinality(k.frontera) > 0
                 THEN jsonb_build_array('frontera', k.frontera) END,
            CASE WHEN cardinality(k.mercados) > 0 THEN jsonb_build_array('mercado_buscado', k.mercados) END
        ], NULL)) AS razones,
        k.lexemas
    FROM (
        SELECT op.id, op.consorcio_id, p.paises,
            ARRAY(
                SELECT unnest(tsvector_to_array(to_tsvector('{CONFIG}', op.productos || ' ' || op.titulo)))
                EXCEPT SELECT unnest(tsvector_to_array(to_tsvector('{CONFIG}', %(genericas)s)))
            ) AS lexemas,
            ARRAY(SELECT s.sector_id::int FROM oportunidades_oportunidad_sectores s WHERE s.oportunidad_id = op.id)
                AS sectores,
            ARRAY(
                SELECT DISTINCT v FROM unnest(p.paises) AS pp, jsonb_array_elements_text(%(vecinos)s::jsonb -> pp) AS v
                WHERE v <> ALL(p.paises)
            ) AS vecinos,
            COALESCE(string_to_array(NULLIF(op.mercados, ''), ','), '{{}}') AS mercados
        FROM {Oportunidad._meta.db_table} op
        CROSS JOIN LATERAL (SELECT COALESCE(string_to_array(NULLIF(op.paises, ''), ','), '{{}}') AS paises) p
        WHERE op.estado = %(publicada)s AND op.fecha_limite >= %(hoy)s
    ) o
    JOIN {Rasgos._meta.db_table} r ON (r.sectores && o.sectores OR r.lexemas && o.lexemas)
        AND r.consorcio_id IS DISTINCT FROM o.consorcio_id
    CROSS JOIN LATERAL (
        SELECT
            ARRAY(SELECT unnest(o.sectores) INTERSECT SELECT unnest(r.sectores)) AS sectores,
            ARRAY(SELECT unnest(o.lexemas) INTERSECT SELECT unnest(r.lexemas)) AS lexemas,
            ARRAY(SELECT unnest(o.paises) INTERSECT SELECT unnest(r.paises)) AS paises,
            ARRAY(SELECT unnest(o.vecinos) INTERSECT SELECT unnest(r.paises)) AS frontera,
            ARRAY(SELECT unnest(o.mercados) INTERSECT SELECT unnest(r.mercados)) AS mercados
    ) k
) pares
WHERE puntuacion >= %(minimo)s
"""  # noqa: S608  (table names and constants; every value is a bound parameter)

_GUARDAR_OPORTUNIDADES = f"""
WITH nuevas AS MATERIALIZED ({_PARES_OPORTUNIDAD}),
guardadas AS (
    SELECT n.oportunidad, n.consorcio, n.puntuacion,
        CASE WHEN cardinality(n.lexemas) = 0 THEN n.razones ELSE jsonb_build_array(jsonb_build_array('producto', ARRAY(
            SELECT DISTINCT w FROM {Rasgos._meta.db_table} d,
                regexp_split_to_table(lower(d.productos), '[[:space:],;.:()/+-]+') AS w
            WHERE d.consorcio_id = n.consorcio AND w <> ''
              AND tsvector_to_array(to_tsvector('{CONFIG}', w)) && n.lexemas
        ))) || n.razones END AS razones
    FROM nuevas n WHERE n.rango <= %(n)s
),
borradas AS (
    DELETE FROM {AfinidadOportunidad._meta.db_table} a
    WHERE NOT EXISTS (SELECT 1 FROM guardadas g WHERE g.oportunidad = a.oportunidad_id AND g.consorcio = a.consorcio_id)
)
INSERT INTO {AfinidadOportunidad._meta.db_table} AS a (oportunidad_id, consorcio_id, puntuacion, razones, creada)
SELECT oportunidad, consorcio, puntuacion, razones, %(ahora)s FROM guardadas
ON CONFLICT (oportunidad_id, consorcio_id) DO UPDATE SET puntuacion = EXCLUDED.puntuacion, razones = EXCLUDED.razones
"""  # noqa: S608  (table names and constants; every value is a bound parameter)


def recalcular_oportunidades() -> None:
    """Rewrite the best consortia of every open opportunity (there are few: one statement).

    Runs after an opportunity or a consortium changes; expired ones drop out here, and pages
    read only open ones meanwhile (AfinidadOportunidad.objects.vigentes()).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            _GUARDAR_OPORTUNIDADES,
            _parametros(
                genericas=GENERICAS_OPORTUNIDAD,
                publicada=Oportunidad.Estado.PUBLICADA,
                hoy=timezone.localdate(),
            ),
        )
        # An opportunity's page shows its best consortia: a raw statement sends no signal.
        invalidar("oportunidades")
