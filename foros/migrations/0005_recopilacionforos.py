# "resumen" means a document's abstract; the forums' daily digest is a "recopilación" (issue 21).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("foros", "0004_tema_foro_act_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("ResumenForos", "RecopilacionForos"),
        migrations.AlterModelOptions(
            name="recopilacionforos",
            options={
                "verbose_name": "recopilación diaria de los foros",
                "verbose_name_plural": "recopilaciones diarias de los foros",
            },
        ),
        migrations.AlterField(
            model_name="recopilacionforos",
            name="usuario",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="recopilacion_foros",
                to=settings.AUTH_USER_MODEL,
                verbose_name="usuario",
            ),
        ),
    ]
