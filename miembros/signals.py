from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from comun.cache import invalidar

from .models import Consentimiento, Perfil


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def crear_perfil(sender, instance, created: bool, **kwargs) -> None:
    """Every account has a profile, so views never need to check."""
    if created:
        Perfil.objects.get_or_create(usuario=instance)


# Sent when a member withdraws a consent (from the consents page or the form that gave it), with
# ``usuario``, ``tipo`` (Consentimiento.Tipo) and ``referencia``: the app acting on that consent
# (it may not be imported here, README "Architecture") listens and stops, e.g. unsubscribes.
consentimiento_retirado = Signal()


@receiver(consentimiento_retirado)
def _ocultar_perfil(sender, usuario, tipo: str, **kwargs) -> None:
    """Withdrawing the consent to a public profile hides it at once (an update: the network's pages
    that list promoters are made stale by hand)."""
    if tipo == Consentimiento.Tipo.PERFIL_PUBLICO:
        Perfil.objects.filter(usuario=usuario).update(campos_publicos=[])
        invalidar("red")
