"""schema.org JSON-LD of a forum topic: a DiscussionForumPosting."""

from __future__ import annotations

from comun.jsonld import CONTEXTO, absoluta

from .models import MIEMBRO_RETIRADO, SIN_NOMBRE


def tema(t) -> dict:
    """A topic, its author by the name the forums show (``nombre_autor``, annotated by the view:
    never the account's e-mail address)."""
    if t.autor_id is None:
        autor = str(MIEMBRO_RETIRADO)
    else:
        autor = getattr(t, "nombre_autor", "") or SIN_NOMBRE % {"numero": t.autor_id}
    url = absoluta(t.get_absolute_url())
    return {
        "@context": CONTEXTO,
        "@type": "DiscussionForumPosting",
        "@id": url,
        "headline": t.titulo,
        "url": url,
        "author": {"@type": "Person", "name": autor},
        "datePublished": t.creado.isoformat(),
        "dateModified": t.ultima_actividad.isoformat(),
        "commentCount": t.respuestas,
        "isPartOf": {"@type": "WebPage", "name": t.foro.nombre, "url": absoluta(t.foro.get_absolute_url())},
    }
