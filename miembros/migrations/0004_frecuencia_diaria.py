# The daily digest's choice is "diaria": "resumen" means a document's abstract (issue 21).

from django.db import migrations, models


def renombrar(apps, schema_editor, antes="resumen", despues="diaria"):
    apps.get_model("miembros", "Perfil").objects.filter(frecuencia_foros=antes).update(frecuencia_foros=despues)


def deshacer(apps, schema_editor):
    renombrar(apps, schema_editor, antes="diaria", despues="resumen")


class Migration(migrations.Migration):
    dependencies = [("miembros", "0003_perfil_frecuencia_foros")]

    operations = [
        migrations.AlterField(
            model_name="perfil",
            name="frecuencia_foros",
            field=models.CharField(
                choices=[("inmediata", "Cada mensaje, al momento"), ("diaria", "Un resumen diario")],
                default="inmediata",
                max_length=10,
                verbose_name="frecuencia de los avisos de los foros",
            ),
        ),
        migrations.RunPython(renombrar, deshacer),
    ]
