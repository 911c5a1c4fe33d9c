"""Members' API keys: a key raises the client's rate limit; it opens nothing the public cannot read."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LARGO_PREFIJO = 8


def huella(secreto: str) -> str:
    """SHA-256 of the secret part. The secret is 256 random bits, not a password a person chose:
    a fast hash is enough (nothing to guess), and a slow one would cost every request its time."""
    return hashlib.sha256(secreto.encode()).hexdigest()


class ClaveAPIQuerySet(models.QuerySet):
    def vigentes(self) -> ClaveAPIQuerySet:
        return self.filter(revocada_en__isnull=True)


class ClaveAPI(models.Model):
    """``<prefijo>.<secreto>``: the prefix finds the row (and is shown in the member's list), only
    the secret's hash is kept, and the whole key is shown once, when it is made."""

    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claves_api", verbose_name=_("miembro")
    )
    nombre = models.CharField(_("nombre"), max_length=80, help_text=_("Para reconocerla: «script de mi tesis»."))
    prefijo = models.CharField(_("prefijo"), max_length=LARGO_PREFIJO, unique=True, editable=False)
    secreto_hash = models.CharField(_("huella del secreto"), max_length=64, editable=False)
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    # No "last used": a GET never writes. Revoked keys stay listed for the member, and are refused.
    revocada_en = models.DateTimeField(_("revocada el"), null=True, blank=True, editable=False)

    objects = ClaveAPIQuerySet.as_manager()

    class Meta:
        ordering = ["-creada", "-pk"]
        verbose_name = _("clave de la API")
        verbose_name_plural = _("claves de la API")
        indexes = [
            # The member's keys page: WHERE miembro_id = … ORDER BY creada DESC.
            models.Index(fields=["miembro", "-creada"], name="claveapi_miembro_idx"),
        ]
        constraints = [
            # The key's name is how its member tells it apart: one name per member among live keys.
            models.UniqueConstraint(
                fields=["miembro", "nombre"], condition=Q(revocada_en__isnull=True), name="claveapi_nombre_unico"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.prefijo}…)"

    @property
    def vigente(self) -> bool:
        return self.revocada_en is None

    @classmethod
    def nueva(cls, *, miembro, nombre: str) -> tuple[ClaveAPI, str]:
        """An unsaved key and its full text (to show once)."""
        prefijo = secrets.token_hex(LARGO_PREFIJO // 2)
        secreto = secrets.token_urlsafe(32)
        return cls(
            miembro=miembro, nombre=nombre, prefijo=prefijo, secreto_hash=huella(secreto)
        ), f"{prefijo}.{secreto}"

    def admite(self, secreto: str) -> bool:
        return hmac.compare_digest(self.secreto_hash, huella(secreto))
