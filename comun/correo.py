"""E-mail of the portal: always through a background task, enqueued after commit.

Views and services never send mail inside the request: they call
``encolar_correo``, which waits for the transaction to commit (so a rolled-back
write sends nothing) and then enqueues ``enviar_correo`` on Django's tasks
framework (in-process in development and tests, a database queue and
``manage.py db_worker`` in production).

A task that fails is logged at error level by Django's tasks framework (logger ``django.tasks``,
with the traceback) and, in production, kept with its traceback in the database queue, where staff
see it in the admin ("Task results", filtered by status).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task


def una_linea(texto: str) -> str:
    """``texto`` on one line: a subject is a mail header, and a header with a line break is refused
    ("Header values may not contain linefeed"), so a name or title typed with one would lose the
    message. Every run of spaces, tabs and line breaks becomes one space."""
    return " ".join(str(texto).split())


@task()
def enviar_correo(
    *,
    asunto: str,
    texto: str,
    destinatarios: list[str],
    html: str | None = None,
    cabeceras: dict[str, str] | None = None,
    adjuntos: list[list[str]] | None = None,
) -> int:
    """Send one message to each recipient (so nobody sees the others' addresses). ``adjuntos`` are
    [file name, text content, MIME type] (text only: task arguments travel as JSON)."""
    enviados = 0
    for destinatario in destinatarios:
        mensaje = EmailMultiAlternatives(
            subject=una_linea(asunto),
            body=texto,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[destinatario],
            headers=cabeceras or {},
        )
        if html:
            mensaje.attach_alternative(html, "text/html")
        for nombre, contenido, tipo in adjuntos or []:
            mensaje.attach(nombre, contenido, tipo)
        enviados += mensaje.send()
    return enviados


def encolar_correo(
    *,
    asunto: str,
    texto: str,
    destinatarios: Sequence[str],
    html: str | None = None,
    cabeceras: dict[str, str] | None = None,
    adjuntos: list[list[str]] | None = None,
) -> None:
    """Enqueue an e-mail once the current transaction commits (now, if there is none)."""
    destinatarios = sorted(set(destinatarios))
    if not destinatarios:
        return
    transaction.on_commit(
        lambda: enviar_correo.enqueue(
            asunto=str(asunto),
            texto=texto,
            destinatarios=destinatarios,
            html=html,
            cabeceras=cabeceras,
            adjuntos=adjuntos,
        )
    )
