"""Error pages in the visitor's language, rendered with the normal layout."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def permiso_denegado(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def no_encontrado(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_servidor(request: HttpRequest) -> HttpResponse:
    # No request context: whatever failed may be what a context processor needs.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
