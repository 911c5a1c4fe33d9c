"""Every error of the API in one shape, documented as the schema's ``Error`` component:

    {"error": {"codigo": "no_encontrado", "mensaje": "No encontrado.", "detalle": {}}}

``codigo`` is stable (for programs), ``mensaje`` is in the request's language (for people) and
``detalle`` says which parameter was wrong, when one was.
"""

from __future__ import annotations

import logging

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger("django.request")

CODIGOS = {
    400: "parametros_invalidos",
    401: "no_autenticado",
    403: "prohibido",
    404: "no_encontrado",
    405: "metodo_no_permitido",
    406: "no_aceptable",
    429: "demasiadas_peticiones",
    500: "error_interno",
}


def cuerpo(estado: int, mensaje: str, detalle: dict | None = None, codigo: str | None = None) -> dict:
    return {"error": {"codigo": codigo or CODIGOS.get(estado, "error"), "mensaje": mensaje, "detalle": detalle or {}}}


def manejar_excepcion(exc, context):
    respuesta = exception_handler(exc, context)
    if respuesta is None:
        # Not an API exception: logged as Django logs a 500 (ADMINS are told), answered in our shape.
        logger.error("Error en la API: %s", context["request"].path, exc_info=exc)
        return Response(cuerpo(500, _("Error interno del servidor.")), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(exc, exceptions.ValidationError):
        detalle = exc.detail if isinstance(exc.detail, dict) else {"no_field_errors": exc.detail}
        respuesta.data = cuerpo(400, _("Algún parámetro no es válido."), detalle)
    elif isinstance(exc, Http404):
        respuesta.data = cuerpo(404, _("No encontrado."))
    else:
        codigo = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        codigo = codigo if isinstance(codigo, str) and codigo in {"clave_invalida", "clave_revocada"} else None
        detalle = {"segundos": exc.wait} if isinstance(exc, exceptions.Throttled) and exc.wait else {}
        mensaje = str(exc.detail) if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(exc, exceptions.Throttled):
            mensaje = _("Demasiadas peticiones: espere unos segundos (cabecera Retry-After).")
        elif isinstance(exc, exceptions.MethodNotAllowed):
            mensaje = _("Método no permitido: la API es de solo lectura (GET, HEAD, OPTIONS).")
        elif isinstance(exc, exceptions.NotAcceptable):
            mensaje = _("La API solo responde en JSON (application/json).")
        respuesta.data = cuerpo(respuesta.status_code, mensaje, detalle, codigo)
    return respuesta


class CuerpoErrorSerializer(serializers.Serializer):
    codigo = serializers.ChoiceField(
        choices=[*CODIGOS.values(), "clave_invalida", "clave_revocada"],
        help_text=gettext_lazy("Código estable del error, para los programas."),
    )
    mensaje = serializers.CharField(help_text=gettext_lazy("El error para las personas, en el idioma pedido."))
    detalle = serializers.DictField(
        help_text=gettext_lazy("Qué parámetro estaba mal y por qué, si alguno; si no, vacío.")
    )


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error."""

    error = CuerpoErrorSerializer()
