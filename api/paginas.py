"""The API's pages for people: its documentation and a member's keys (in each language of the portal)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import ClaveForm
from .models import ClaveAPI


def _tipo(esquema: dict) -> str:
    """A parameter's type as people read it: "string", "integer (1–200)", "exportacion | origen"."""
    if "enum" in esquema:
        return " | ".join(str(v) for v in esquema["enum"] if v not in ("", None))
    tipo = esquema.get("type", "string")
    tipo = " | ".join(tipo) if isinstance(tipo, list) else tipo
    if "minimum" in esquema or "maximum" in esquema:
        tipo += f" ({esquema.get('minimum', '')}–{esquema.get('maximum', '')})"
    return tipo


_OPCION = re.compile(r"^\* `(?P<clave>[^`]*)` - (?P<etiqueta>.*)$")


def _descripcion(texto: str) -> tuple[str, list[tuple[str, str]]]:
    """drf-spectacular appends a choice field's values to its description, one "* `key` - Label" line
    each: the text apart, and the (key, label) pairs for a list."""
    lineas = [linea.strip() for linea in texto.splitlines() if linea.strip()]
    opciones = [m.group("clave", "etiqueta") for linea in lineas if (m := _OPCION.match(linea))]
    return " ".join(linea for linea in lineas if not _OPCION.match(linea)), opciones


def _parametro(parametro: dict) -> dict:
    descripcion, opciones = _descripcion(parametro.get("description", ""))
    return {
        "nombre": parametro["name"],
        "en": parametro["in"],
        "tipo": "" if opciones else _tipo(parametro.get("schema", {})),
        "descripcion": descripcion,
        "opciones": opciones,
    }


def operaciones(documento: dict) -> list[dict]:
    """Every operation of the OpenAPI document, with its parameters, in the document's order."""
    lista = []
    for ruta, metodos in documento["paths"].items():
        for metodo, operacion in metodos.items():
            if metodo != "get":
                continue
            lista.append(
                {
                    "ruta": ruta,
                    "resumen": operacion.get("summary", ""),
                    "descripcion": operacion.get("description", ""),
                    "parametros": [_parametro(p) for p in operacion.get("parameters", [])],
                }
            )
    return lista


@require_GET
def documentacion(request: HttpRequest) -> HttpResponse:
    from .views import esquema  # the document is made by the API's own generator, once per language

    contexto = {
        "base": settings.SITE_URL + reverse("api:raiz"),
        "openapi": settings.SITE_URL + reverse("api:openapi"),
        "operaciones": operaciones(esquema(translation.get_language())),
        "limite_anonimo": settings.API_RATE_ANON,
        "limite_clave": settings.API_RATE_CLAVE,
        "por_pagina": settings.API_POR_PAGINA,
        "por_pagina_maximo": settings.API_POR_PAGINA_MAXIMO,
    }
    return render(request, "api/documentacion.html", contexto)


@login_required
def claves(request: HttpRequest) -> HttpResponse:
    """A member's keys: make one (its text is shown once, on the answer to the POST) or revoke one."""
    form = ClaveForm(request.POST or None, miembro=request.user)
    nueva = None
    if request.method == "POST" and form.is_valid():
        try:
            _clave, nueva = services.crear_clave(miembro=request.user, nombre=form.cleaned_data["nombre"])
        except services.NombreRepetido:
            form.add_error("nombre", _("Ya tiene una clave con ese nombre."))
        else:
            form = ClaveForm(miembro=request.user)
    lista = ClaveAPI.objects.filter(miembro=request.user)
    contexto = {"form": form, "claves": lista, "nueva": nueva, "limite_clave": settings.API_RATE_CLAVE}
    # The key is in this answer only: never kept by a cache or the browser's history.
    respuesta = render(
        request,
        "api/claves.html",
        contexto,
    )
    if nueva:
        respuesta["Cache-Control"] = "no-store"
    return respuesta


@login_required
@require_POST
def revocar(request: HttpRequest, pk: int) -> HttpResponse:
    clave = get_object_or_404(ClaveAPI, pk=pk, miembro=request.user)
    services.revocar_clave(clave=clave)
    messages.success(request, _("La clave «%(nombre)s» quedó revocada.") % {"nombre": clave.nombre})
    return redirect("api_paginas:claves")
