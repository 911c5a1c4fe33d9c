"""Explicit admin registration.

We use SimpleAdminConfig instead of admin autodiscovery because
django-leaflet's admin module imports GeoDjango, which needs the GDAL system
library. Each app's admin module is imported here instead.
"""

from allauth.account import admin as allauth_admin  # noqa: F401
from django.contrib.auth import admin as auth_admin  # noqa: F401
from django_tasks_db import admin as tareas_admin  # noqa: F401  (failed tasks, e.g. lost e-mails, with their traceback)

import biblioteca.admin  # noqa: F401
import boletin.admin  # noqa: F401
import consorcios.admin  # noqa: F401
import foros.admin  # noqa: F401
import miembros.admin  # noqa: F401
