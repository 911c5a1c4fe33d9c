"""Cursor pagination: pages stay stable while rows are added, and page N costs what page 1 does."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    cursor_query_param = "cursor"
    cursor_query_description = _(
        "El cursor de la página: el que trae «siguiente» o «anterior» de la respuesta. Otro cualquiera da un 404."
    )
    page_size_query_param = "limite"
    page_size_query_description = _("Objetos por página.")
    ordering = ("-pk",)  # newest first; views with a better order say so
    invalid_cursor_message = _("El cursor no es válido.")

    def __init__(self) -> None:
        self.page_size = settings.API_POR_PAGINA
        self.max_page_size = settings.API_POR_PAGINA_MAXIMO

    def get_page_size(self, request) -> int:
        """The default, or ``?limite=`` when it is a whole number between 1 and the maximum (else 400)."""
        valor = request.query_params.get(self.page_size_query_param)
        if valor is None:
            return settings.API_POR_PAGINA
        if not valor.isdigit() or not 1 <= int(valor) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Un número entero entre 1 y %(maximo)s.") % {"maximo": self.max_page_size}
                    ]
                }
            )
        return int(valor)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, DjangoValidationError):  # a cursor whose position is not of the order's type
            raise NotFound(self.invalid_cursor_message) from None

    def get_paginated_response(self, data):
        from rest_framework.response import Response

        return Response({"siguiente": self.get_next_link(), "anterior": self.get_previous_link(), "resultados": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["siguiente", "anterior", "resultados"],
            "properties": {
                "siguiente": {"type": ["string", "null"], "format": "uri"},
                "anterior": {"type": ["string", "null"], "format": "uri"},
                "resultados": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        parametros = super().get_schema_operation_parameters(view)
        for parametro in parametros:
            if parametro["name"] == self.page_size_query_param:
                parametro["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parametros
