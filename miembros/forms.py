from django import forms

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
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
