"""RSS 2.0 and Atom feeds of the current published opportunities (django.contrib.syndication).

Each description is the sanitised HTML stored at write time, never a member's text as typed.
An opportunity past its deadline leaves the feed by date, like the list.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Oportunidad

ELEMENTOS = 30


class OportunidadesRss(Feed):
    title = _("Oportunidades de cooperación de la Red de Consorcios")
    description = _("Ofertas y búsquedas de socios, proveedores y mercados publicadas por consorcios e instituciones.")

    def link(self):
        return reverse("oportunidades:lista")

    def items(self):
        return Oportunidad.objects.publicadas().select_related("consorcio", "institucion")[:ELEMENTOS]

    def item_title(self, item: Oportunidad) -> str:
        return item.titulo

    def item_description(self, item: Oportunidad) -> str:
        return item.descripcion_html  # sanitised at write time

    def item_author_name(self, item: Oportunidad) -> str:
        return str(item.publicador)  # the consortium or institution, never the member who wrote it

    def item_pubdate(self, item: Oportunidad) -> datetime:
        return item.publicada_en or item.creada

    def item_updateddate(self, item: Oportunidad) -> datetime:
        return item.actualizada

    def item_categories(self, item: Oportunidad) -> list[str]:
        return [str(item.get_tipo_display())]


class OportunidadesAtom(OportunidadesRss):
    feed_type = Atom1Feed
    subtitle = OportunidadesRss.description
