"""/api/v1/: mounted outside the language prefixes (the language is a parameter, README "Open data")."""

from django.urls import path, re_path

from . import views

app_name = "api"
urlpatterns = [
    path("", views.Raiz.as_view(), name="raiz"),
    path("openapi.json", views.Openapi.as_view(), name="openapi"),
    path("consorcios/", views.Consorcios.as_view(), name="consorcios"),
    path("consorcios/<slug:slug>/", views.ConsorcioDetalle.as_view(), name="consorcio"),
    path("instituciones/", views.Instituciones.as_view(), name="instituciones"),
    path("instituciones/<int:pk>/", views.InstitucionDetalle.as_view(), name="institucion"),
    path("documentos/", views.Documentos.as_view(), name="documentos"),
    path("documentos/facetas/", views.Facetas.as_view(), name="facetas"),
    path("documentos/<slug:slug>/", views.DocumentoDetalle.as_view(), name="documento"),
    path("noticias/", views.Noticias.as_view(), name="noticias"),
    path("noticias/<slug:slug>/", views.NoticiaDetalle.as_view(), name="noticia"),
    path("eventos/", views.Eventos.as_view(), name="eventos"),
    path("eventos/<slug:slug>/", views.EventoDetalle.as_view(), name="evento"),
    path("foros/", views.Foros.as_view(), name="foros"),
    path("temas/", views.Temas.as_view(), name="temas"),
    path("temas/<int:pk>/", views.TemaDetalle.as_view(), name="tema"),
    path("oportunidades/", views.Oportunidades.as_view(), name="oportunidades"),
    path("oportunidades/<int:pk>/", views.OportunidadDetalle.as_view(), name="oportunidad"),
    re_path(r"^[\s\S]*$", views.NoEncontrado.as_view()),  # any other path, line breaks included
]
