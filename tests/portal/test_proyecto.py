"""Project hygiene: migrations, deployment checks, translations."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

RAIZ = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    salida = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=salida)


def test_production_settings_pass_check_deploy_without_warnings():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    entorno = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    entorno |= {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 20 + "-prod-" + "Zx9" * 15,
        "DJANGO_ALLOWED_HOSTS": "consorcios.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://consorcios.example.org",
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "no issues" in resultado.stdout


def test_production_refuses_a_missing_secret_key():
    entorno = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    entorno.update(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="consorcios.example.org")
    resultado = subprocess.run(
        [sys.executable, "-c", "import redconsorcios.settings"], cwd=RAIZ, env=entorno, capture_output=True, text=True
    )
    assert resultado.returncode != 0
    assert "DJANGO_SECRET_KEY" in resultado.stderr


def test_settings_helpers_fail_loudly_on_nonsense(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from redconsorcios.settings import env_bool, env_int

    monkeypatch.setenv("X_BOOL", "quizás")
    monkeypatch.setenv("X_INT", "doce")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)


CATALOGOS = sorted([*RAIZ.glob("locale/*/LC_MESSAGES/django.po"), *RAIZ.glob("*/locale/*/LC_MESSAGES/django.po")])


def test_every_language_has_a_catalogue():
    idiomas = {po.parent.parent.name for po in CATALOGOS if po.is_relative_to(RAIZ / "locale")}
    assert idiomas == {"es", "pt", "en"}


@pytest.mark.parametrize("po", CATALOGOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_every_message_is_translated(po):
    idioma = po.parent.parent.name
    with po.open("rb") as f:
        catalogo = read_po(f)
    faltan = [m.id for m in catalogo if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    difusos = [m.id for m in catalogo if m.id and m.fuzzy]
    assert not faltan, f"{len(faltan)} sin traducir en {idioma}: {faltan[:10]}"
    assert not difusos, f"{len(difusos)} marcados fuzzy en {idioma}: {difusos[:10]}"


def test_no_sqlite_anywhere():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    codigo = [p for p in RAIZ.rglob("*.py") if ".venv" not in p.parts and "var" not in p.parts]
    assert not [p for p in codigo if "sqlite3" in p.read_text() and p.name != "test_proyecto.py"]


@pytest.mark.django_db
def test_search_configuration_strips_accents_and_stems(django_db_blocker):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('es_unaccent', 'Legislación de los consorcios')::text")
        vector = cursor.fetchone()[0]
    assert "'legislacion'" in vector
    assert "'consorci'" in vector


@pytest.mark.django_db
def test_demo_data_loads_twice_without_duplicates():
    from django.contrib.auth import get_user_model

    from miembros.models import Institucion

    call_command("cargar_demo", stdout=StringIO())
    usuarios, instituciones = get_user_model().objects.count(), Institucion.objects.count()
    call_command("cargar_demo", stdout=StringIO())
    assert get_user_model().objects.count() == usuarios
    assert Institucion.objects.count() == instituciones
    assert Institucion.objects.filter(sigla__in=["ONUDI", "SELA", "Federexport", "INDECOPI", "DINAPYME"]).count() == 5
    assert get_user_model().objects.get(email="admin@redconsorcios.org").is_staff


@pytest.mark.parametrize(
    ("idioma", "texto"),
    [("es", "- Elija una opción -"), ("pt", "- Selecione uma opção -"), ("en", "- Select an option -")],
)
def test_the_empty_choice_of_model_selects_speaks_the_page_language(idioma, texto):
    """Django 6.1's label is not in its own es/pt catalogues yet: the project's catalogue says it."""
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override(idioma):
        assert str(BLANK_CHOICE_LABEL) == texto


def test_make_run_on_another_port_links_to_that_port():
    """`PORT=8101 make run`: e-mails, feeds and hreflang must not point at a dead port 8000."""
    entorno = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    receta = subprocess.run(
        ["make", "-n", "run", "PORT=8101"], cwd=RAIZ, env=entorno, capture_output=True, text=True
    ).stdout
    linea = next(linea for linea in receta.splitlines() if "SITE_URL" in linea)
    assert (
        subprocess.run(
            ["bash", "-c", linea.split(";")[0] + '; echo "$SITE_URL"'], env=entorno, capture_output=True, text=True
        ).stdout.strip()
        == "http://127.0.0.1:8101"
    )
