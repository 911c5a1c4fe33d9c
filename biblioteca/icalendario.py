"""iCalendar (RFC 5545) text for events, written by hand: a few properties, done carefully.

Lines end in CRLF, are folded at 75 octets without splitting a UTF-8 character,
and TEXT values escape backslash, semicolon, comma and newlines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from html import unescape

from django.conf import settings
from django.utils.html import strip_tags

from .models import Evento

PRODID = "-//Red Latinoamericana de Consorcios//Biblioteca//ES"


def _texto(valor: str) -> str:
    return (
        valor.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")
    )


def _plegar(linea: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 §3.1)."""
    partes, actual, tamano = [], "", 0
    limite = 75
    for caracter in linea:
        octetos = len(caracter.encode())
        if tamano + octetos > limite:
            partes.append(actual)
            actual, tamano, limite = "", 0, 74  # continuation lines start with a space
        actual += caracter
        tamano += octetos
    partes.append(actual)
    return "\r\n ".join(partes)


def _fecha(valor: datetime) -> str:
    return valor.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vevento(evento: Evento, ahora: datetime) -> list[str]:
    url = settings.SITE_URL + evento.get_absolute_url()
    descripcion = unescape(strip_tags(evento.descripcion_html)).strip()
    if evento.enlace:
        descripcion = f"{descripcion}\n\n{evento.enlace}"
    lugar = ", ".join(p for p in [evento.lugar, evento.pais.name if evento.pais else ""] if p)
    lineas = [
        "BEGIN:VEVENT",
        f"UID:evento-{evento.pk}@{settings.SITE_URL.split('://', 1)[-1]}",
        f"DTSTAMP:{_fecha(ahora)}",
        f"DTSTART:{_fecha(evento.inicio)}",
        f"DTEND:{_fecha(evento.fin)}",
        f"SUMMARY:{_texto(evento.titulo)}",
        f"DESCRIPTION:{_texto(descripcion)}",
        f"URL:{url}",
    ]
    if lugar:
        lineas.append(f"LOCATION:{_texto(lugar)}")
    lineas.append("END:VEVENT")
    return lineas


def calendario(eventos: Iterable[Evento], *, nombre: str) -> str:
    ahora = datetime.now(UTC)
    lineas = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lineas.append(f"X-WR-CALNAME:{_texto(nombre)}")
    for evento in eventos:
        lineas += _vevento(evento, ahora)
    lineas.append("END:VCALENDAR")
    return "".join(_plegar(linea) + "\r\n" for linea in lineas)
