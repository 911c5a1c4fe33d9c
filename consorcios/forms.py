"""Forms of the registry: the consortium itself, its firms, yearly figures and milestones."""

from __future__ import annotations

import mimetypes
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from comun.validators import validar_imagen, validar_tamano

from . import campos, geografia
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


class ArchivoConservadoInput(forms.ClearableFileInput):
    """A file input that says which file is already kept from the previous submit (``conservado``)."""

    conservado = ""

    def render(self, name, value, attrs=None, renderer=None):
        entrada = super().render(name, value, attrs, renderer)
        if not self.conservado:
            return entrada
        return format_html(
            '<p class="archivo-conservado">{} <strong>{}</strong> — {}</p>\n{}',
            _("Archivo ya subido:"),
            self.conservado,
            _("para cambiarlo, elija otro archivo."),
            entrada,
        )


class ConservaArchivosMixin:
    """What was typed is never lost, files included: a valid file of a form that fails on another
    field is stored under temporales/ with a server-made name, and the page carries a signed token
    of it in a hidden field ``<campo>_guardado``; the next submit without a new file takes it back
    (and validates it again, like any upload). Read back, the temporary copy is deleted, so only
    abandoned forms leave one behind (purge temporales/ by age)."""

    archivos_conservados: tuple[str, ...] = ()
    SAL_CONSERVADO = "consorcios.archivo-conservado"
    VIGENCIA_CONSERVADO = 24 * 60 * 60  # seconds a kept file may be claimed

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for nombre in self.archivos_conservados:
            self.fields[f"{nombre}_guardado"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def full_clean(self) -> None:
        originales = {}
        if self.is_bound:
            originales = self._recuperar_archivos()
        super().full_clean()
        if self.is_bound and self._errors:
            self._conservar_archivos(originales)

    def _recuperar_archivos(self) -> dict[str, str]:
        """Put each kept file back where its input would have put a new one; the names the user chose."""
        originales = {}
        for nombre in self.archivos_conservados:
            clave = self.add_prefix(nombre)
            nuevo = self.files.get(clave)
            if nuevo:  # a new choice replaces the kept file
                originales[nombre] = PurePath(nuevo.name).name
                continue
            token = self.data.get(self.add_prefix(f"{nombre}_guardado"))
            if not token:
                continue
            try:
                guardado = signing.loads(token, salt=self.SAL_CONSERVADO, max_age=self.VIGENCIA_CONSERVADO)
                with default_storage.open(guardado["ruta"]) as archivo:
                    contenido = archivo.read()
            except (signing.BadSignature, OSError, KeyError, TypeError):
                continue  # expired, forged or already claimed: as if no file had been chosen
            default_storage.delete(guardado["ruta"])
            tipo = mimetypes.guess_type(guardado["ruta"])[0] or "application/octet-stream"
            self.files = self.files.copy()
            self.files[clave] = SimpleUploadedFile(guardado["nombre"], contenido, content_type=tipo)
            originales[nombre] = guardado["nombre"]
        return originales

    def _conservar_archivos(self, originales: dict[str, str]) -> None:
        for nombre in self.archivos_conservados:
            archivo = self.cleaned_data.get(nombre)
            if nombre in self._errors or not isinstance(archivo, UploadedFile):
                continue
            archivo.seek(0)
            extension = PurePath(archivo.name).suffix.lower()  # clean_<campo> has checked the content
            ruta = default_storage.save(f"temporales/{uuid.uuid4().hex}{extension}", archivo)
            original = originales.get(nombre) or archivo.name
            token = signing.dumps({"ruta": ruta, "nombre": original}, salt=self.SAL_CONSERVADO)
            self.data = self.data.copy()
            self.data[self.add_prefix(f"{nombre}_guardado")] = token
            self.fields[nombre].widget.conservado = original


class ConsorcioForm(ConservaArchivosMixin, OpcionVaciaMixin, forms.ModelForm):
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
        widget=ArchivoConservadoInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )
    # Shown beside the coordinates only when they fall in another country (see clean()).
    confirmar_ubicacion = forms.BooleanField(required=False)

    secciones = campos.SECCIONES
    archivos_conservados = ("logo",)
    # Fields the model requires only in some cases (Consorcio.clean()): their label says when.
    OBLIGATORIOS_SI = {
        "subtipo": _("obligatorio para consorcios de exportación"),
        "producto_tradicional": _("obligatorio para consorcios de origen"),
        "estado_signo": _("obligatorio si hay un signo distintivo"),
    }

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
            "producto_tradicional": _("P. ej. sombrero de paja toquilla."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ubicacion_fuera: str | None = None  # the country the point falls in, when not the consortium's
        for nombre in ("latitud", "longitud"):
            self.fields[nombre].widget.attrs["data-coordenada"] = nombre
        for nombre, condicion in self.OBLIGATORIOS_SI.items():
            self.fields[nombre].obligatorio_si = condicion  # comun/templatetags/portal.py `campo`
        for campo in self.fields.values():  # declared fields keep the model's lower-case names
            if campo.label:
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

    def clean(self):
        """A point in another country than the consortium's (and the other countries involved) is
        probably a slip of the map or a swapped sign: the promoter confirms it before it is saved.
        An unchanged position of a saved consortium is not asked about again."""
        datos = super().clean()
        latitud, longitud, pais = datos.get("latitud"), datos.get("longitud"), datos.get("pais")
        if latitud is None or longitud is None or not pais:
            return datos
        if self.instance.pk and not {"latitud", "longitud", "pais"} & set(self.changed_data):
            return datos
        encontrado = geografia.pais_del_punto(latitud, longitud)
        permitidos = {str(pais), *(str(p) for p in datos.get("paises_involucrados") or [])}
        if encontrado is None or encontrado in permitidos:
            return datos
        self.ubicacion_fuera = encontrado
        nombres = {"punto": countries.name(encontrado), "pais": countries.name(str(pais))}
        etiqueta = _("La ubicación está fuera de %(pais)s: confirmo") % nombres
        self.fields["confirmar_ubicacion"].label = etiqueta
        self["confirmar_ubicacion"].label = etiqueta  # its bound field was made before clean()
        if not datos.get("confirmar_ubicacion"):
            self.add_error(
                "confirmar_ubicacion",
                _(
                    "Este punto está en %(punto)s, fuera de %(pais)s. Revise las coordenadas "
                    "o confirme que la ubicación es correcta."
                )
                % nombres,
            )
        return datos

    def campos_de(self, nombres: list[str]):
        return [self[n] for n in nombres]

    @property
    def secciones_con_campos(self) -> list[dict]:
        """Each section: number, title, bound fields and whether one of them has an error."""
        secciones = []
        for numero, (titulo, nombres) in enumerate(self.secciones, start=1):
            campos_seccion = self.campos_de(nombres)
            errores = any(c.errors for c in campos_seccion)
            if "longitud" in nombres and "confirmar_ubicacion" in self.errors:
                errores = True
            secciones.append({"numero": numero, "titulo": titulo, "campos": campos_seccion, "errores": errores})
        return secciones


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
    correo = forms.EmailField(
        label=_("correo del colega"),
        help_text=_("Si tiene una cuenta en la Red, recibirá una invitación y podrá editar cuando la acepte."),
    )


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
