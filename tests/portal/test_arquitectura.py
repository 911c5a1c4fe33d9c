"""The arrows between our apps (README, "Architecture"): each app imports only the apps below it.

Every module of each app is parsed (migrations and management commands included), and every
``import x`` and ``from x import y`` counts, inside functions too. Relative imports stay inside
the app. Module names in strings (``import_string``, ``"app.Model"``) are out of scope.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

RAIZ = Path(__file__).resolve().parents[2]

# What each app may import besides itself. The project package (redconsorcios) composes the apps and
# no app imports it; nothing imports demo, boletin, seguimientos, red, datos or api but the project and
# the tests.
PERMITIDAS: dict[str, set[str]] = {
    "comun": set(),
    "miembros": {"comun"},
    "consorcios": {"miembros", "comun"},
    "biblioteca": {"consorcios", "miembros", "comun"},
    "foros": {"consorcios", "miembros", "comun"},
    "oai": {"biblioteca", "consorcios", "miembros", "comun"},
    # The network's pages list promoters' forum posts and the consortia's topics (nothing imports red).
    "red": {"biblioteca", "foros", "consorcios", "miembros", "comun"},
    # Conversations may be about a consortium or an institution; opportunities come after them.
    "conversaciones": {"consorcios", "miembros", "comun"},
    # "Me interesa" opens a conversation with the opportunity's editors.
    "oportunidades": {"conversaciones", "consorcios", "miembros", "comun"},
    # Matchmaking compares consortia and opportunities; only the project and Mi red read it.
    "afinidades": {"oportunidades", "consorcios", "miembros", "comun"},
    "boletin": {"biblioteca", "foros", "consorcios", "miembros", "comun"},
    # Follows, "Mi red" and the digest read every content app; nothing imports it.
    "seguimientos": {
        "afinidades",
        "oportunidades",
        "conversaciones",
        "biblioteca",
        "foros",
        "consorcios",
        "miembros",
        "comun",
    },
    "api": {"biblioteca", "foros", "oportunidades", "consorcios", "miembros", "comun"},
    "demo": {"afinidades", "biblioteca", "foros", "oportunidades", "consorcios", "miembros", "comun"},
    # Open data describes every content app; nothing imports it.
    "datos": {"oai", "biblioteca", "foros", "consorcios", "miembros", "comun"},
}
NUESTRAS = {*PERMITIDAS, "redconsorcios"}


def importados(arbol: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in a module; relative ones stay in the app."""
    hallados = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            hallados += [(nodo.lineno, alias.name) for alias in nodo.names]
        elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module:
            hallados.append((nodo.lineno, nodo.module))
    return hallados


def infracciones(app: str) -> list[str]:
    permitidas = PERMITIDAS[app] | {app}
    encontradas = []
    for modulo in sorted((RAIZ / app).rglob("*.py")):
        arbol = ast.parse(modulo.read_text(encoding="utf-8"), filename=str(modulo))
        for linea, nombre in importados(arbol):
            paquete = nombre.split(".")[0]
            if paquete in NUESTRAS and paquete not in permitidas:
                encontradas.append(f"{modulo.relative_to(RAIZ)}:{linea} imports {nombre}")
    return encontradas


@pytest.mark.parametrize("app", sorted(PERMITIDAS))
def test_app_imports_only_the_apps_below_it(app):
    encontradas = infracciones(app)
    permitidas = ", ".join(sorted(PERMITIDAS[app])) or "no app of ours"
    assert not encontradas, f"{app} may import only {permitidas}:\n" + "\n".join(encontradas)


def test_every_app_of_ours_is_checked():
    nuestras = {nombre for nombre in settings.INSTALLED_APPS if (RAIZ / nombre).is_dir()} - {"redconsorcios"}
    assert nuestras == set(PERMITIDAS)


def test_the_checker_sees_imports_inside_functions_and_ignores_relative_ones():
    codigo = "from . import services\ndef f():\n    from redconsorcios import cache\n    import demo.bench\n"
    assert importados(ast.parse(codigo)) == [(3, "redconsorcios"), (4, "demo.bench")]
