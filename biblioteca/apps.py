from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save
from django.utils.translation import gettext_lazy as _


def _documentos_afectados(sender, instance, action, reverse, pk_set, model, **kwargs) -> None:
    """A change of a document's topics or consortia, or of a consortium's sectors, writes the search
    labels of the documents concerned again (their topics and sectors are searchable)."""
    from consorcios.models import Consorcio

    from .models import Documento

    antes = "_biblioteca_antes"
    if action == "pre_clear":  # the links are gone after the clear: remember what they were
        setattr(instance, antes, list(sender.objects.filter(**{_columna(sender, instance): instance.pk})))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    documentos = Documento.objects.none()
    if isinstance(instance, Documento):
        documentos = Documento.objects.filter(pk=instance.pk)
    elif isinstance(instance, Consorcio) and sender is Consorcio.sectores.through:
        documentos = Documento.objects.filter(consorcios=instance)
    elif model is Documento:  # from a topic's or a consortium's side
        pks = pk_set if action != "post_clear" else [enlace.documento_id for enlace in getattr(instance, antes, [])]
        documentos = Documento.objects.filter(pk__in=list(pks or ()))
    else:  # a sector linked to or unlinked from consortia
        pks = pk_set if action != "post_clear" else [enlace.consorcio_id for enlace in getattr(instance, antes, [])]
        documentos = Documento.objects.filter(consorcios__in=list(pks or ()))
    documentos.distinct().actualizar_etiquetas()


def _columna(sender, instance) -> str:
    """The column of a many-to-many table that points at ``instance``'s model."""
    return next(f.attname for f in sender._meta.concrete_fields if f.related_model is type(instance))


def _tema_guardado(sender, instance, created, **kwargs) -> None:
    if not created:  # a renamed topic: its documents' labels
        instance.documentos.all().actualizar_etiquetas()


class BibliotecaConfig(AppConfig):
    name = "biblioteca"
    verbose_name = _("Biblioteca virtual")

    def ready(self) -> None:
        from comun.cache import vigilar
        from consorcios.models import Consorcio
        from miembros.models import Institucion

        from .models import Documento, Evento, Inscripcion, Noticia, SesionEvento, Tema

        for tabla in (Documento.temas.through, Documento.consorcios.through, Consorcio.sectores.through):
            m2m_changed.connect(_documentos_afectados, sender=tabla, dispatch_uid=f"biblioteca:etiquetas:{tabla}")
        post_save.connect(_tema_guardado, sender=Tema, dispatch_uid="biblioteca:etiquetas:tema")
        # What the library's public pages show: a write to any of these makes them stale
        # (comun/cache.py). Bulk writes send no signal and call invalidar("biblioteca") themselves.
        vigilar(
            Tema,
            Documento,
            Noticia,
            Evento,
            SesionEvento,
            Inscripcion,  # the places left, on the event's page
            Institucion,  # the publishing institution's name, on documents and results
            secciones=["biblioteca"],
        )
