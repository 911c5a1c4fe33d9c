"""The OpenAPI document: drf-spectacular's, with the error answers every operation may give."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema

from .errores import ErrorSerializer

# What any operation may answer besides 200: a bad parameter, a refused key, an unknown object,
# a missing representation and the rate limit.
ERRORES = ("400", "401", "404", "406", "429")


class EsquemaAPI(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        respuestas = super()._get_response_bodies(direction)
        for codigo in ERRORES:
            respuestas.setdefault(codigo, self._get_response_for_code(ErrorSerializer, codigo, direction=direction))
        if "429" in respuestas:
            respuestas["429"]["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
        return respuestas
