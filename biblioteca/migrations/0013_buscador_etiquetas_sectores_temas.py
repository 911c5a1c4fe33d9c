"""Search that finds the obvious (issue 22): a document's search labels gain the sectors of the
consortia it is about (es, pt, en) and its topics. The stored vector, a generated column, follows
the labels; no schema change."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import migrations
from django.db.models import OuterRef


def llenar_etiquetas(apps, schema_editor) -> None:
    from biblioteca.models import etiquetas_de_busqueda

    Documento = apps.get_model("biblioteca", "Documento")
    Tema = apps.get_model("biblioteca", "Tema")
    Consorcio = apps.get_model("consorcios", "Consorcio")
    sectores = ArraySubquery(
        Consorcio.sectores.through.objects.filter(consorcio__documentos=OuterRef("pk"))
        .order_by("sector__slug")
        .values("sector__slug")
        .distinct()
    )
    temas = ArraySubquery(Tema.objects.filter(documentos=OuterRef("pk")).order_by("nombre").values("nombre"))
    documentos = []
    for pk, tipo, idioma, paises, claves, nombres in (
        Documento.objects.order_by()
        .annotate(claves=sectores, nombres=temas)
        .values_list("pk", "tipo", "idioma", "paises", "claves", "nombres")
        .iterator(chunk_size=2000)
    ):
        documentos.append(
            Documento(
                pk=pk,
                etiquetas=etiquetas_de_busqueda(
                    tipo=tipo,
                    idioma=idioma,
                    paises=paises.split(",") if isinstance(paises, str) else paises,
                    claves_sectores=claves,
                    temas=nombres,
                ),
            )
        )
    Documento.objects.bulk_update(documentos, ["etiquetas"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("biblioteca", "0012_tope_de_textos_traducidos"),
        ("consorcios", "0002_sectores"),
    ]

    operations = [
        migrations.RunPython(llenar_etiquetas, migrations.RunPython.noop),
    ]
