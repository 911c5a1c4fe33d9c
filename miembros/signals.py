from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Perfil


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def crear_perfil(sender, instance, created: bool, **kwargs) -> None:
    """Every account has a profile, so views never need to check."""
    if created:
        Perfil.objects.get_or_create(usuario=instance)
