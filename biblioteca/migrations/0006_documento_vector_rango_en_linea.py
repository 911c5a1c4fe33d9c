from django.db import migrations


class Migration(migrations.Migration):
    """Keep the ranking vector inline, in the row itself.

    Title, abstract and ranking vector together pass the 2 KB at which PostgreSQL
    starts moving columns out of the row, and the toaster moved ``vector_rango`` out
    first, and ranking then read a TOAST page per match. (Migration 0009 removed this column.)
    MAIN storage makes it move the extracted text, the full vector and the abstract out
    before it. Existing rows keep their place until rewritten, hence the VACUUM FULL
    (a lock on the table for a moment; it cannot run inside a transaction).
    """

    atomic = False

    dependencies = [
        ("biblioteca", "0005_documento_vector_rango"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE biblioteca_documento ALTER COLUMN vector_rango SET STORAGE MAIN",
            "ALTER TABLE biblioteca_documento ALTER COLUMN vector_rango SET STORAGE EXTENDED",
        ),
        migrations.RunSQL("VACUUM FULL biblioteca_documento", migrations.RunSQL.noop),
    ]
