"""Bulk import of consortia from a CSV file (staff load existing national lists).

Every row is validated first, with the same rules as the registration form; if
any row is bad nothing is imported and staff get the row-level errors.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from miembros.models import Institucion

from . import campos
from .models import Consorcio, HistorialCambio, Sector

MAX_FILAS = 2000


class FilaForm(forms.ModelForm):
    """One CSV row (``campos.valores_de_fila``): the model's own validation (choices, ranges, clean())."""

    sectores = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Sector desconocido: %(value)s. Use las claves de la lista de sectores.")
        },
    )
    instituciones_promotoras = forms.ModelMultipleChoiceField(
        queryset=Institucion.objects.all(),
        to_field_name="nombre",
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Institución desconocida: %(value)s. Escriba su nombre como en la Red.")
        },
    )

    class Meta:
        model = Consorcio
        fields = campos.PUBLICOS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for nombre, campo in self.fields.items():
            campo.required = nombre in campos.OBLIGATORIOS

    def clean_signo_distintivo(self) -> str:
        return self.cleaned_data.get("signo_distintivo") or Consorcio.Signo.NINGUNO

    def clean_estado_vida(self) -> str:
        return self.cleaned_data.get("estado_vida") or Consorcio.Vida.ACTIVO


@dataclass
class Resultado:
    creados: list[Consorcio] = field(default_factory=list)
    errores: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, column, message)


def _leer(archivo) -> tuple[list[dict], list[tuple[int, str, str]]]:
    try:
        texto = archivo.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(0, "", _("El archivo no está en UTF-8. Guárdelo como «CSV UTF-8»."))]
    try:
        dialecto = csv.Sniffer().sniff(texto[:4096], delimiters=",;\t")
    except csv.Error:
        dialecto = csv.excel
    lector = csv.DictReader(io.StringIO(texto), dialect=dialecto)
    columnas = {(c or "").strip() for c in lector.fieldnames or []}
    faltan = sorted(campos.OBLIGATORIOS - columnas)
    if faltan:
        return [], [(1, ", ".join(faltan), _("Faltan columnas obligatorias."))]
    filas = [campos.valores_de_fila({(k or "").strip(): (v or "").strip() for k, v in fila.items()}) for fila in lector]
    if not filas:
        return [], [(0, "", _("El archivo no tiene filas."))]
    if len(filas) > MAX_FILAS:
        return [], [(0, "", _("Como máximo %(n)d filas por archivo.") % {"n": MAX_FILAS})]
    return filas, []


def importar_csv(*, archivo, usuario, publicar: bool) -> Resultado:
    """Validate every row; create all of them in one transaction only if none is bad."""
    from .services import _slug_libre

    resultado = Resultado()
    filas, resultado.errores = _leer(archivo)
    if resultado.errores:
        return resultado
    existentes = {(n.casefold(), p) for n, p in Consorcio.objects.values_list("nombre", "pais")}
    validos: list[FilaForm] = []
    for numero, fila in enumerate(filas, start=2):  # row 1 is the header
        form = FilaForm(data=fila)
        if not form.is_valid():
            for campo, mensajes in form.errors.items():
                for mensaje in mensajes:
                    resultado.errores.append((numero, "" if campo == "__all__" else campo, mensaje))
            continue
        clave = (form.cleaned_data["nombre"].casefold(), form.cleaned_data["pais"])
        if clave in existentes:
            resultado.errores.append((numero, "nombre", _("Ya existe un consorcio con ese nombre en ese país.")))
            continue
        existentes.add(clave)
        validos.append(form)
    if resultado.errores:
        return resultado
    with transaction.atomic():
        for form in validos:
            consorcio = form.save(commit=False)
            consorcio.slug = _slug_libre(consorcio.nombre)
            consorcio.estado = Consorcio.Estado.PUBLICADO if publicar else Consorcio.Estado.PENDIENTE
            consorcio.publicado_en = timezone.now() if publicar else None
            consorcio.save()
            form.save_m2m()
            HistorialCambio.objects.create(
                consorcio=consorcio, usuario=usuario, accion=HistorialCambio.Accion.IMPORTADO
            )
            resultado.creados.append(consorcio)
    return resultado
