"""Checks JSON-LD against the schema.org vocabulary, as shipped by msgspec-schemaorg (PyPI, MIT;
its classes are generated from schema.org's own vocabulary file, https://schema.org/docs/developers.html,
CC BY-SA 3.0): every @type must be a schema.org type, and every property must be defined for
that type or one of its ancestors (each generated class inherits its ancestors' fields)."""

from __future__ import annotations

import json
import re

import msgspec_schemaorg.models as vocabulario

BLOQUE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def bloques(html: str) -> list[dict]:
    """Every JSON-LD block of a page, parsed."""
    return [json.loads(texto) for texto in BLOQUE.findall(html)]


def propiedades(tipo: str) -> set[str]:
    clase = getattr(vocabulario, tipo, None)
    assert isinstance(clase, type), f"{tipo} is not a schema.org type"
    return set(clase.__struct_encode_fields__)


def errores(nodo, ruta: str = "$") -> list[str]:
    """What in ``nodo`` schema.org does not define (empty: valid)."""
    hallados: list[str] = []
    if isinstance(nodo, list):
        for i, valor in enumerate(nodo):
            hallados += errores(valor, f"{ruta}[{i}]")
        return hallados
    if not isinstance(nodo, dict):
        return hallados
    tipo = nodo.get("@type")
    if tipo is not None:
        if not isinstance(getattr(vocabulario, tipo, None), type):
            return [f"{ruta}: {tipo} is not a schema.org type"]
        definidas = propiedades(tipo)
        for clave in nodo:
            if clave.startswith("@"):
                continue
            # An Action's "<property>-input" / "-output" annotates one of its properties (schema.org/docs/actions.html).
            base = re.sub(r"-(input|output)$", "", clave)
            if base not in definidas:
                hallados.append(f"{ruta}: {clave} is not a property of {tipo}")
    for clave, valor in nodo.items():
        hallados += errores(valor, f"{ruta}.{clave}")
    return hallados
