from django.urls import path

from . import vivo

app_name = "vivo"

# Outside the language prefix: the live process serves only this (README "Conversations").
urlpatterns = [path("", vivo.flujo, name="flujo")]
