"""Forms of the forums. They validate input; foros.services decides and writes."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from consorcios.models import Consorcio, Sector
from miembros.models import Institucion

from .models import Foro, Reporte


class TrampaMixin(forms.Form):
    """A honeypot: people never see this field (hidden by CSS), naive bots fill it in."""

    sitio_web = forms.CharField(
        label=_("Deje este campo vacío"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_sitio_web(self) -> str:
        if self.cleaned_data.get("sitio_web"):
            raise forms.ValidationError(_("No se pudo publicar el mensaje."), code="trampa")
        return ""


class MensajeForm(TrampaMixin):
    fuente = forms.CharField(
        label=_("Mensaje"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Puede usar Markdown: **negrita**, *cursiva*, listas, enlaces, > citas y `código`."),
    )
    # One token per rendered form: submitting it twice creates one post.
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    field_order = ["fuente", "sitio_web", "token"]

    def clean_fuente(self) -> str:
        fuente = self.cleaned_data["fuente"].strip()
        if not fuente:
            raise forms.ValidationError(_("Escriba un mensaje."))
        return fuente


class TemaForm(MensajeForm):
    titulo = forms.CharField(label=_("Título"), max_length=200)
    consorcio = forms.ModelChoiceField(
        label=_("Consorcio del que trata (opcional)"),
        queryset=Consorcio.objects.none(),
        required=False,
        empty_label=_("Ninguno"),
        help_text=_("Solo los consorcios de los que es responsable: el perfil del consorcio enlazará el tema."),
    )

    institucion = forms.ModelChoiceField(
        label=_("Institución de la que trata (opcional)"),
        queryset=Institucion.objects.none(),
        required=False,
        empty_label=_("Ninguna"),
        help_text=_("Solo las instituciones de la Red de las que forma parte: su perfil enlazará el tema."),
    )

    field_order = ["titulo", "fuente", "consorcio", "institucion", "sitio_web", "token"]

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A member links only the consortia they edit and the member institutions they belong to
        # (staff link any in the admin); each field is left out for those who have none.
        propios = Consorcio.objects.de_responsable(usuario).only("nombre").order_by("nombre") if usuario else None
        if propios is not None and propios.exists():
            self.fields["consorcio"].queryset = propios
        else:
            del self.fields["consorcio"]
        suyas = Institucion.objects.de_miembro(usuario).order_by("nombre") if usuario else None
        if suyas is not None and suyas.exists():
            self.fields["institucion"].queryset = suyas
        else:
            del self.fields["institucion"]

    def clean_titulo(self) -> str:
        titulo = " ".join(self.cleaned_data["titulo"].split())
        if len(titulo) < 5:
            raise forms.ValidationError(_("El título debe tener al menos 5 caracteres."))
        return titulo


class PreguntaForm(TemaForm):
    """A topic of a forum of questions: it may be addressed to a country and a sector (both optional)."""

    pais = forms.ChoiceField(
        label=_("País al que se dirige (opcional)"),
        required=False,
        help_text=_("Los promotores de ese país recibirán un aviso por correo."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector al que se dirige (opcional)"),
        queryset=Sector.objects.all(),
        required=False,
        empty_label=_("Ninguno en particular"),
        help_text=_("Los responsables de los consorcios de ese sector recibirán un aviso por correo."),
    )

    field_order = ["titulo", "fuente", "consorcio", "institucion", "pais", "sector", "sitio_web", "token"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Country names in the language of this request, sorted in it (a class attribute would keep the first).
        self.fields["pais"].choices = [("", _("Ninguno en particular")), *countries]


class EdicionForm(forms.Form):
    fuente = forms.CharField(label=_("Mensaje"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 10}))


class ReporteForm(forms.Form):
    motivo = forms.CharField(
        label=_("¿Por qué reporta este mensaje?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OcultarForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo de la ocultación"), max_length=300)


class MoverForm(forms.Form):
    foro = forms.ModelChoiceField(label=_("Mover al foro"), queryset=Foro.objects.all(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the forums once: a ModelChoiceField would query again each time the select renders.
        self.fields["foro"].choices = [(foro.pk, foro.nombre) for foro in Foro.objects.all()]


class ResolverForm(forms.Form):
    estado = forms.ChoiceField(
        choices=[
            (Reporte.Estado.RESUELTO, Reporte.Estado.RESUELTO.label),
            (Reporte.Estado.DESCARTADO, Reporte.Estado.DESCARTADO.label),
        ]
    )
