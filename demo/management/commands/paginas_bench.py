"""The pages `make bench` measures, with the SQL queries each costs with the fragments (and derived
values) warm and cold (JSON on the last line of stdout; notes about pages left out on the lines
before, starting with "#")."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from demo import bench


class Command(BaseCommand):
    help = "Lista las páginas del benchmark y cuenta sus consultas SQL."

    @override_settings(ALLOWED_HOSTS=["*"], CACHE_PAGINAS_SEGUNDOS=0)
    def handle(self, *args, **options):
        usuario, _ = get_user_model().objects.get_or_create(
            username="bench@example.org", defaults={"email": "bench@example.org"}
        )
        privado = Client()
        privado.force_login(usuario)
        sesion = privado.cookies["sessionid"].value
        # CACHE_FRAGMENTOS_SEGUNDOS=0, as settings.py reads it: no fragment and no derived value kept.
        sin_fragmentos = {
            "CACHE_FRAGMENTOS_SEGUNDOS": 0,
            "CACHES": {
                **settings.CACHES,
                "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
            },
        }
        paginas = []
        for pagina in bench.paginas():
            cliente = privado if pagina.get("privada") else Client()
            with override_settings(**sin_fragmentos), CaptureQueriesContext(connection) as frias:
                cliente.get(pagina["ruta"], secure=True)  # every fragment and derived value computed: the cold pass
            frias = len(frias)  # now: the next request resets the connection's query log
            cliente.get(pagina["ruta"], secure=True)  # warm per-process caches, as a running server has them
            with CaptureQueriesContext(connection) as consultas:
                respuesta = cliente.get(pagina["ruta"], secure=True)
            if respuesta.status_code != 200:
                # A page type this build does not serve yet is left out of the run, with a note.
                self.stdout.write(f"# omitida: {pagina['nombre']} ({pagina['ruta']}) respondió {respuesta.status_code}")
                continue
            pagina["consultas"] = len(consultas)
            pagina["consultas_frio"] = frias
            if pagina.get("privada"):
                pagina["cabeceras"] = {"Cookie": f"sessionid={sesion}"}
            paginas.append(pagina)
        self.stdout.write(json.dumps(paginas))
