from django.urls import path

from . import views

app_name = "foros"
# Fixed paths first: a forum slug may not take these names (see models.SLUGS_RESERVADOS).
urlpatterns = [
    path("", views.indice, name="indice"),
    path("buscar/", views.buscar, name="buscar"),
    path("preguntas/", views.preguntas, name="preguntas"),
    path("moderacion/", views.moderacion, name="moderacion"),
    path("moderacion/<int:pk>/resolver/", views.resolver, name="resolver"),
    path("baja/<str:token>/", views.baja, name="baja"),
    path("mensaje/<int:pk>/", views.ir_a_mensaje, name="mensaje"),
    path("mensaje/<int:pk>/editar/", views.editar, name="editar"),
    path("mensaje/<int:pk>/reportar/", views.reportar, name="reportar"),
    path("mensaje/<int:pk>/ocultar/", views.ocultar, name="ocultar"),
    path("mensaje/<int:pk>/mostrar/", views.mostrar, name="mostrar"),
    path("tema/<int:pk>/responder/", views.responder, name="responder"),
    path("tema/<int:pk>/respuesta-aceptada/", views.respuesta_aceptada, name="respuesta_aceptada"),
    path("tema/<int:pk>/suscripcion/", views.suscripcion_tema, name="suscripcion_tema"),
    path("tema/<int:pk>/leido/", views.leido, name="leido"),
    path("tema/<int:pk>/moderar/<slug:accion>/", views.moderar_tema, name="moderar_tema"),
    path("<slug:foro>/", views.foro, name="foro"),
    path("<slug:foro>/nuevo/", views.nuevo_tema, name="nuevo_tema"),
    path("<slug:foro>/suscripcion/", views.suscripcion_foro, name="suscripcion_foro"),
    path("<slug:foro>/<slug:slug>-<int:pk>/", views.tema, name="tema"),
]
