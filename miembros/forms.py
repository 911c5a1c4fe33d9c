from django import forms
from django.utils.translation import get_language

from comun.cache import guardado

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The two long selects list the same options for every member: built once per language
        # until the network's institutions change, not a query and ~250 sorted names per page.
        # Validation still goes through the field's queryset and country list.
        institucion, pais = self.fields["institucion"], self.fields["pais"]
        institucion.choices = guardado("red", "opciones:instituciones", lambda: _simples(institucion.choices))
        pais.choices = guardado("red", f"opciones:paises:{get_language()}", lambda: _simples(pais.choices))


def _simples(opciones) -> list[tuple[str, str]]:
    return [(str(valor), str(etiqueta)) for valor, etiqueta in opciones]
