"""The OpenAPI document: drf-spectacular's, with the error answers every operation may give."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from .errores import ErrorSerializer

# What any operation may answer besides 200: a bad parameter, a refused key, an unknown object,
# a missing representation and the rate limit.
ERRORES = ("400", "401", "404", "406", "429")


def _idioma() -> list[OpenApiParameter]:
    idiomas = [codigo for codigo, _nombre in settings.LANGUAGES]
    return [
        OpenApiParameter(
            "lang",
            str,
            enum=idiomas,
            description=_("Idioma de las etiquetas y de los textos del equipo; sin él, el de Accept-Language."),
        ),
        OpenApiParameter(
            "Accept-Language",
            str,
            OpenApiParameter.HEADER,
            description=_("Idioma preferido (es, pt, en), si no se pasa lang."),
        ),
    ]


class EsquemaAPI(AutoSchema):
    def get_override_parameters(self):
        return [*super().get_override_parameters(), *_idioma()]

    def _get_filter_parameters(self):
        """The FilterSet's parameters, without "orden" (the API's order is the cursor's), and with the
        values the selects of the list page offer (those in use) as each choice's enumeration: the
        document then says which countries, sectors or institutions there are to filter by. So it
        changes with the registry, and is kept until the registry changes (views.esquema)."""
        parametros = [p for p in super()._get_filter_parameters() if p["name"] != "orden"]
        filtros = getattr(getattr(self.view, "filterset_class", None), "base_filters", {})
        for parametro in parametros:
            filtro = filtros.get(parametro["name"])
            if filtro is None:
                continue
            opciones = filtro.extra.get("choices")
            if callable(opciones):
                # None in use yet: only the empty value (no filter) is valid.
                valores = sorted({str(valor) for valor, _etiqueta in opciones() if valor not in ("", None)}) or [""]
                parametro["schema"] = {"type": "string", "enum": valores}
            for limite, palabra in (("min_value", "minimum"), ("max_value", "maximum")):
                if filtro.extra.get(limite) is not None:
                    parametro["schema"][palabra] = filtro.extra[limite]
        return parametros

    def _get_response_bodies(self, direction="response"):
        respuestas = super()._get_response_bodies(direction)
        for codigo in ERRORES:
            respuestas.setdefault(codigo, self._get_response_for_code(ErrorSerializer, codigo, direction=direction))
        if "429" in respuestas:
            respuestas["429"]["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": str(_("Segundos de espera."))}
            }
        return respuestas
