from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Volcado(models.Model):
    """A full dump's file in storage (``datos-abiertos/<nombre>``), written by ``volcados.reconstruir``.

    Its size and date are kept here so the open-data page reads one table, not the storage."""

    nombre = models.CharField(_("nombre del archivo"), max_length=60, unique=True)
    tamano = models.PositiveBigIntegerField(_("tamaño en bytes"))
    filas = models.PositiveIntegerField(_("filas"))
    generado = models.DateTimeField(_("generado"))

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("volcado de datos abiertos")
        verbose_name_plural = _("volcados de datos abiertos")

    def __str__(self) -> str:
        return self.nombre

    @property
    def ruta(self) -> str:
        return f"{CARPETA}{self.nombre}"


# The public folder of the dumps in the default storage (served like the public images, /media/).
CARPETA = "datos-abiertos/"
