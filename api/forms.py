from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ClaveAPI


class ClaveForm(forms.Form):
    nombre = forms.CharField(
        label=_("Nombre de la clave"),
        max_length=80,
        help_text=_("Para reconocerla después: «script de mi tesis», «tablero del ministerio»."),
    )

    def __init__(self, *args, miembro, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.miembro = miembro

    def clean_nombre(self) -> str:
        nombre = " ".join(self.cleaned_data["nombre"].split())
        # Mirrors the constraint claveapi_nombre_unico, with a message instead of an IntegrityError.
        if ClaveAPI.objects.vigentes().filter(miembro=self.miembro, nombre=nombre).exists():
            raise forms.ValidationError(_("Ya tiene una clave con ese nombre."))
        return nombre
