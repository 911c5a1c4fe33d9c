from django import forms
from django.utils.translation import gettext_lazy as _


class SuscripcionForm(forms.Form):
    email = forms.EmailField(label=_("Correo electrónico"), max_length=254)
    # Bots fill every field; people never see this one (hidden by CSS).
    sitio = forms.CharField(
        label=_("No completar"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_sitio(self) -> str:
        if self.cleaned_data["sitio"]:
            raise forms.ValidationError(_("No se pudo procesar la solicitud."))
        return ""
