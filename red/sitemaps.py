"""Sitemap of the network: every member institution's profile (added to redconsorcios.urls' sitemaps)."""

from django.contrib.sitemaps import Sitemap

from miembros.models import Institucion


class InstitucionesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    i18n = True
    alternates = True

    def items(self):
        return Institucion.objects.miembros().only("slug", "actualizado").order_by("pk")

    def lastmod(self, institucion: Institucion):
        return institucion.actualizado


SITEMAPS = {"instituciones": InstitucionesSitemap}
