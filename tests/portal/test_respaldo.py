"""A backup made with PostgreSQL's own tools restores completely: every table, every row."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from redconsorcios import pg

pytestmark = pytest.mark.django_db(transaction=True)
RESTAURADA = "test_redconsorcios_restaurada"


def _filas_por_tabla(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return {
        tabla: cursor.execute(f'SELECT count(*) FROM "{tabla}"').fetchone()[0]  # noqa: S608  (catalogue names)
        for (tabla,) in cursor.fetchall()
    }


@pytest.fixture
def restaurada():
    """A connection to the database the backup is restored into, dropped afterwards."""
    parametros = connection.get_connection_params()
    yield lambda: psycopg.connect(**{**parametros, "dbname": RESTAURADA, "autocommit": True})
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {RESTAURADA} WITH (FORCE)")


def test_a_backup_of_the_demo_portal_restores_every_row(tmp_path, restaurada):
    call_command("cargar_demo", verbosity=0)
    with connection.cursor() as cursor:
        originales = _filas_por_tabla(cursor.cursor)
    assert originales["consorcios_consorcio"] > 0 and originales["biblioteca_documento"] > 0

    archivo = tmp_path / "respaldo.dump"
    pg.respaldar(archivo, base=connection.settings_dict["NAME"])
    pg.restaurar(archivo, RESTAURADA)

    with restaurada() as conexion, conexion.cursor() as cursor:
        assert _filas_por_tabla(cursor) == originales
        # Generated columns and the functions behind indexes came along: search and writes work.
        cursor.execute(
            "SELECT count(*) FROM biblioteca_documento WHERE vector @@ websearch_to_tsquery('es_unaccent', %s)",
            ["exportacion"],
        )
        assert cursor.fetchone()[0] > 0
        cursor.execute("UPDATE consorcios_consorcio SET nombre = nombre || ' ' WHERE id = %s", [1])
