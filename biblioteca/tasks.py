"""Background work of the library: text extraction for search."""

from __future__ import annotations

import logging

from django.tasks import task

from comun.cache import invalidar

logger = logging.getLogger(__name__)


@task()
def extraer_texto_documento(*, documento_id: int) -> int:
    """Extract the text of an uploaded file; PostgreSQL then recomputes the search vector.

    Returns the number of characters stored. A file that cannot be read is logged and
    left searchable by its title, abstract and authors.
    """
    from .extraccion import extraer_texto
    from .models import Documento

    documento = Documento.objects.filter(pk=documento_id).only("archivo", "tipo_mime").first()
    if documento is None or not documento.archivo:
        return 0
    try:
        with documento.archivo.open("rb") as archivo:
            texto = extraer_texto(archivo, documento.tipo_mime)
    except Exception:  # a broken file must not kill the worker; the document stays usable
        logger.exception("No se pudo extraer el texto del documento %s", documento_id)
        return 0
    # The vector is a generated column: this UPDATE refreshes it in the same statement.
    Documento.objects.filter(pk=documento_id).update(texto_extraido=texto)
    invalidar("biblioteca")  # update() sends no signal; cached search pages must see the new text
    return len(texto)
