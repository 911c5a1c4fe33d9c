"""Forms of the registry: the consortium itself, its firms, yearly figures and milestones."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from comun.validators import validar_imagen, validar_tamano

from . import campos
from .models import (
    LATITUD_MAX,
    LATITUD_MIN,
    LONGITUD_MAX,
    LONGITUD_MIN,
    Actividad,
    Consorcio,
    EmpresaMiembro,
    IndicadorAnual,
    validar_url_web,
    validar_video,
)

SEIS_DECIMALES = Decimal("0.000001")
# Django 6.1's "- Select an option -" has no Spanish or Portuguese translation yet.
OPCION_VACIA = _("— Elija una opción —")
LOGO_MAX_BYTES = 2 * 1024 * 1024


class CampoVideos(forms.CharField):
    """One YouTube or Vimeo address per line; a list in the model."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        texto = super().to_python(value)
        return [linea.strip() for linea in texto.splitlines() if linea.strip()]

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > 5:
            raise ValidationError(_("Como máximo cinco videos."), code="demasiados")
        errores = []
        for url in value:
            try:
                validar_url_web(url)
                validar_video(url)
            except ValidationError:
                errores.append(
                    ValidationError(
                        _("Solo se aceptan enlaces a videos de YouTube o Vimeo (https://…): %(url)s"),
                        code="video",
                        params={"url": url},
                    )
                )
        if errores:
            raise ValidationError(errores)

    def run_validators(self, value) -> None:
        # Each address was checked in validate(); the CharField validators expect a string.
        return


class OpcionVaciaMixin:
    """Our own translated label for the empty option of every single-choice select."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for campo in self.fields.values():
            if isinstance(campo, forms.ModelMultipleChoiceField) or isinstance(campo.widget, forms.SelectMultiple):
                continue
            if isinstance(campo, forms.ModelChoiceField):
                if campo.empty_label is not None:
                    campo.empty_label = OPCION_VACIA
            elif isinstance(campo, forms.ChoiceField) and isinstance(campo.widget, forms.Select):
                opciones = list(campo.choices)
                if opciones and opciones[0][0] in ("", None):
                    campo.choices = [("", OPCION_VACIA), *opciones[1:]]


def _coordenada(etiqueta, minimo: Decimal, maximo: Decimal, mensaje) -> forms.DecimalField:
    return forms.DecimalField(
        label=etiqueta,
        min_value=minimo,
        max_value=maximo,
        error_messages={
            "min_value": mensaje,
            "max_value": mensaje,
            "invalid": _("Escriba un número, p. ej. -0.180653."),
        },
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


class ConsorcioForm(OpcionVaciaMixin, forms.ModelForm):
    """Everything a promoter says about a consortium, in sections (see ``secciones``)."""

    token_envio = forms.UUIDField(widget=forms.HiddenInput, required=False)
    latitud = _coordenada(_("latitud"), LATITUD_MIN, LATITUD_MAX, _("La latitud debe estar entre -90 y 90 grados."))
    longitud = _coordenada(
        _("longitud"), LONGITUD_MIN, LONGITUD_MAX, _("La longitud debe estar entre -180 y 180 grados.")
    )
    videos = CampoVideos(
        label=_("videos"),
        required=False,
        help_text=_("Enlaces de YouTube o Vimeo, uno por línea (máximo cinco)."),
    )
    logo = forms.FileField(
        label=_("logotipo"),
        required=False,
        help_text=_("PNG, JPEG, WebP o GIF de hasta 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )

    secciones = campos.SECCIONES

    class Meta:
        model = Consorcio
        fields = campos.DEL_FORMULARIO
        widgets = {
            "sectores": forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
            "descripcion": forms.Textarea(attrs={"rows": 6}),
            "fecha_formalizacion": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "paises_involucrados": forms.SelectMultiple(attrs={"size": 6}),
            "mercados_destino": forms.SelectMultiple(attrs={"size": 6}),
            "instituciones_promotoras": forms.SelectMultiple(attrs={"size": 6}),
            "sitio_web": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "subtipo": _("Solo para consorcios de exportación."),
            "producto_tradicional": _("Solo para consorcios de origen: p. ej. sombrero de paja toquilla."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for nombre in ("latitud", "longitud"):
            self.fields[nombre].widget.attrs["data-coordenada"] = nombre
        for campo in self.fields.values():  # declared fields keep the model's lower-case names
            campo.label = capfirst(campo.label)

    def clean_nombre(self) -> str:
        # One line, single spaces: the name goes into page titles and e-mail subjects.
        return " ".join(self.cleaned_data["nombre"].split())

    def clean_latitud(self) -> Decimal:
        return self.cleaned_data["latitud"].quantize(SEIS_DECIMALES, rounding=ROUND_HALF_UP)

    def clean_longitud(self) -> Decimal:
        return self.cleaned_data["longitud"].quantize(SEIS_DECIMALES, rounding=ROUND_HALF_UP)

    def clean_logo(self):
        archivo = self.cleaned_data.get("logo")
        if isinstance(archivo, UploadedFile):
            extension = validar_imagen(archivo, LOGO_MAX_BYTES)
            archivo.name = f"logo.{extension}"  # the storage name is made from a uuid (models._ruta_logo)
        return archivo

    def campos_de(self, nombres: list[str]):
        return [self[n] for n in nombres]

    @property
    def secciones_con_campos(self):
        return [(titulo, self.campos_de(nombres)) for titulo, nombres in self.secciones]


class EmpresaMiembroForm(OpcionVaciaMixin, forms.ModelForm):
    class Meta:
        model = EmpresaMiembro
        fields = ["nombre", "ciudad", "sector", "empleados", "sitio_web", "productos"]
        widgets = {"sitio_web": forms.URLInput(attrs={"placeholder": "https://"})}


class IndicadorAnualForm(forms.ModelForm):
    class Meta:
        model = IndicadorAnual
        fields = ["anio", "numero_empresas", "empleos", "exportaciones_usd", "numero_mercados"]


class ActividadForm(OpcionVaciaMixin, forms.ModelForm):
    class Meta:
        model = Actividad
        fields = ["fecha", "tipo", "titulo", "descripcion"]
        widgets = {
            "fecha": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "descripcion": forms.Textarea(attrs={"rows": 2}),
        }


EmpresasFormSet = forms.inlineformset_factory(
    Consorcio, EmpresaMiembro, form=EmpresaMiembroForm, extra=2, can_delete=True, max_num=500
)
IndicadoresFormSet = forms.inlineformset_factory(
    Consorcio, IndicadorAnual, form=IndicadorAnualForm, extra=1, can_delete=True, max_num=100
)
ActividadesFormSet = forms.inlineformset_factory(
    Consorcio, Actividad, form=ActividadForm, extra=1, can_delete=True, max_num=500
)


class ResponsableForm(forms.Form):
    correo = forms.EmailField(label=_("correo del colega"), help_text=_("Debe tener una cuenta verificada en la Red."))


class RechazoForm(forms.Form):
    """The reason staff give when rejecting (admin action)."""

    motivo = forms.CharField(label=_("motivo del rechazo"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class ImportarForm(forms.Form):
    """Admin: a CSV of consortia (see consorcios.importacion.COLUMNAS)."""

    archivo = forms.FileField(label=_("Archivo CSV"), help_text=_("UTF-8, separado por comas o por punto y coma."))
    publicar = forms.BooleanField(
        label=_("Publicar al importar"),
        required=False,
        help_text=_("Si no se marca, los consorcios quedan pendientes de revisión."),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        validar_tamano(archivo, 2 * 1024 * 1024)
        return archivo
