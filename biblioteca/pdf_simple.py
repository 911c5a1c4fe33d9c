"""A tiny, valid PDF of plain text lines (Helvetica, WinAnsi), for demo data and tests.

Not a layout engine: one page per ~45 lines, no wrapping beyond what the caller does.
Accented Spanish letters survive because WinAnsiEncoding covers them (cp1252).
"""

from __future__ import annotations

import textwrap


def _literal(texto: str) -> bytes:
    crudo = texto.encode("cp1252", errors="replace")
    return b"(" + crudo.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_de_texto(parrafos: list[str], *, ancho: int = 90, lineas_por_pagina: int = 45) -> bytes:
    lineas: list[str] = []
    for parrafo in parrafos:
        lineas += textwrap.wrap(parrafo, ancho) or [""]
        lineas.append("")
    paginas = [lineas[i : i + lineas_por_pagina] for i in range(0, len(lineas), lineas_por_pagina)] or [[""]]

    objetos: list[bytes] = []
    # 1: catalog, 2: pages, 3: font; then a (page, content) pair per page.
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(paginas)))
    objetos.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objetos.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(paginas)} >>".encode())
    objetos.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, pagina in enumerate(paginas):
        contenido = b"BT /F1 11 Tf 14 TL 56 790 Td " + b" ".join(_literal(linea) + b" '" for linea in pagina) + b" ET"
        objetos.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objetos.append(b"<< /Length %d >>\nstream\n" % len(contenido) + contenido + b"\nendstream")

    salida = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    posiciones = []
    for numero, objeto in enumerate(objetos, start=1):
        posiciones.append(len(salida))
        salida += b"%d 0 obj\n" % numero + objeto + b"\nendobj\n"
    inicio_xref = len(salida)
    salida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    for posicion in posiciones:
        salida += b"%010d 00000 n \n" % posicion
    salida += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objetos) + 1, inicio_xref)
    return bytes(salida)
