"""Citations for researchers: BibTeX and RIS of one document or a list."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .models import Documento

TIPO_BIBTEX = {
    Documento.Tipo.ESTUDIO: "techreport",
    Documento.Tipo.CASO: "techreport",
    Documento.Tipo.GUIA: "manual",
}
TIPO_RIS = {
    Documento.Tipo.LEGISLACION: "STAT",
    Documento.Tipo.ESTUDIO: "RPRT",
    Documento.Tipo.CASO: "RPRT",
    Documento.Tipo.PRESENTACION: "SLIDE",
    Documento.Tipo.VIDEO: "VIDEO",
    Documento.Tipo.GUIA: "GEN",
}


def _clave(documento: Documento) -> str:
    primero = (documento.lista_autores or [documento.titulo])[0]
    ascii_ = unicodedata.normalize("NFKD", primero).encode("ascii", "ignore").decode()
    palabra = re.sub(r"[^A-Za-z0-9]", "", ascii_.split(",")[0].split()[-1] if ascii_.split() else "doc")
    return f"{palabra.lower() or 'doc'}{documento.anio}_{documento.pk}"


def _bib(texto: str) -> str:
    """Escape BibTeX specials; braces keep the capitalisation of the title."""
    for especial, reemplazo in (("\\", r"\textbackslash{}"), ("{", r"\{"), ("}", r"\}")):
        texto = texto.replace(especial, reemplazo)
    for especial in "&%$#_":
        texto = texto.replace(especial, "\\" + especial)
    return " ".join(texto.split())


def bibtex(documentos: Iterable[Documento], *, base_url: str) -> str:
    entradas = []
    for d in documentos:
        campos = [("title", "{" + _bib(d.titulo) + "}"), ("year", str(d.anio))]
        if d.lista_autores:
            campos.append(("author", " and ".join(_bib(a) for a in d.lista_autores)))
        if d.institucion_id:
            campos.append(
                (
                    "institution" if TIPO_BIBTEX.get(d.tipo) == "techreport" else "organization",
                    _bib(d.institucion.nombre),
                )
            )
        campos.append(("url", d.enlace or base_url + d.get_absolute_url()))
        campos.append(("language", d.get_idioma_display()))
        campos.append(("abstract", _bib(d.resumen)))
        cuerpo = ",\n".join(f"  {nombre} = {{{valor}}}" for nombre, valor in campos)
        entradas.append(f"@{TIPO_BIBTEX.get(d.tipo, 'misc')}{{{_clave(d)},\n{cuerpo}\n}}\n")
    return "\n".join(entradas)


def _ris_linea(etiqueta: str, valor: str) -> str:
    return f"{etiqueta}  - {' '.join(str(valor).split())}"


def ris(documentos: Iterable[Documento], *, base_url: str) -> str:
    registros = []
    for d in documentos:
        lineas = [_ris_linea("TY", TIPO_RIS.get(d.tipo, "GEN")), _ris_linea("TI", d.titulo)]
        lineas += [_ris_linea("AU", a) for a in d.lista_autores]
        lineas.append(_ris_linea("PY", str(d.anio)))
        if d.fecha:
            lineas.append(_ris_linea("DA", d.fecha.strftime("%Y/%m/%d")))
        if d.institucion_id:
            lineas.append(_ris_linea("PB", d.institucion.nombre))
        lineas.append(_ris_linea("LA", d.get_idioma_display()))
        lineas.append(_ris_linea("AB", d.resumen))
        lineas.append(_ris_linea("UR", d.enlace or base_url + d.get_absolute_url()))
        lineas.append("ER  - ")
        registros.append("\r\n".join(lineas))
    return "\r\n".join(registros) + "\r\n"
