from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from comun.cache import guardado

from .models import Perfil


class PerfilForm(forms.ModelForm):
    idiomas = forms.MultipleChoiceField(
        label=_("Idiomas que habla"),
        choices=Perfil.Lengua.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # One box per field of the promoter profile: what a visitor may see. Unticking them all makes
    # it private again; each change records the consent anew (miembros.services.publicar_perfil).
    publicar = forms.MultipleChoiceField(
        label=_("Mostrar en mi perfil público de promotor/a"),
        choices=Perfil.CampoPublico.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Nada es público si no marca ninguna casilla. Su correo y su teléfono nunca se muestran: "
            "quien quiera escribirle lo hace a través del portal."
        ),
    )

    class Meta:
        model = Perfil
        fields = [
            "nombre",
            "rol",
            "institucion",
            "pais",
            "especialidad",
            "idiomas",
            "bio",
            "idioma",
            "avisos_foros",
            "frecuencia_foros",
            "avisos_revision",
            "avisos_afinidades",
            "avisos_conversaciones",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def clean_nombre(self) -> str:
        return _nombre_libre(self.cleaned_data["nombre"], self.instance)

    def clean_publicar(self) -> list[str]:
        campos = self.cleaned_data["publicar"]
        if campos and Perfil.CampoPublico.NOMBRE not in campos:
            # A profile without a name could not be listed nor told apart from the others.
            raise ValidationError(
                _("Para publicar su perfil, muestre al menos su nombre (o desmarque todas las casillas)."),
                code="sin_nombre",
            )
        return campos

    def clean(self):
        datos = super().clean()
        if Perfil.CampoPublico.NOMBRE in datos.get("publicar", []) and not datos.get("nombre"):
            self.add_error("nombre", _("Escriba el nombre que mostrará su perfil público."))
        return datos

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The two long selects list the same options for every member: built once per language
        # until the network's institutions change, not a query and ~250 sorted names per page.
        # Validation still goes through the field's queryset and country list.
        self.fields["publicar"].initial = list(self.instance.campos_publicos)
        institucion, pais = self.fields["institucion"], self.fields["pais"]
        institucion.choices = guardado("red", "opciones:instituciones", lambda: _simples(institucion.choices))
        pais.choices = guardado("red", f"opciones:paises:{get_language()}", lambda: _simples(pais.choices))


def _simples(opciones) -> list[tuple[str, str]]:
    return [(str(valor), str(etiqueta)) for valor, etiqueta in opciones]


NOMBRE_OCUPADO = _(
    "Ya hay un miembro con ese nombre. Añada su apellido o su institución para que los demás lo distingan."
)


def _nombre_libre(nombre: str, perfil: Perfil | None = None) -> str:
    nombre = " ".join(nombre.split())
    if nombre and Perfil.nombre_ocupado(nombre, salvo=perfil):
        raise ValidationError(NOMBRE_OCUPADO, code="ocupado")
    return nombre


class AltaForm(forms.Form):
    """What allauth's sign-up asks besides the e-mail and the password (ACCOUNT_SIGNUP_FORM_CLASS):
    the name other members will see on posts, quotes and e-mails."""

    nombre = forms.CharField(
        label=_("Nombre para mostrar"),
        min_length=3,
        max_length=150,
        help_text=_("Así lo verán los demás miembros: su nombre y apellido, o el de su institución."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_nombre(self) -> str:
        return _nombre_libre(self.cleaned_data["nombre"])

    def signup(self, request, user) -> None:
        user.perfil.nombre = self.cleaned_data["nombre"]
        user.perfil.save(update_fields=["nombre"])


class BajaForm(forms.Form):
    """ "Eliminar mi cuenta": what happens to the member's posts, and their password as proof it is them."""

    conservar_mensajes = forms.TypedChoiceField(
        label=_("Tus mensajes en los foros"),
        choices=[
            (True, _("Conservar su texto, firmado «Miembro retirado»")),
            (False, _("Retirar su texto (queda constancia de que hubo un mensaje)")),
        ],
        coerce=lambda valor: valor in (True, "True"),
        widget=forms.RadioSelect,
        initial=True,
    )
    contrasena = forms.CharField(
        label=_("Tu contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Para confirmar que eres tú quien lo pide."),
    )

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.usuario = usuario
        if not usuario.has_usable_password():
            # Accounts without a password (they sign in by code) confirm by e-mail instead.
            del self.fields["contrasena"]

    def clean_contrasena(self) -> str:
        contrasena = self.cleaned_data["contrasena"]
        if not self.usuario.check_password(contrasena):
            raise ValidationError(_("La contraseña no es correcta."), code="contrasena")
        return contrasena
