"""Explicit admin registration.

We use SimpleAdminConfig instead of admin autodiscovery because
django-leaflet's admin module imports GeoDjango, which needs the GDAL system
library. Each app's admin module is imported here instead.
"""

from allauth.account import admin as allauth_admin  # noqa: F401
from django.contrib.auth import admin as auth_admin  # noqa: F401
from django.utils.translation import gettext_noop, ngettext_lazy
from django_tasks_db import admin as tareas_admin  # noqa: F401  (failed tasks, e.g. lost e-mails, with their traceback)

import biblioteca.admin  # noqa: F401
import boletin.admin  # noqa: F401
import consorcios.admin  # noqa: F401
import datos.admin  # noqa: F401
import foros.admin  # noqa: F401
import miembros.admin  # noqa: F401

# Django 6.1's admin says these in English: its es and pt catalogues lack them (new or changed
# msgids). Marked here, makemessages keeps them in locale/, whose translations come before
# Django's own (LOCALE_PATHS). The admin's JavaScript ones (the time-zone note, the calendar's
# shortcuts) are in locale/<es|pt>/LC_MESSAGES/djangojs.po, kept by hand: makemessages does not
# write that domain here. tests/portal/test_admin_idioma.py finds any that is still missing.
MENSAJES_DEL_ADMIN_DE_DJANGO = [
    gettext_noop("Run"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Logout"),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected "
        "related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following "
        "related items will be deleted:"
    ),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
]
