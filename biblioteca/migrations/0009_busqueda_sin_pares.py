import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

# What migrations 0007 and 0008 made in SQL: the library's version (a trigger) and the pairs of
# words (functions used by the old vector and by the query rewriter).
QUITAR_SQL = """
DROP TRIGGER IF EXISTS biblioteca_documento_version ON biblioteca_documento;
DROP FUNCTION IF EXISTS biblioteca_subir_version();
DROP FUNCTION IF EXISTS biblioteca_sin_frases(tsquery);
"""
# Run once the old vector (whose expression calls them) is gone.
QUITAR_PARES = """
DROP FUNCTION IF EXISTS biblioteca_con_pares(tsvector);
DROP FUNCTION IF EXISTS biblioteca_pares(tsvector);
"""


def llenar_etiquetas(apps, schema_editor) -> None:
    """The search labels of the documents already stored (Documento.save() fills them from now on)."""
    from biblioteca.models import etiquetas_de_busqueda

    Documento = apps.get_model("biblioteca", "Documento")
    documentos = list(Documento.objects.only("pk", "tipo", "idioma", "paises"))
    for documento in documentos:
        documento.etiquetas = etiquetas_de_busqueda(
            tipo=documento.tipo, idioma=documento.idioma, paises=documento.paises
        )
    Documento.objects.bulk_update(documentos, ["etiquetas"], batch_size=1000)


class Migration(migrations.Migration):
    """Library search as the design has it: one weighted tsvector with its GIN index.

    The pairs of words and the query rewriter go, and so do the searches computed ahead (their
    models and the version trigger) and the separate ranking vector. The labels of each
    document's type, language and countries are filled before the vector is made again, so
    PostgreSQL computes every document's vector once (the table is locked meanwhile).
    """

    dependencies = [
        ("biblioteca", "0008_frases_por_pares"),
    ]

    operations = [
        migrations.RunSQL(QUITAR_SQL, migrations.RunSQL.noop),
        migrations.DeleteModel(name="ResumenPrecalculado"),
        migrations.DeleteModel(name="VersionBiblioteca"),
        migrations.RemoveField(model_name="documento", name="vector_rango"),
        migrations.RemoveIndex(model_name="documento", name="documento_vector_gin"),
        migrations.RemoveField(model_name="documento", name="vector"),
        migrations.RunSQL(QUITAR_PARES, migrations.RunSQL.noop),
        migrations.AddField(
            model_name="documento",
            name="etiquetas",
            field=models.TextField(blank=True, editable=False, verbose_name="etiquetas de búsqueda"),
        ),
        migrations.RunPython(llenar_etiquetas, migrations.RunPython.noop),
        migrations.AddField(
            model_name="documento",
            name="vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.CombinedSearchVector(
                                        django.contrib.postgres.search.CombinedSearchVector(
                                            django.contrib.postgres.search.CombinedSearchVector(
                                                django.contrib.postgres.search.SearchVector(
                                                    "titulo", config="es_unaccent", weight="A"
                                                ),
                                                "||",
                                                django.contrib.postgres.search.SearchVector(
                                                    "resumen", config="es_unaccent", weight="B"
                                                ),
                                                django.contrib.postgres.search.SearchConfig("es_unaccent"),
                                            ),
                                            "||",
                                            django.contrib.postgres.search.SearchVector(
                                                "autores", config="es_unaccent", weight="B"
                                            ),
                                            django.contrib.postgres.search.SearchConfig("es_unaccent"),
                                        ),
                                        "||",
                                        django.contrib.postgres.search.SearchVector(
                                            "etiquetas", config="es_unaccent", weight="B"
                                        ),
                                        django.contrib.postgres.search.SearchConfig("es_unaccent"),
                                    ),
                                    "||",
                                    django.contrib.postgres.search.SearchVector(
                                        "texto_extraido", config="es_unaccent", weight="C"
                                    ),
                                    django.contrib.postgres.search.SearchConfig("es_unaccent"),
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector("titulo", config="spanish", weight="A"),
                                django.contrib.postgres.search.SearchConfig("es_unaccent"),
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector("resumen", config="spanish", weight="B"),
                            django.contrib.postgres.search.SearchConfig("es_unaccent"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector("autores", config="spanish", weight="B"),
                        django.contrib.postgres.search.SearchConfig("es_unaccent"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector("texto_extraido", config="spanish", weight="C"),
                    django.contrib.postgres.search.SearchConfig("es_unaccent"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="documento",
            index=django.contrib.postgres.indexes.GinIndex(fields=["vector"], name="documento_vector_gin"),
        ),
    ]
