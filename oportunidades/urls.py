from django.urls import path

from . import feeds, views

app_name = "oportunidades"
urlpatterns = [
    path("", views.ListaView.as_view(), name="lista"),
    path("rss/", feeds.OportunidadesRss(), name="rss"),
    path("atom/", feeds.OportunidadesAtom(), name="atom"),
    path("publicar/", views.publicar, name="publicar"),
    path("publicar/consorcio/<slug:slug>/", views.publicar_consorcio, name="publicar_consorcio"),
    path("publicar/institucion/<slug:slug>/", views.publicar_institucion, name="publicar_institucion"),
    path("mias/", views.mias, name="mias"),
    path("<int:pk>-<slug:slug>/", views.DetalleView.as_view(), name="detalle"),
    path("<int:pk>/me-interesa/", views.me_interesa, name="me_interesa"),
    path("<int:pk>/editar/", views.editar, name="editar"),
    path("<int:pk>/renovar/", views.renovar, name="renovar"),
    path("<int:pk>/cerrar/", views.cerrar, name="cerrar"),
]
