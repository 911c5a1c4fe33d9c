"""One licence row per kind of open data, CC BY 4.0, so staff only change what they choose."""

from django.db import migrations

CONJUNTOS = ["registro", "biblioteca", "noticias", "eventos", "foros"]


def crear(apps, schema_editor):
    LicenciaDatos = apps.get_model("comun", "LicenciaDatos")
    for conjunto in CONJUNTOS:
        LicenciaDatos.objects.get_or_create(conjunto=conjunto, defaults={"licencia": "CC-BY-4.0"})


class Migration(migrations.Migration):
    dependencies = [("comun", "0001_initial")]
    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]
