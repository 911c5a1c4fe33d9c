from django.urls import path

from . import views

app_name = "miembros"
urlpatterns = [
    path("perfil/", views.perfil, name="perfil"),
    path("consentimientos/", views.consentimientos, name="consentimientos"),
]
