"""Institutions become the Red's members: profile fields, state, administrators (MiembroInstitucion).

Existing rows are institutions the network already lists: they become members, get a slug from
their name and their kind is mapped to the new vocabulary (issue 24)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
import django.utils.timezone
import miembros.models
import unicodedata
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify

# Old kinds to new ones: a public body is most often a ministry or a government office (staff may
# refine it to "agencia"), a private one a firm.
TIPOS = {"publica": "ministerio", "privada": "empresa"}


def completar(apps, schema_editor):
    Institucion = apps.get_model("miembros", "Institucion")
    usados = set()
    for institucion in Institucion.objects.order_by("pk"):
        base = slugify(institucion.nombre)[:200] or "institucion"
        slug, n = base, 2
        while slug in usados:
            slug, n = f"{base}-{n}", n + 1
        usados.add(slug)
        texto = " ".join(t for t in (institucion.nombre, institucion.sigla) if t).lower()
        institucion.slug = slug
        institucion.tipo = TIPOS.get(institucion.tipo, institucion.tipo)
        institucion.busqueda = "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
        institucion.save(update_fields=["slug", "tipo", "busqueda"])


def deshacer(apps, schema_editor):
    Institucion = apps.get_model("miembros", "Institucion")
    Institucion.objects.filter(tipo="ministerio").update(tipo="publica")
    Institucion.objects.filter(tipo__in=["agencia"]).update(tipo="publica")
    Institucion.objects.filter(tipo__in=["empresa", "asociacion"]).update(tipo="privada")


class Migration(migrations.Migration):

    dependencies = [
        ('miembros', '0008_consentimiento_datos_evento'),
        ('redconsorcios', '0001_extensiones'),  # pg_trgm, for the search index
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MiembroInstitucion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rol', models.CharField(choices=[('admin', 'Administrador/a'), ('promotor', 'Promotor/a')], default='promotor', max_length=10, verbose_name='rol')),
                ('estado', models.CharField(choices=[('invitado', 'Invitado/a'), ('pedido', 'Pidió unirse'), ('activo', 'Activo')], default='activo', max_length=10, verbose_name='estado')),
                ('creado', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='creado')),
            ],
            options={
                'verbose_name': 'miembro de institución',
                'verbose_name_plural': 'miembros de instituciones',
                'ordering': ['institucion', 'rol', 'creado'],
            },
        ),
        migrations.AddField(
            model_name='institucion',
            name='actualizado',
            field=models.DateTimeField(auto_now=True, verbose_name='actualizado'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='busqueda',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='institucion',
            name='ciudad',
            field=models.CharField(blank=True, max_length=120, verbose_name='ciudad'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='consorcios_solicitados',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.PositiveIntegerField(), blank=True, default=list, editable=False),
        ),
        migrations.AddField(
            model_name='institucion',
            name='creado',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='creado'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='descripcion',
            field=models.TextField(blank=True, help_text='Puede usar Markdown.', max_length=5000, verbose_name='descripción'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='descripcion_html',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='institucion',
            name='estado',
            field=models.CharField(choices=[('solicitada', 'Solicitud pendiente'), ('miembro', 'Miembro de la Red'), ('rechazada', 'Solicitud rechazada')], default='miembro', max_length=20, verbose_name='estado'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='latitud',
            field=models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, verbose_name='latitud'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='logo',
            field=models.FileField(blank=True, upload_to=miembros.models._ruta_logo_institucion, verbose_name='logotipo'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='longitud',
            field=models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, verbose_name='longitud'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='motivo_rechazo',
            field=models.TextField(blank=True, max_length=2000, verbose_name='motivo del rechazo'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='motivo_solicitud',
            field=models.TextField(blank=True, max_length=2000, verbose_name='por qué quiere unirse'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='slug',
            field=models.SlugField(blank=True, max_length=220, db_index=False, verbose_name='dirección'),
        ),
        migrations.AddField(
            model_name='institucion',
            name='token_envio',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='institucion',
            name='sitio_web',
            field=models.URLField(blank=True, max_length=300, verbose_name='sitio web'),
        ),
        migrations.AlterField(
            model_name='institucion',
            name='tipo',
            field=models.CharField(choices=[('ministerio', 'Ministerio u organismo de gobierno'), ('agencia', 'Agencia de promoción de exportaciones o inversiones'), ('camara', 'Cámara empresarial'), ('asociacion', 'Asociación o federación'), ('universidad', 'Universidad o centro de investigación'), ('organismo', 'Organismo internacional'), ('ong', 'ONG o fundación'), ('empresa', 'Empresa privada')], max_length=20, verbose_name='tipo'),
        ),
        migrations.AddIndex(
            model_name='institucion',
            index=models.Index(fields=['estado', 'pais', 'nombre'], name='institucion_estado_pais_idx'),
        ),
        migrations.AddIndex(
            model_name='institucion',
            index=models.Index(fields=['estado', 'tipo', 'nombre'], name='institucion_estado_tipo_idx'),
        ),
        migrations.AddIndex(
            model_name='institucion',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(models.F('busqueda'), name='gin_trgm_ops'), name='institucion_busqueda_trgm'),
        ),
        migrations.AddConstraint(
            model_name='institucion',
            constraint=models.CheckConstraint(condition=models.Q(('latitud__gte', Decimal('-90')), ('latitud__lte', Decimal('90'))), name='institucion_latitud_rango'),
        ),
        migrations.AddConstraint(
            model_name='institucion',
            constraint=models.CheckConstraint(condition=models.Q(('longitud__gte', Decimal('-180')), ('longitud__lte', Decimal('180'))), name='institucion_longitud_rango'),
        ),
        migrations.AddConstraint(
            model_name='institucion',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('latitud__isnull', True), ('longitud__isnull', True)), models.Q(('latitud__isnull', False), ('longitud__isnull', False)), _connector='OR'), name='institucion_punto_completo'),
        ),
        migrations.AddField(
            model_name='miembroinstitucion',
            name='institucion',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='vinculos', to='miembros.institucion', verbose_name='institución'),
        ),
        migrations.AddField(
            model_name='miembroinstitucion',
            name='usuario',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='vinculos_institucion', to=settings.AUTH_USER_MODEL, verbose_name='miembro'),
        ),
        migrations.AddIndex(
            model_name='miembroinstitucion',
            index=models.Index(fields=['usuario', 'estado'], name='vinculo_usuario_estado_idx'),
        ),
        migrations.AddConstraint(
            model_name='miembroinstitucion',
            constraint=models.UniqueConstraint(fields=('institucion', 'usuario'), name='miembro_institucion_unico'),
        ),
        migrations.RunPython(completar, deshacer),
        migrations.AlterField(
            model_name='institucion',
            name='slug',
            field=models.SlugField(blank=True, max_length=220, unique=True, verbose_name='dirección'),
        ),
    ]
