"""Forum texts staff write, in each language of the portal (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Foro


@register(Foro)
class ForoTraducciones(TranslationOptions):
    fields = ("nombre", "descripcion")
    required_languages = ("es",)
