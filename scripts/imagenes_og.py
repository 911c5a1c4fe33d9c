"""Draw the default preview images of shared links (OpenGraph, Twitter card), 1200×630 PNG, into
static/img/og/: one per section, used when a page has no image of its own (a consortium's logo, a
document's cover). Run once after changing them and commit the files; never at request time.

    .venv/bin/python scripts/imagenes_og.py

The network's colours (static/css/portal.css) and name; DejaVu Sans when the system has it
(Debian's fonts-dejavu-core), else Pillow's own font.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ANCHO, ALTO = 1200, 630
AZUL_OSCURO, AZUL, AMARILLO, BLANCO = "#073f53", "#0b5d7a", "#f2b705", "#ffffff"
DESTINO = Path(__file__).resolve().parents[1] / "static" / "img" / "og"
FUENTES = Path("/usr/share/fonts/truetype/dejavu")

# name → the section in the portal's three languages
SECCIONES = {
    "red": "Consorcios de exportación y de origen · de exportação e de origem · export and origin consortia",
    "consorcios": "Registro de consorcios · Registro de consórcios · Consortia registry",
    "biblioteca": "Biblioteca virtual · Biblioteca virtual · Virtual library",
    "foros": "Foros · Fóruns · Forums",
    "datos": "Datos abiertos · Dados abertos · Open data",
}


def fuente(tamano: int, negrita: bool = False) -> ImageFont.FreeTypeFont:
    archivo = FUENTES / ("DejaVuSans-Bold.ttf" if negrita else "DejaVuSans.ttf")
    if archivo.exists():
        return ImageFont.truetype(str(archivo), tamano)
    return ImageFont.load_default(size=tamano)


def renglones(dibujo: ImageDraw.ImageDraw, texto: str, letra, ancho: int) -> list[str]:
    """The text cut into lines no wider than ``ancho`` (at its " · " separators, then at spaces)."""
    lineas, actual = [], ""
    for palabra in texto.split(" "):
        prueba = f"{actual} {palabra}".strip()
        if dibujo.textlength(prueba, font=letra) <= ancho or not actual:
            actual = prueba
        else:
            lineas.append(actual)
            actual = palabra
    return [*lineas, actual]


def dibujar(nombre: str, seccion: str) -> None:
    imagen = Image.new("RGB", (ANCHO, ALTO), AZUL_OSCURO)
    dibujo = ImageDraw.Draw(imagen)
    dibujo.rectangle((0, ALTO - 24, ANCHO, ALTO), fill=AMARILLO)  # the accent bar of the header
    dibujo.ellipse((80, 90, 200, 210), fill=AZUL, outline=AMARILLO, width=8)  # the mark, as the favicon
    dibujo.text((250, 100), "Red Latinoamericana", font=fuente(64, negrita=True), fill=BLANCO)
    dibujo.text((250, 180), "de Consorcios", font=fuente(64, negrita=True), fill=BLANCO)
    letra = fuente(40)
    y = 340
    for linea in renglones(dibujo, seccion, letra, ANCHO - 160):
        dibujo.text((80, y), linea, font=letra, fill=AMARILLO)
        y += 56
    dibujo.text((80, ALTO - 90), "ONUDI · SELA · Federexport", font=fuente(30), fill="#e8eef2")
    imagen.save(DESTINO / f"{nombre}.png", optimize=True)


def main() -> None:
    DESTINO.mkdir(parents=True, exist_ok=True)
    for nombre, seccion in SECCIONES.items():
        dibujar(nombre, seccion)
        print(DESTINO / f"{nombre}.png")


if __name__ == "__main__":
    main()
