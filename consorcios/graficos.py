"""Server-rendered SVG chart of the yearly figures (no JavaScript library)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import IndicadorAnual

ANCHO, ALTO = 640, 260
MARGEN_IZQ, MARGEN_INF, MARGEN_SUP = 16, 40, 28


@dataclass(frozen=True)
class Barra:
    x: float
    y: float
    ancho: float
    alto: float
    anio: int
    valor: int
    centro: float


def grafico_indicadores(indicadores: list[IndicadorAnual]) -> dict | None:
    """Bars of exports in USD by year, or of jobs when no exports are known."""
    serie = [(i.anio, i.exportaciones_usd) for i in indicadores if i.exportaciones_usd is not None]
    titulo = _("Exportaciones por año (USD)")
    if not serie:
        serie = [(i.anio, i.empleos) for i in indicadores if i.empleos is not None]
        titulo = _("Empleos por año")
    if not serie:
        return None
    maximo = max(v for _a, v in serie) or 1
    hueco = (ANCHO - MARGEN_IZQ * 2) / len(serie)
    ancho = min(hueco * 0.7, 80)
    util = ALTO - MARGEN_INF - MARGEN_SUP
    barras = []
    for n, (anio, valor) in enumerate(serie):
        alto = util * valor / maximo
        x = MARGEN_IZQ + n * hueco + (hueco - ancho) / 2
        barras.append(
            Barra(
                x=round(x, 1),
                y=round(MARGEN_SUP + util - alto, 1),
                ancho=round(ancho, 1),
                alto=round(alto, 1),
                anio=anio,
                valor=valor,
                centro=round(x + ancho / 2, 1),
            )
        )
    return {
        "titulo": titulo,
        "ancho": ANCHO,
        "alto": ALTO,
        "barras": barras,
        "base": ALTO - MARGEN_INF,
        "y_anio": ALTO - MARGEN_INF + 20,
    }


# --- Statistics page: horizontal bars, one per category -------------------------------------
# Each row is its label and count on one line (HTML, so text keeps its size and wraps nowhere),
# its bar below. The bars are one <svg> whose 0-100 units stretch to the width of the page:
# readable on a 360 px phone. Rows are ALTO_FILA pixels high in both (consorcios.css). Every
# length is a plain number (tests/portal/test_numeros.py).
ALTO_FILA, ALTO_BARRA, ALTO_TEXTO = 38, 14, 20


@dataclass(frozen=True)
class Fila:
    etiqueta: str
    valor: int
    y: float  # of the bar
    ancho: float  # of the bar, in hundredths of the chart's width


def grafico_barras(filas: list[tuple[str, int]]) -> dict | None:
    """Horizontal bar chart of (label, count) rows, drawn with SVG attributes only (the CSP forbids styles)."""
    if not filas:
        return None
    maximo = max(valor for _e, valor in filas) or 1
    dibujadas = [
        Fila(
            etiqueta=etiqueta,
            valor=valor,
            y=n * ALTO_FILA + ALTO_TEXTO,
            ancho=round(max(100 * valor / maximo, 0.5), 1),
        )
        for n, (etiqueta, valor) in enumerate(filas)
    ]
    return {"alto": len(filas) * ALTO_FILA, "alto_barra": ALTO_BARRA, "filas": dibujadas}
