"""Sitemaps of the library, for the integrator to add to redconsorcios/urls.py's `sitemaps`.

Published documents, news and events in every language (hreflang alternates);
each is one query whatever the language count.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Documento, Evento, Noticia


class _Biblioteca(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class DocumentosSitemap(_Biblioteca):
    changefreq = "monthly"

    def items(self):
        return Documento.objects.filter(estado=Documento.Estado.PUBLICADO).only("slug", "actualizado").order_by("pk")

    def lastmod(self, item: Documento):
        return item.actualizado


class NoticiasSitemap(_Biblioteca):
    changefreq = "yearly"

    def items(self):
        return Noticia.objects.publicados().only("slug", "actualizado").order_by("pk")

    def lastmod(self, item: Noticia):
        return item.actualizado


class EventosSitemap(_Biblioteca):
    changefreq = "weekly"

    def items(self):
        return Evento.objects.publicados().only("slug", "actualizado").order_by("pk")

    def lastmod(self, item: Evento):
        return item.actualizado


class PaginasBibliotecaSitemap(_Biblioteca):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["biblioteca:buscar", "biblioteca:legislacion", "biblioteca:noticias", "biblioteca:eventos"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "biblioteca": PaginasBibliotecaSitemap,
    "documentos": DocumentosSitemap,
    "noticias": NoticiasSitemap,
    "eventos": EventosSitemap,
}
