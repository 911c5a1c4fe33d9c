from django.urls import path, re_path

from . import views

app_name = "biblioteca"
urlpatterns = [
    path("", views.buscar, name="buscar"),
    re_path(r"^exportar\.(?P<formato>bib|ris)$", views.exportar, name="exportar"),
    path("legislacion/", views.legislacion, name="legislacion"),
    path("subir/", views.subir, name="subir"),
    path("mios/", views.mios, name="mios"),
    path("documentos/<slug:slug>/", views.DocumentoView.as_view(), name="documento"),
    path("documentos/<slug:slug>/descargar/", views.descargar, name="descargar"),
    re_path(r"^documentos/(?P<slug>[-a-zA-Z0-9_]+)/cita\.(?P<formato>bib|ris)$", views.cita, name="cita"),
    path("noticias/", views.NoticiasView.as_view(), name="noticias"),
    path("noticias/<slug:slug>/", views.NoticiaView.as_view(), name="noticia"),
    path("eventos/", views.EventosView.as_view(), name="eventos"),
    path("eventos/pasados/", views.EventosView.as_view(pasados=True), name="eventos_pasados"),
    path("eventos/<slug:slug>/", views.EventoView.as_view(), name="evento"),
    path("eventos/<slug:slug>/inscribirse/", views.inscribirse, name="inscribirse"),
    path("eventos/<slug:slug>/cancelar/", views.cancelar_inscripcion, name="cancelar_inscripcion"),
    path("eventos/<slug:slug>/asistentes/", views.asistentes, name="asistentes"),
    path("eventos/<slug:slug>/asistentes.csv", views.asistentes_csv, name="asistentes_csv"),
    path("inscripcion/<str:token>/", views.cancelar_por_enlace, name="cancelar_por_enlace"),
    re_path(r"^eventos/(?P<slug>[-a-zA-Z0-9_]+)\.ics$", views.evento_ics, name="evento_ics"),
    re_path(r"^canales/(?P<canal>documentos|noticias|eventos)/(?P<formato>rss|atom|ics)/$", views.canal, name="canal"),
]
