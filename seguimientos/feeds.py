"""A member's private RSS 2.0 and Atom feed: the activity of "Mi red" at a secret URL.

Feed readers carry no session, so the URL's secret (``PreferenciasSeguimiento.token_feed``) is what
identifies the member; "regenerar" replaces it and the old URL answers 404. Nothing is written when
a reader fetches it. Descriptions are the items' plain-text summaries, escaped (readers take a
description for HTML; see biblioteca/feeds.py).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from . import services
from .fuentes import Elemento
from .models import PreferenciasSeguimiento, Seguimiento

ELEMENTOS = 50


class ActividadRss(Feed):
    title = _("Mi red: lo que sigo en la Red de Consorcios")
    description = _("Las novedades de los consorcios, instituciones, países, sectores y foros que sigo.")

    def get_object(self, request, token: str) -> PreferenciasSeguimiento:
        preferencias = (
            PreferenciasSeguimiento.objects.filter(token_feed=token, miembro__is_active=True).only("miembro_id").first()
        )
        if preferencias is None:
            raise Http404
        return preferencias

    def link(self, obj: PreferenciasSeguimiento) -> str:
        return reverse("seguimientos:mi_red")

    def items(self, obj: PreferenciasSeguimiento) -> list[Elemento]:
        seguimientos = Seguimiento.objects.filter(miembro_id=obj.miembro_id).only(*Seguimiento.CAMPOS.values())
        return services.actividad_de(seguimientos, miembro_id=obj.miembro_id, limite=ELEMENTOS)

    def item_title(self, item: Elemento) -> str:
        return item.titulo

    def item_link(self, item: Elemento) -> str:
        return item.url

    def item_guid(self, item: Elemento) -> str:
        # The item's key, stable whichever follow reached it: readers show it once.
        return f"{settings.SITE_URL}/mi-red/{item.clave}"

    item_guid_is_permalink = False

    def item_description(self, item: Elemento) -> str:
        return linebreaks(item.resumen, autoescape=True)

    def item_pubdate(self, item: Elemento) -> datetime:
        return item.fecha

    def item_categories(self, item: Elemento) -> list[str]:
        return [services.etiqueta(item.tipo)]


class ActividadAtom(ActividadRss):
    feed_type = Atom1Feed
    subtitle = ActividadRss.description
