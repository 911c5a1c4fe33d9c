"""RSS 2.0 and Atom feeds of documents, news and events (django.contrib.syndication).

Feed readers render an item's description as HTML. Each description is therefore HTML we made
safe: the sanitised HTML stored at write time (news, events) or the escaped plain text (a
document's abstract), never a member's text as typed.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from .models import Documento, Evento, Noticia

ELEMENTOS = 30


class DocumentosRss(Feed):
    title = _("Biblioteca de la Red de Consorcios: documentos nuevos")
    description = _("Casos, legislación, metodologías e incentivos publicados en la biblioteca virtual.")

    def link(self):
        return reverse("biblioteca:buscar")

    def items(self):
        return Documento.objects.publicados().para_lista().order_by("-publicado_en", "-pk")[:ELEMENTOS]

    def item_title(self, item: Documento) -> str:
        return item.titulo

    def item_description(self, item: Documento) -> str:
        # Readers take a description for HTML: the member's plain-text abstract goes escaped, in
        # paragraphs, so "<b>" typed in it reads as "<b>", never as markup (issue 23).
        return linebreaks(item.resumen, autoescape=True)

    def item_author_name(self, item: Documento) -> str:
        return ", ".join(item.lista_autores)

    def item_pubdate(self, item: Documento) -> datetime:
        return item.publicado_en or item.creado

    def item_categories(self, item: Documento) -> list[str]:
        return [str(item.get_tipo_display())]


class DocumentosAtom(DocumentosRss):
    feed_type = Atom1Feed
    subtitle = DocumentosRss.description


class NoticiasRss(Feed):
    title = _("Noticias de la Red de Consorcios")
    description = _("Novedades de la Red Latinoamericana de Consorcios.")

    def link(self):
        return reverse("biblioteca:noticias")

    def items(self):
        return Noticia.objects.publicados()[:ELEMENTOS]

    def item_title(self, item: Noticia) -> str:
        return item.titulo

    def item_description(self, item: Noticia) -> str:
        return item.cuerpo_html  # sanitised at write time

    def item_pubdate(self, item: Noticia) -> datetime:
        return item.publicada_en

    def item_updateddate(self, item: Noticia) -> datetime:
        return max(item.actualizado, item.publicada_en)


class NoticiasAtom(NoticiasRss):
    feed_type = Atom1Feed
    subtitle = NoticiasRss.description


class EventosRss(Feed):
    title = _("Próximos eventos de la Red de Consorcios")
    description = _("Seminarios, foros y talleres sobre consorcios de exportación y de origen.")

    def link(self):
        return reverse("biblioteca:eventos")

    def items(self):
        return Evento.objects.proximos()[:ELEMENTOS]

    def item_title(self, item: Evento) -> str:
        inicio = timezone.localtime(item.inicio)
        return f"{item.titulo} ({inicio:%d/%m/%Y})"

    def item_description(self, item: Evento) -> str:
        return item.descripcion_html

    def item_pubdate(self, item: Evento) -> datetime:
        return item.creado

    def item_updateddate(self, item: Evento) -> datetime:
        return item.actualizado


class EventosAtom(EventosRss):
    feed_type = Atom1Feed
    subtitle = EventosRss.description


CANALES = {
    # Classes, instantiated per request (views.canal). Links are absolute from the
    # request's host: without django.contrib.sites, syndication uses RequestSite.
    ("documentos", "rss"): DocumentosRss,
    ("documentos", "atom"): DocumentosAtom,
    ("noticias", "rss"): NoticiasRss,
    ("noticias", "atom"): NoticiasAtom,
    ("eventos", "rss"): EventosRss,
    ("eventos", "atom"): EventosAtom,
}
