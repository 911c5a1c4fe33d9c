"""What OAI-PMH needs beyond the library's own tables: the tombstones of deleted documents.

A published document that is unpublished (rejected afterwards) keeps its row and is announced
as deleted from it (``publicado_en`` stays set). One deleted outright leaves this tombstone, so
the repository's ``deletedRecord`` can be "persistent": harvesters learn of it at any time.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentoBorrado(models.Model):
    # The deleted document's pk, which its OAI identifier carries (PostgreSQL never reuses it).
    documento_id = models.BigIntegerField(_("documento"), primary_key=True)
    titulo = models.CharField(_("título"), max_length=300)
    # Its type and countries, for the sets a harvester asks by (tipo:<key>, pais:<ISO>).
    tipo = models.CharField(_("tipo"), max_length=20)
    paises = models.CharField(_("países"), max_length=800, blank=True)
    borrado = models.DateTimeField(_("borrado el"), default=timezone.now)

    class Meta:
        ordering = ["borrado", "documento_id"]
        verbose_name = _("documento borrado")
        verbose_name_plural = _("documentos borrados")
        indexes = [
            # OAI-PMH lists: WHERE borrado in [from, until) ORDER BY borrado, documento_id.
            models.Index(fields=["borrado", "documento_id"], name="documentoborrado_fecha_idx"),
        ]

    def __str__(self) -> str:
        return self.titulo


def anotar_borrado(sender, instance, **kwargs) -> None:
    """pre_delete of a library document: leave a tombstone if harvesters may have seen it."""
    if instance.estado == instance.Estado.PUBLICADO or instance.publicado_en is not None:
        DocumentoBorrado.objects.update_or_create(
            documento_id=instance.pk,
            defaults={
                "titulo": instance.titulo[:300],
                "tipo": instance.tipo,
                "paises": ",".join(str(getattr(p, "code", p)) for p in instance.paises),
            },
        )
