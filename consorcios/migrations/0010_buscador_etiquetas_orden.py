"""Search that finds the obvious (issue 22): every word of `q`, in any order, also in the labels of
the kind, country and sectors (es, pt, en); the list sorted by name as people sort.

The text search's IMMUTABLE wrapper gains a fourth argument, the new ``etiquetas`` column, and its
trigram index is made again on it. ``consorcios_clave_orden()`` is the sort key of names (lower
case, without accents): the embedded PostgreSQL has neither ICU nor system locales, so no
linguistic collation can be asked for. Each index is named and commented in Consorcio.Meta.indexes.
"""

import consorcios.models
import django.contrib.postgres.indexes
from django.db import migrations, models

FUNCIONES = """
CREATE OR REPLACE FUNCTION consorcios_texto_busqueda(nombre text, productos text, descripcion text, etiquetas text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(public.unaccent(
        'public.unaccent'::regdictionary,
        coalesce(nombre, '') || ' ' || coalesce(productos, '') || ' ' || coalesce(descripcion, '')
        || ' ' || coalesce(etiquetas, '')
    ))
$$;
CREATE OR REPLACE FUNCTION consorcios_clave_orden(nombre text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(nombre, '')))
$$;
"""
QUITAR_FUNCIONES = """
DROP FUNCTION IF EXISTS consorcios_texto_busqueda(text, text, text, text);
DROP FUNCTION IF EXISTS consorcios_clave_orden(text);
"""
# What migration 0004 made, dropped once its index (the only user) is gone; made again when going back.
FUNCION_ANTERIOR = """
CREATE OR REPLACE FUNCTION consorcios_texto_busqueda(nombre text, productos text, descripcion text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(public.unaccent(
        'public.unaccent'::regdictionary,
        coalesce(nombre, '') || ' ' || coalesce(productos, '') || ' ' || coalesce(descripcion, '')
    ))
$$;
"""


def llenar_etiquetas(apps, schema_editor) -> None:
    """The search labels of the consortia already stored (save() and the sectors' links fill them from now on)."""
    from consorcios.models import etiquetas_de_busqueda

    Consorcio = apps.get_model("consorcios", "Consorcio")
    Enlace = Consorcio.sectores.through
    claves: dict[int, list[str]] = {}
    for consorcio_id, slug in Enlace.objects.order_by("sector__nombre").values_list("consorcio_id", "sector__slug"):
        claves.setdefault(consorcio_id, []).append(slug)
    consorcios = list(Consorcio.objects.only("pk", "tipo", "pais"))
    for consorcio in consorcios:
        consorcio.etiquetas = etiquetas_de_busqueda(
            tipo=consorcio.tipo, pais=consorcio.pais, claves_sectores=claves.get(consorcio.pk, [])
        )
    Consorcio.objects.bulk_update(consorcios, ["etiquetas"], batch_size=1000)


class Migration(migrations.Migration):
    # Filling the new column rewrites every row, which clears the table's visibility map (see
    # 0006): VACUUM at the end, which cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("consorcios", "0009_tope_del_motivo_de_rechazo"),
    ]

    operations = [
        migrations.RunSQL(FUNCIONES, QUITAR_FUNCIONES),
        migrations.RemoveIndex(model_name="consorcio", name="consorcio_texto_trgm"),
        migrations.RemoveIndex(model_name="consorcio", name="consorcio_estado_nombre_idx"),
        migrations.RemoveIndex(model_name="consorcio", name="consorcio_estado_anio_idx"),
        migrations.RemoveIndex(model_name="consorcio", name="consorcio_estado_empresas_idx"),
        migrations.RunSQL(
            "DROP FUNCTION IF EXISTS consorcios_texto_busqueda(text, text, text);", FUNCION_ANTERIOR
        ),
        migrations.AddField(
            model_name="consorcio",
            name="etiquetas",
            field=models.TextField(blank=True, editable=False, verbose_name="etiquetas de búsqueda"),
        ),
        migrations.RunPython(llenar_etiquetas, migrations.RunPython.noop, atomic=True),
        migrations.AddIndex(
            model_name="consorcio",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(consorcios.models.TextoBuscable(), name="gin_trgm_ops"),
                fastupdate=False,
                name="consorcio_texto_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="consorcio",
            index=models.Index(
                models.F("estado"),
                consorcios.models.ClaveOrden("nombre"),
                models.F("nombre"),
                models.F("id"),
                name="consorcio_estado_orden_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="consorcio",
            index=models.Index(
                models.F("estado"),
                models.OrderBy(models.F("anio_fundacion"), descending=True, nulls_last=True),
                consorcios.models.ClaveOrden("nombre"),
                name="consorcio_estado_anio_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="consorcio",
            index=models.Index(
                models.F("estado"),
                models.OrderBy(models.F("numero_empresas"), descending=True, nulls_last=True),
                consorcios.models.ClaveOrden("nombre"),
                name="consorcio_estado_empresas_idx",
            ),
        ),
        migrations.RunSQL("VACUUM (ANALYZE) consorcios_consorcio", reverse_sql=migrations.RunSQL.noop),
    ]
