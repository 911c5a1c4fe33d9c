"""The API's pages for people, under the language prefixes: /api/, /pt/api/, /en/api/."""

from django.urls import path

from . import paginas

app_name = "api_paginas"
urlpatterns = [
    path("", paginas.documentacion, name="documentacion"),
    path("claves/", paginas.claves, name="claves"),
    path("claves/<int:pk>/revocar/", paginas.revocar, name="revocar"),
]
