from django.urls import path

from . import views

app_name = "datos"
urlpatterns = [
    path("", views.indice, name="indice"),
    path("dcat.jsonld", views.catalogo_dcat, name="dcat"),
]
