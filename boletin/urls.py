from django.urls import path

from . import views

app_name = "boletin"
urlpatterns = [
    path("", views.ArchivoView.as_view(), name="archivo"),
    path("feed/", views.BoletinFeed(), name="feed"),
    path("suscribirse/", views.suscribirse, name="suscribirse"),
    path("confirmar/<str:token>/", views.confirmar, name="confirmar"),
    path("baja/<str:token>/", views.baja, name="baja"),
    path("mi-suscripcion/", views.mi_suscripcion, name="mi_suscripcion"),
    path("mi-suscripcion/cambiar/", views.cambiar_mi_suscripcion, name="cambiar_mi_suscripcion"),
    path("<int:numero>/", views.NumeroView.as_view(), name="numero"),
]
