from django import forms
from django.utils.translation import get_language

from redconsorcios.cache import memorizar

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
        # The two long selects list the same options for every member: built once per content
        # version and language instead of a query and ~250 translated, sorted names per page.
        # Validation still goes through the field's queryset and country list.
        institucion, pais = self.fields["institucion"], self.fields["pais"]
        institucion.choices = memorizar("miembros:opciones:instituciones", lambda: _simples(institucion.choices))
        pais.choices = memorizar(f"miembros:opciones:paises:{get_language()}", lambda: _simples(pais.choices))


def _simples(opciones) -> list[tuple[str, str]]:
    return [(str(valor), str(etiqueta)) for valor, etiqueta in opciones]
