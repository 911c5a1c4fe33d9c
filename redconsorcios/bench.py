"""The page types of the benchmark. Each entry: nombre, ruta, privada (logged-in)."""

from __future__ import annotations


def paginas() -> list[dict]:
    return [
        {"nombre": "inicio", "ruta": "/"},
        {"nombre": "acerca de la Red", "ruta": "/acerca/"},
        {"nombre": "perfil (con sesión)", "ruta": "/miembros/perfil/", "privada": True},
    ]
