from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django 6.1's label for the empty choice of a model field's select is not in its es and pt
# catalogues yet; the project's catalogue (first in LOCALE_PATHS) translates it.
gettext_noop("- Select an option -")


class PortalConfig(AppConfig):
    name = "redconsorcios"
    verbose_name = _("Portal")
