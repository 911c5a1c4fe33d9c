"""Sitemap of the current published opportunities (added to redconsorcios.urls' sitemaps)."""

from django.contrib.sitemaps import Sitemap

from .models import Oportunidad


class OportunidadesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True

    def items(self):
        return Oportunidad.objects.publicadas().only("slug", "actualizada").order_by("pk")

    def lastmod(self, oportunidad: Oportunidad):
        return oportunidad.actualizada


SITEMAPS = {"oportunidades": OportunidadesSitemap}
