from django.urls import path

from . import views

app_name = "consorcios"
urlpatterns = [
    path("", views.ListaView.as_view(), name="lista"),
    path("mapa/", views.MapaView.as_view(), name="mapa"),
    path("mapa/embed/", views.MapaEmbebidoView.as_view(), name="mapa_embebido"),
    path("mapa.geojson", views.mapa_geojson, name="mapa_geojson"),
    path("mapa/<int:pk>.json", views.mapa_ficha, name="mapa_ficha"),
    path("consorcios.csv", views.exportar_csv, name="exportar_csv"),
    path("consorcios.geojson", views.exportar_geojson, name="exportar_geojson"),
    path("estadisticas/", views.EstadisticasView.as_view(), name="estadisticas"),
    path("registrar/", views.registrar, name="registrar"),
    path("mios/", views.mios, name="mios"),
    path("<slug:slug>/", views.DetalleView.as_view(), name="detalle"),
    path("<slug:slug>/editar/", views.editar, name="editar"),
    path("<slug:slug>/verificar/", views.verificar, name="verificar"),
    path("<slug:slug>/responsables/", views.invitar_responsable, name="invitar_responsable"),
    # A signed token always holds ":", so no slug pattern above can take it.
    path("invitacion/<str:token>/", views.aceptar_invitacion, name="invitacion"),
]
