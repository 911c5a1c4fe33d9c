from django.urls import path

from . import views

app_name = "red"
urlpatterns = [
    path("instituciones/", views.ListaView.as_view(), name="instituciones"),
    path("instituciones.geojson", views.mapa_geojson, name="mapa_geojson"),
    path("unete/", views.unete, name="unete"),
    path("unirse/", views.unirse, name="unirse"),
    path("instituciones/<slug:slug>/", views.DetalleView.as_view(), name="institucion"),
    path("instituciones/<slug:slug>/editar/", views.editar, name="editar"),
    path("instituciones/<slug:slug>/invitar/", views.invitar, name="invitar"),
    path("instituciones/<slug:slug>/soy-parte/", views.pedir, name="pedir"),
    path("instituciones/<slug:slug>/vinculos/<int:pk>/confirmar/", views.confirmar, name="confirmar"),
    path("instituciones/<slug:slug>/vinculos/<int:pk>/quitar/", views.quitar, name="quitar"),
    path("invitacion/<str:token>/", views.aceptar_invitacion, name="invitacion"),
    path("promotores/", views.PromotoresView.as_view(), name="promotores"),
    path("promotores/<int:pk>/", views.PromotorView.as_view(), name="promotor"),
]
