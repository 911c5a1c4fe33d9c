"""The open licence of each kind of data the portal publishes, chosen by staff in the admin.

It lives in the base app because every content app's structured metadata (the registry's Dataset,
the library's documents) names it, and so do the open-data page and its DCAT description (app
``datos``), which only read it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenciaDatos(models.Model):
    class Conjunto(models.TextChoices):
        REGISTRO = "registro", _("Registro de consorcios")
        BIBLIOTECA = "biblioteca", _("Metadatos de la biblioteca")
        NOTICIAS = "noticias", _("Noticias")
        EVENTOS = "eventos", _("Eventos")
        FOROS = "foros", _("Metadatos de los foros")

    class Licencia(models.TextChoices):
        # The licences an open-data portal is expected to use; their names are proper names.
        CC_BY_4 = "CC-BY-4.0", "Creative Commons Attribution 4.0 International (CC BY 4.0)"
        CC_BY_SA_4 = "CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"
        CC0 = "CC0-1.0", "Creative Commons CC0 1.0 Universal (CC0 1.0)"
        ODBL = "ODbL-1.0", "Open Data Commons Open Database License 1.0 (ODbL)"

    # The page of each licence (its SPDX identifier is the key).
    URLS = {
        Licencia.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
        Licencia.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
        Licencia.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
        Licencia.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
    }
    POR_DEFECTO = Licencia.CC_BY_4

    conjunto = models.CharField(_("conjunto de datos"), max_length=20, choices=Conjunto.choices, unique=True)
    licencia = models.CharField(_("licencia"), max_length=20, choices=Licencia.choices, default=POR_DEFECTO)

    class Meta:
        ordering = ["conjunto"]
        verbose_name = _("licencia de datos abiertos")
        verbose_name_plural = _("licencias de datos abiertos")

    def __str__(self) -> str:
        return f"{self.get_conjunto_display()}: {self.licencia}"

    @property
    def nombre(self) -> str:
        return self.get_licencia_display()

    @property
    def url(self) -> str:
        return self.URLS[self.Licencia(self.licencia)]

    @classmethod
    def de_cada_conjunto(cls) -> dict[str, LicenciaDatos]:
        """The licence of every kind of data, CC BY 4.0 where staff chose none.

        Hides one query, kept (``comun.cache.guardado``) until a licence changes: saving one bumps
        every section (comun/apps.py), since every section's pages name it.
        """
        from .cache import guardado

        def leer() -> dict[str, LicenciaDatos]:
            elegidas = {fila.conjunto: fila for fila in cls.objects.all()}
            return {c: elegidas.get(c) or cls(conjunto=c) for c in cls.Conjunto.values}

        return guardado("red", "licencias-de-datos", leer)

    @classmethod
    def del_conjunto(cls, conjunto: str) -> LicenciaDatos:
        return cls.de_cada_conjunto()[conjunto]
