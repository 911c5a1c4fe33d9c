"""The portal's admin site: Django's, with a home page that shows what waits for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.apps import SimpleAdminConfig
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Pendiente:
    """A queue of staff work: how many wait, and the changelist filtered to them."""

    titulo: str
    cantidad: int
    url: str


def pendientes() -> list[Pendiente]:
    """What waits for staff, one COUNT each (every filter has its index): always six queries."""
    from biblioteca.models import Documento, Evento, Noticia
    from boletin.models import Numero
    from consorcios.models import Consorcio
    from foros.models import Reporte

    # (title, model, the rows that wait, the changelist's query string for them)
    colas = [
        (_("Consorcios por revisar"), Consorcio, {"estado": Consorcio.Estado.PENDIENTE}),
        (_("Documentos por revisar"), Documento, {"estado": Documento.Estado.PENDIENTE}),
        (_("Reportes de mensajes abiertos"), Reporte, {"estado": Reporte.Estado.PENDIENTE}),
        (_("Noticias en borrador"), Noticia, {"estado": Noticia.Estado.BORRADOR}),
        (_("Eventos en borrador"), Evento, {"estado": Evento.Estado.BORRADOR}),
        (_("Números del boletín sin enviar"), Numero, {"enviado_en__isnull": True}),
    ]
    resultado = []
    for titulo, modelo, filtro in colas:
        cantidad = modelo._default_manager.filter(**filtro).count()
        url = reverse(f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}_changelist")
        # The admin's own query string for the same rows (what its filters write).
        consulta = {(f"{k}__exact" if "__" not in k else k): str(v) for k, v in filtro.items()}
        resultado.append(Pendiente(str(titulo), cantidad, f"{url}?{urlencode(consulta)}"))
    return resultado


class SitioAdmin(admin.AdminSite):
    def index(self, request, extra_context=None):
        return super().index(request, {"pendientes": pendientes(), **(extra_context or {})})


class AdminConfig(SimpleAdminConfig):
    """Django's admin on the portal's site. Registration stays explicit (redconsorcios/admin.py)."""

    default_site = "redconsorcios.sitio_admin.SitioAdmin"
