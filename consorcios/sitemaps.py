"""Sitemap of the registry: every published consortium (add to redconsorcios.urls' sitemaps)."""

from django.contrib.sitemaps import Sitemap

from .models import Consorcio


class ConsorciosSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    i18n = True
    alternates = True

    def items(self):
        return Consorcio.objects.publicados().only("slug", "actualizado").order_by("pk")

    def lastmod(self, consorcio: Consorcio):
        return consorcio.actualizado


# For redconsorcios.urls' sitemap index, like biblioteca.sitemaps.SITEMAPS.
SITEMAPS = {"consorcios": ConsorciosSitemap}
