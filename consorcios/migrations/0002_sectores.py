"""Seed the controlled vocabulary of sectors (names in Spanish; translated in models.NOMBRES_SECTORES)."""

from django.db import migrations

SECTORES = [
    ("agroindustria", "Agroindustria"),
    ("alimentos-procesados", "Alimentos procesados"),
    ("apicultura", "Apicultura"),
    ("artesanias", "Artesanías"),
    ("cafe-y-cacao", "Café y cacao"),
    ("cosmetica-y-productos-naturales", "Cosmética y productos naturales"),
    ("cuero-y-calzado", "Cuero y calzado"),
    ("farmaceutica", "Farmacéutica"),
    ("flores", "Flores"),
    ("lacteos", "Lácteos y quesos"),
    ("metalmecanica", "Metalmecánica"),
    ("muebles-y-madera", "Muebles y madera"),
    ("pesca-y-acuicultura", "Pesca y acuicultura"),
    ("software-y-servicios", "Software y servicios"),
    ("textil-y-confeccion", "Textil y confección"),
    ("turismo", "Turismo"),
    ("vinos-y-licores", "Vinos y licores"),
]


def sembrar(apps, schema_editor):
    Sector = apps.get_model("consorcios", "Sector")
    for slug, nombre in SECTORES:
        Sector.objects.update_or_create(slug=slug, defaults={"nombre": nombre})


def quitar(apps, schema_editor):
    apps.get_model("consorcios", "Sector").objects.filter(slug__in=[s for s, _ in SECTORES]).delete()


class Migration(migrations.Migration):
    dependencies = [("consorcios", "0001_initial")]

    operations = [migrations.RunPython(sembrar, quitar)]
