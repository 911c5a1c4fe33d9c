from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PaginasSitemap(Sitemap):
    """The portal's fixed pages, in every language (hreflang alternates)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["portada", "acerca", "privacidad"]

    def location(self, item: str) -> str:
        return reverse(item)
