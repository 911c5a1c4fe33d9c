"""schema.org JSON-LD of the library's pages: documents by type, news articles and events."""

from __future__ import annotations

from django.urls import reverse

from comun.jsonld import CONTEXTO, absoluta, la_red, sin_vacios, texto_breve

# The schema.org type of each document type; CreativeWork for the rest.
TIPOS = {
    "legislacion": "Legislation",
    "caso": "ScholarlyArticle",
    "estudio": "ScholarlyArticle",
    "metodologia": "CreativeWork",
    "presentacion": "PresentationDigitalDocument",
    "video": "VideoObject",
}
# Languages schema.org can name (BCP 47); "otro" says nothing.
IDIOMAS = {"es", "pt", "en", "fr", "it"}


def documento(d) -> dict:
    """A document's page: its temas come prefetched (biblioteca.views.DocumentoView)."""
    url = absoluta(d.get_absolute_url())
    licencia = d.licencia if d.licencia.startswith(("http://", "https://")) else None
    return sin_vacios(
        {
            "@context": CONTEXTO,
            "@type": TIPOS.get(d.tipo, "CreativeWork"),
            "@id": url,
            "name": d.titulo,
            "url": url,
            "abstract": texto_breve(d.resumen, 1000),
            "author": [{"@type": "Person", "name": autor} for autor in d.lista_autores],
            "publisher": {"@type": "Organization", "name": d.institucion.nombre} if d.institucion else None,
            "datePublished": d.fecha.isoformat() if d.fecha else str(d.anio),
            "inLanguage": d.idioma if d.idioma in IDIOMAS else None,
            "keywords": [str(tema) for tema in d.temas.all()],
            "genre": d.get_tipo_display(),
            "spatialCoverage": [{"@type": "Country", "name": p.name, "identifier": p.code} for p in d.paises],
            # A licence given as an address is one; a name is a work that names it.
            "license": licencia or ({"@type": "CreativeWork", "name": d.licencia} if d.licencia else None),
            "image": absoluta(d.portada.url) if d.portada else None,
            "sameAs": d.enlace,
            "encoding": sin_vacios(
                {
                    "@type": "MediaObject",
                    "contentUrl": absoluta(reverse("biblioteca:descargar", args=[d.slug])),
                    "encodingFormat": d.tipo_mime,
                    "contentSize": f"{d.tamano} B" if d.tamano else None,
                }
            )
            if d.archivo
            else None,
        }
    )


def noticia(n) -> dict:
    url = absoluta(n.get_absolute_url())
    return sin_vacios(
        {
            "@context": CONTEXTO,
            "@type": "NewsArticle",
            "@id": url,
            "headline": n.titulo,
            "url": url,
            "description": n.resumen,
            "datePublished": n.publicada_en.isoformat() if n.publicada_en else None,
            "dateModified": n.actualizado.isoformat() if n.actualizado else None,
            "image": absoluta(n.imagen.url) if n.imagen else None,
            "author": la_red(),
            "publisher": la_red(),
        }
    )


ASISTENCIA = {
    "presencial": "https://schema.org/OfflineEventAttendanceMode",
    "en_linea": "https://schema.org/OnlineEventAttendanceMode",
    "hibrida": "https://schema.org/MixedEventAttendanceMode",
}


def evento(e) -> dict:
    """An event. The model says neither organizer nor price, so neither is stated."""
    url = absoluta(e.get_absolute_url())
    lugares = []
    if e.modalidad != "en_linea" and (e.lugar or e.pais):
        direccion = {"@type": "PostalAddress", "addressCountry": e.pais.code} if e.pais else None
        lugares.append(sin_vacios({"@type": "Place", "name": e.lugar, "address": direccion}))
    if e.modalidad != "presencial" and e.enlace:
        lugares.append({"@type": "VirtualLocation", "url": e.enlace})
    return sin_vacios(
        {
            "@context": CONTEXTO,
            "@type": "Event",
            "@id": url,
            "name": e.titulo,
            "url": url,
            "description": texto_breve(e.descripcion_html or e.descripcion),
            "startDate": e.inicio.isoformat(),
            "endDate": e.fin.isoformat(),
            "eventAttendanceMode": ASISTENCIA.get(e.modalidad),
            "eventStatus": "https://schema.org/EventScheduled",
            "location": lugares[0] if len(lugares) == 1 else lugares,
        }
    )
