from django import forms

from redconsorcios.widgets import SelectRapido

from .models import Perfil


class PerfilForm(forms.ModelForm):
    class Meta:
        model = Perfil
        fields = [
            "nombre",
            "rol",
            "institucion",
            "pais",
            "bio",
            "idioma",
            "avisos_foros",
            "frecuencia_foros",
            "avisos_revision",
        ]
        # Long selects (every country, every institution) render their options in Python.
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "institucion": SelectRapido, "pais": SelectRapido}
