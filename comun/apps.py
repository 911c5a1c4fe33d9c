from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComunConfig(AppConfig):
    """The small base every app may use (Markdown, e-mail, upload validators, template tags,
    caching). It imports no other app of the portal."""

    name = "comun"
    verbose_name = _("Base común")
