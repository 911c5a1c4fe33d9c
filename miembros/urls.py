from django.urls import path

from . import views

app_name = "miembros"
urlpatterns = [
    path("perfil/", views.perfil, name="perfil"),
    path("consentimientos/", views.consentimientos, name="consentimientos"),
    path("baja/", views.baja, name="baja"),
    path("baja/hecha/", views.baja_hecha, name="baja_hecha"),
    path("baja/confirmar/<str:token>/", views.confirmar_baja, name="confirmar_baja"),
]
