"""Forms of cooperation opportunities: publish or edit one, renew it, the admin's rejection reason."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consorcios.forms import OpcionVaciaMixin
from consorcios.models import Consorcio
from miembros.models import Institucion

from .models import PLAZO_MAXIMO_DIAS, Oportunidad, limite_maximo, validar_fecha_limite

# The deadline a new opportunity (or a renewal) is offered: three months, well inside the maximum.
PLAZO_PROPUESTO_DIAS = 90


def fecha_propuesta():
    return timezone.localdate() + timedelta(days=PLAZO_PROPUESTO_DIAS)


def _ayuda_fecha_en_idioma() -> str:
    return gettext("Después de esta fecha deja de mostrarse (como máximo a %(dias)s días); puede renovarla.") % {
        "dias": PLAZO_MAXIMO_DIAS
    }


# Formatted when the form is drawn, in the page's language (not once, at import).
_ayuda_fecha = lazy(_ayuda_fecha_en_idioma, str)


class CampoFecha(forms.DateField):
    """A date picker bounded from today to PLAZO_MAXIMO_DIAS ahead; the same rule is checked on the server."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        kwargs.setdefault("help_text", _ayuda_fecha())
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        hoy = timezone.localdate()
        return {**super().widget_attrs(widget), "min": hoy.isoformat(), "max": limite_maximo(hoy).isoformat()}

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None:
            validar_fecha_limite(value)


class OportunidadForm(OpcionVaciaMixin, forms.ModelForm):
    """What an editor says about an opportunity. With ``publicadores`` (the picker page) it also asks
    for whom it is published: ``c<pk>`` for a consortium, ``i<pk>`` for an institution."""

    token_envio = forms.UUIDField(widget=forms.HiddenInput, required=False)
    fecha_limite = CampoFecha(label=_("Fecha límite"))

    class Meta:
        model = Oportunidad
        fields = ["tipo", "titulo", "descripcion", "sectores", "productos", "paises", "mercados", "fecha_limite"]
        widgets = {
            "sectores": forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
            "descripcion": forms.Textarea(attrs={"rows": 8}),
            "paises": forms.SelectMultiple(attrs={"size": 6}),
            "mercados": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "titulo": _("P. ej. «Buscamos importador de miel orgánica en Japón»."),
            "productos": _("Los productos o servicios que ofrece o busca."),
            "mercados": _("Los países donde quiere vender o comprar."),
        }

    def __init__(
        self,
        *args,
        consorcio: Consorcio | None = None,
        institucion: Institucion | None = None,
        publicadores: list[tuple[str, str]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        if consorcio is not None or institucion is not None:
            self.instance.consorcio, self.instance.institucion = consorcio, institucion
        if publicadores is not None:
            self.fields["publicador"] = forms.ChoiceField(
                label=_("Publicada por"), choices=[("", _("— Elija una opción —")), *publicadores]
            )
            self.order_fields(["publicador"])
        for campo in self.fields.values():
            if campo.label:
                campo.label = capfirst(campo.label)

    def clean_publicador(self) -> str:
        """The chosen consortium or institution (the choices are only what the member edits)."""
        elegido = self.cleaned_data["publicador"]
        if elegido.startswith("c"):
            self.instance.consorcio, self.instance.institucion = Consorcio.objects.get(pk=elegido[1:]), None
        else:
            self.instance.consorcio, self.instance.institucion = None, Institucion.objects.get(pk=elegido[1:])
        return elegido

    def clean_titulo(self) -> str:
        # One line, single spaces: the title goes into page titles, feeds and e-mail subjects.
        return " ".join(self.cleaned_data["titulo"].split())


class RenovarForm(forms.Form):
    hasta = CampoFecha(label=_("Nueva fecha límite"))
