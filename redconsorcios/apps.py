from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django 6.1's label for the empty choice of a model field's select is not in its es and pt
# catalogues yet; the project's catalogue (first in LOCALE_PATHS) translates it.
gettext_noop("- Select an option -")


class PortalConfig(AppConfig):
    name = "redconsorcios"
    verbose_name = _("Portal")

    # Apps whose writes change what anonymous pages show…
    APPS_DE_CONTENIDO = ("miembros", "consorcios", "biblioteca", "foros", "boletin")
    # …except these models, private bookkeeping that no anonymous page shows.
    SIN_EFECTO_EN_PAGINAS = {
        "foros.Lectura",
        "foros.Suscripcion",
        "foros.ResumenForos",
        "foros.Reporte",
        "boletin.Suscriptor",
        "boletin.Entrega",
    }

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import invalidar

        for etiqueta in self.APPS_DE_CONTENIDO:
            if not apps.is_installed(etiqueta):
                continue
            for modelo in apps.get_app_config(etiqueta).get_models():
                if modelo._meta.label in self.SIN_EFECTO_EN_PAGINAS:
                    continue
                post_save.connect(invalidar, sender=modelo, dispatch_uid=f"cache-save-{modelo._meta.label}")
                post_delete.connect(invalidar, sender=modelo, dispatch_uid=f"cache-delete-{modelo._meta.label}")
        m2m_changed.connect(invalidar, dispatch_uid="cache-m2m")  # (any m2m change: rare, and always content)
