"""User Markdown renders in time linear in its length (issue 23, point 1), safely, with bare links.

python-markdown's inline patterns cost the square of the length: 19,000 ``[`` took 30 s. Each
pathological input below, 100 KB long, must render within 20 times what ordinary Markdown prose
of the same size takes on the same machine (a ratio, not an absolute time, so a slow machine
does not fail it). An input that overruns is stopped by an alarm instead of running for hours.
"""

from __future__ import annotations

import gc
import math
import signal
import time
from contextlib import contextmanager

import pytest

from comun.markdown import a_html

TAMANO = 100_000
VECES_LO_LLANO = 20


def _llenar(motivo: str) -> str:
    """``motivo`` repeated to exactly TAMANO characters."""
    return (motivo * (TAMANO // len(motivo) + 1))[:TAMANO]


LLANO = _llenar(
    "Los consorcios de origen **agrupan** a productores de un *mismo* producto, como el "
    "[pisco](https://www.sela.org/) del Perú o los sombreros de Montecristi.\n\n"
)

PATOLOGICOS = {
    "corchetes": "[" * TAMANO,
    "corchetes cerrados": "]" * TAMANO,
    "enlaces sin cerrar": _llenar("[a]("),
    "enlaces vacíos": _llenar("[]("),
    "imágenes sin cerrar": _llenar("!["),
    "referencias": _llenar("[a]: "),
    "asteriscos": "*" * TAMANO,
    "énfasis mezclado": _llenar("*a_"),
    "subrayados": _llenar("_a"),
    "énfasis y enlaces": _llenar("*[a*]("),
    # Each line two spaces deeper: a few hundred lines already fill TAMANO (not TAMANO lines: 10 GB).
    "listas anidadas": "".join(" " * (2 * i) + "- x\n" for i in range(math.isqrt(TAMANO) + 2))[:TAMANO],
    "listas en una línea": _llenar("- "),
    "comillas invertidas": "`" * TAMANO,
    "comillas invertidas mezcladas": _llenar("`a``"),
    "citas anidadas": ">" * TAMANO,
    "citas anidadas con espacios": _llenar("> "),
    "citas por líneas": "".join(">" * (i % 500) + " x\n" for i in range(1, TAMANO))[:TAMANO],
    "autoenlaces sin cerrar": _llenar("<http://"),
    "direcciones": _llenar("http://a.b "),
    "www": _llenar("www."),
    "ángulos": "<" * TAMANO,
    "entidades": _llenar("&#"),
    "columnas de tabla": _llenar("|a") + "\n" + _llenar("|-") + "\n",
    "filas de tabla": "|a|b|\n|-|-|\n" + _llenar("|x|y|\n"),
    "almohadillas": "#" * TAMANO,
    "barras invertidas": "\\" * TAMANO,
    "arrobas": _llenar("a@"),
    "esquemas": _llenar("x ://"),
}


class Lento(Exception):
    pass


# Both the limit and the alarm count this process's CPU time, not the wall clock: other processes
# busy on the same machine (a benchmark, a second test run) slow the wall clock, not the CPU time.
@contextmanager
def _a_lo_sumo(segundos: float):
    """Raise Lento in the main thread if the block uses more than ``segundos`` of CPU time."""

    def alarma(signum, frame):
        raise Lento

    anterior = signal.signal(signal.SIGPROF, alarma)
    signal.setitimer(signal.ITIMER_PROF, segundos)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, anterior)


def _segundos(texto: str) -> float:
    gc.collect()
    inicio = time.process_time()
    a_html(texto)
    return time.process_time() - inicio


def _limite() -> float:
    """Twenty times the best of three renderings of ordinary prose of the same size."""
    return VECES_LO_LLANO * min(_segundos(LLANO) for _ in range(3))


@pytest.fixture(scope="module")
def limite() -> float:
    return _limite()


@pytest.mark.parametrize("nombre", PATOLOGICOS)
def test_pathological_markdown_renders_in_time_proportional_to_its_length(nombre, limite):
    texto = PATOLOGICOS[nombre]
    assert len(texto) >= TAMANO * 0.99
    # A second chance against a fresh measure of the prose (garbage collection, a cold cache). A
    # quadratic renderer misses both by orders of magnitude.
    for intento in (1, 2):
        try:
            with _a_lo_sumo(limite):
                _segundos(texto)
        except Lento:
            if intento == 2:
                pytest.fail(f"{nombre}: {TAMANO:,} caracteres, más de {limite:.2f} s ({VECES_LO_LLANO}× lo llano)")
            limite = _limite()
        else:
            break


def test_bare_addresses_become_links_that_search_engines_do_not_follow():
    html = a_html("Vea https://www.sela.org/es/ y www.unido.org, o escriba a red@example.org.")
    assert '<a href="https://www.sela.org/es/" rel="nofollow ugc noopener">https://www.sela.org/es/</a>' in html
    assert '<a href="http://www.unido.org" rel="nofollow ugc noopener">www.unido.org</a>' in html
    assert '<a href="mailto:red@example.org" rel="nofollow ugc noopener">red@example.org</a>' in html


def test_addresses_inside_code_and_links_are_left_as_they_are():
    html = a_html("`https://a.example/` y [la Red](https://www.redconsorcios.org) <https://b.example/>")
    assert "<code>https://a.example/</code>" in html
    assert html.count("<a ") == 2
    assert '<a href="https://b.example/" rel="nofollow ugc noopener">https://b.example/</a>' in html


def test_raw_html_stays_text_and_scripted_links_are_not_links():
    html = a_html("<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <b>b</b>")
    assert "&lt;script&gt;" in html
    assert "<img" not in html and "<b>" not in html
    assert "href" not in html


def test_pictures_are_not_embedded_but_linked():
    html = a_html("![plano](https://a.example/plano.png)")
    assert html == '<p>!<a href="https://a.example/plano.png" rel="nofollow ugc noopener">plano</a></p>'


def test_ordinary_markdown_keeps_its_meaning():
    html = a_html("## Título\n\n- uno\n- dos\n\n> cita\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncódigo\n```")
    for esperado in ("<h2>Título</h2>", "<li>uno</li>", "<blockquote>", "<td>1</td>", "<pre><code>código\n</code>"):
        assert esperado in html
