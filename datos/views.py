from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from comun.models import LicenciaDatos

from .descripcion import conjuntos, dcat


@require_GET
def indice(request: HttpRequest) -> HttpResponse:
    """What the portal publishes as open data, under which licence, and where to get it."""
    lista = conjuntos()
    foros = LicenciaDatos.del_conjunto(LicenciaDatos.Conjunto.FOROS)
    return render(request, "datos/indice.html", {"conjuntos": lista, "licencia_foros": foros})


@require_GET
def catalogo_dcat(request: HttpRequest) -> HttpResponse:
    """The datasets described with DCAT-AP, as JSON-LD."""
    cuerpo = json.dumps(dcat(conjuntos()), ensure_ascii=False, indent=1)
    return HttpResponse(cuerpo, content_type="application/ld+json; charset=utf-8")
