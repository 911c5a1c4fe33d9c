"""Land borders between the countries the network works with: the matchmaking's "frontera común".

Symmetric pairs of ISO 3166-1 alpha-2 codes, from each country's official borders. Latin America
and the Caribbean, plus the European countries of the consortia presented at the seminar.
"""

from __future__ import annotations

_FRONTERAS = {
    "AR": "BO BR CL PY UY",
    "BO": "BR CL PE PY",
    "BR": "CO GF GY PE PY SR UY VE",
    "CL": "PE",
    "CO": "EC PA PE VE",
    "EC": "PE",
    "GY": "SR VE",
    "GF": "SR",
    "MX": "BZ GT US",
    "GT": "BZ HN SV",
    "HN": "NI SV",
    "NI": "CR",
    "CR": "PA",
    "DO": "HT",
    "US": "CA",
    "CH": "AT DE FR IT LI",
    "IT": "AT FR SI SM VA",
    "FR": "AD BE DE ES LU MC",
    "ES": "AD PT",
    "DE": "AT BE DK LU NL PL",
}


def vecinos() -> dict[str, list[str]]:
    """Each country's neighbours, both ways."""
    tabla: dict[str, set[str]] = {}
    for pais, otros in _FRONTERAS.items():
        for otro in otros.split():
            tabla.setdefault(pais, set()).add(otro)
            tabla.setdefault(otro, set()).add(pais)
    return {pais: sorted(otros) for pais, otros in tabla.items()}
