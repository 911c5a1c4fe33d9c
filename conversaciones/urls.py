from django.urls import path

from . import views

app_name = "conversaciones"

urlpatterns = [
    path("", views.BandejaView.as_view(), name="bandeja"),
    path("no-leidos/", views.no_leidos, name="no_leidos"),
    path("nueva/", views.nueva, name="nueva"),
    path("contactar/consorcio/<slug:slug>/", views.contactar_consorcio, name="contactar_consorcio"),
    path("contactar/institucion/<slug:slug>/", views.contactar_institucion, name="contactar_institucion"),
    path("<int:pk>/", views.conversacion, name="conversacion"),
    path("<int:pk>/mensajes/", views.mensajes, name="mensajes"),
    path("<int:pk>/leido/", views.leido, name="leido"),
    path("<int:pk>/silenciar/", views.silenciar, name="silenciar"),
    path("<int:pk>/salir/", views.salir, name="salir"),
    path("<int:pk>/bloquear/<int:miembro>/", views.bloquear, name="bloquear"),
    path("<int:pk>/denunciar/<int:mensaje>/", views.denunciar, name="denunciar"),
    path("denuncias/<int:pk>/", views.denuncia_staff, name="denuncia_staff"),
]
