"""Library texts staff write, in each language of the portal (django-modeltranslation).

The Markdown sources and the sanitised HTML made from them at write time are translated
together: ``save()`` makes each language's HTML from that language's source. Documents are not
here: each is in one language (``Documento.idioma``), as uploaded.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Evento, Noticia, SesionEvento, Tema


@register(Tema)
class TemaTraducciones(TranslationOptions):
    fields = ("nombre",)
    required_languages = ("es",)
    # A name left untranslated is NULL, not "": the columns are unique, as the name is.
    empty_values = None


@register(Noticia)
class NoticiaTraducciones(TranslationOptions):
    fields = ("titulo", "resumen", "cuerpo", "cuerpo_html")
    required_languages = ("es",)


@register(Evento)
class EventoTraducciones(TranslationOptions):
    fields = ("titulo", "descripcion", "descripcion_html")
    required_languages = ("es",)


@register(SesionEvento)
class SesionTraducciones(TranslationOptions):
    fields = ("titulo",)
    required_languages = ("es",)
