"""Discovery (consorcios/filters.py): an index behind every filter and sort of the list.

Each index is named and commented in Consorcio.Meta.indexes. The text search needs an
IMMUTABLE function to index: unaccent() alone is only STABLE (it reads its dictionary
through the search path), so the wrapper names the dictionary explicitly.
"""

import consorcios.models
import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models


FUNCION = """
CREATE OR REPLACE FUNCTION consorcios_texto_busqueda(nombre text, productos text, descripcion text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(public.unaccent(
        'public.unaccent'::regdictionary,
        coalesce(nombre, '') || ' ' || coalesce(productos, '') || ' ' || coalesce(descripcion, '')
    ))
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('consorcios', '0003_historial_importado'),
        ('redconsorcios', '0001_extensiones'),
    ]

    operations = [
        migrations.RunSQL(FUNCION, "DROP FUNCTION IF EXISTS consorcios_texto_busqueda(text, text, text);"),
        migrations.AddIndex(
            model_name='consorcio',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(consorcios.models.TextoBusqueda(), name='gin_trgm_ops'), name='consorcio_texto_trgm', fastupdate=False),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(fields=['estado', 'subtipo'], name='consorcio_estado_subtipo_idx'),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(fields=['estado', 'signo_distintivo'], name='consorcio_estado_signo_idx'),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(fields=['estado', 'estado_vida'], name='consorcio_estado_vida_idx'),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(django.db.models.functions.text.Upper('region'), name='consorcio_region_upper_idx'),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(models.F('estado'), models.OrderBy(models.F('anio_fundacion'), descending=True, nulls_last=True), models.F('nombre'), name='consorcio_estado_anio_idx'),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(models.F('estado'), models.OrderBy(models.F('numero_empresas'), descending=True, nulls_last=True), models.F('nombre'), name='consorcio_estado_empresas_idx'),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=django.contrib.postgres.indexes.GinIndex(consorcios.models.ListaDeMercados(), name='consorcio_mercados_gin', fastupdate=False),
        ),
        migrations.AddIndex(
            model_name='consorcio',
            index=models.Index(fields=['actualizado'], name='consorcio_actualizado_idx'),
        ),
    ]
