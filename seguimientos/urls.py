from django.urls import path

from . import feeds, views

app_name = "seguimientos"
urlpatterns = [
    path("", views.mi_red, name="mi_red"),
    path("seguir/", views.seguir, name="seguir"),
    path("canal/regenerar/", views.regenerar_feed, name="regenerar_feed"),
    path("feed/<str:token>/", feeds.ActividadRss(), name="feed"),
    path("feed/<str:token>/atom/", feeds.ActividadAtom(), name="feed_atom"),
    path("dejar/<str:token>/", views.dejar, name="dejar"),
    path("resumen/baja/<str:token>/", views.baja_resumen, name="baja_resumen"),
]
