"""Forms of the network: joining the Red, an institution's profile, inviting a promoter."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from comun.validators import validar_imagen
from consorcios.forms import LOGO_MAX_BYTES, OpcionVaciaMixin
from consorcios.models import Consorcio
from miembros.models import Institucion

SEIS_DECIMALES = Decimal("0.000001")


class InstitucionForm(OpcionVaciaMixin, forms.ModelForm):
    """The profile its administrators keep."""

    class Meta:
        model = Institucion
        fields = [
            "nombre",
            "sigla",
            "tipo",
            "pais",
            "ciudad",
            "latitud",
            "longitud",
            "sitio_web",
            "descripcion",
            "logo",
        ]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 6}),
            "sitio_web": forms.URLInput(attrs={"placeholder": "https://"}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {
            "latitud": _(
                "En grados decimales, p. ej. -0.180653 (Quito). Sin latitud ni longitud, la institución no "
                "aparece en el mapa."
            ),
            "longitud": _("En grados decimales, p. ej. -78.467834 (Quito)."),
            "logo": _("PNG, JPEG, WebP o GIF de hasta 2 MB."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pais"].required = True
        for campo in self.fields.values():
            if campo.label:
                campo.label = capfirst(campo.label)

    def clean_nombre(self) -> str:
        # One line, single spaces: the name goes into page titles and e-mail subjects.
        return " ".join(self.cleaned_data["nombre"].split())

    def _coordenada(self, nombre: str) -> Decimal | None:
        valor = self.cleaned_data.get(nombre)
        return None if valor is None else valor.quantize(SEIS_DECIMALES, rounding=ROUND_HALF_UP)

    def clean_latitud(self) -> Decimal | None:
        return self._coordenada("latitud")

    def clean_longitud(self) -> Decimal | None:
        return self._coordenada("longitud")

    def clean_logo(self):
        archivo = self.cleaned_data.get("logo")
        if isinstance(archivo, UploadedFile):
            extension = validar_imagen(archivo, LOGO_MAX_BYTES)
            archivo.name = f"logo.{extension}"  # the storage name is made from a uuid (miembros.models)
        return archivo


class SolicitudForm(InstitucionForm):
    """ "Únete a la Red": who the institution is, why it joins, which consortia it promotes."""

    consorcios = forms.ModelMultipleChoiceField(
        label=_("Consorcios que promueve"),
        queryset=Consorcio.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Los consorcios publicados en la Red que su institución promueve o apoya (puede elegir varios)."),
    )
    token_envio = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta(InstitucionForm.Meta):
        fields = ["nombre", "sigla", "tipo", "pais", "ciudad", "sitio_web", "descripcion", "motivo_solicitud"]
        widgets = {**InstitucionForm.Meta.widgets, "motivo_solicitud": forms.Textarea(attrs={"rows": 4})}
        labels = {"descripcion": _("Qué hace la institución")}
        help_texts = {
            "motivo_solicitud": _("Qué espera de la Red y qué puede aportar a ella."),
            "descripcion": _("Se mostrará en su página. Puede usar Markdown."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motivo_solicitud"].required = True
        self.fields["consorcios"].queryset = Consorcio.objects.publicados().only("nombre").order_by("nombre")


class InvitacionForm(forms.Form):
    correo = forms.EmailField(label=_("Correo de la persona invitada"), max_length=254)
