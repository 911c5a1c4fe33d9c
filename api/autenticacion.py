"""API keys: ``Authorization: Api-Key <key>`` or ``X-Api-Key: <key>``.

A key only identifies the client for the rate limit (``limites.py``): every endpoint shows the
same public data to everyone, so ``request.user`` stays anonymous and no view ever asks who it is.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from .models import ClaveAPI

ESQUEMA = "Api-Key"


def clave_de(request) -> str | None:
    cabecera = request.META.get("HTTP_AUTHORIZATION", "")
    esquema, _espacio, valor = cabecera.partition(" ")
    if esquema.lower() == ESQUEMA.lower() and valor.strip():
        return valor.strip()
    return request.META.get("HTTP_X_API_KEY", "").strip() or None


class ClaveAPIAutenticacion(BaseAuthentication):
    def authenticate(self, request):
        texto = clave_de(request)
        if texto is None:
            return None
        prefijo, _punto, secreto = texto.partition(".")
        # One indexed read by the unique prefix; nothing is written (a GET never writes).
        clave = ClaveAPI.objects.filter(prefijo=prefijo).only("pk", "secreto_hash", "revocada_en").first()
        if clave is None or not secreto or not clave.admite(secreto):
            raise exceptions.AuthenticationFailed(_("La clave de la API no es válida."), code="clave_invalida")
        if not clave.vigente:
            raise exceptions.AuthenticationFailed(_("Esta clave de la API fue revocada."), code="clave_revocada")
        # Anonymous as far as the data goes: the key only raises the rate limit.
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser(), clave

    def authenticate_header(self, request) -> str:
        return ESQUEMA  # so a refused key answers 401 with WWW-Authenticate, not 403


class ClaveAPIEsquema(OpenApiAuthenticationExtension):
    target_class = "api.autenticacion.ClaveAPIAutenticacion"
    name = "ClaveAPI"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": str(
                _(
                    "Opcional: una clave creada en su perfil sube el límite de peticiones. "
                    "También vale la cabecera «Authorization: Api-Key <clave>»."
                )
            ),
        }
