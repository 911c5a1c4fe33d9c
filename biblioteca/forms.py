from __future__ import annotations

import uuid

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from consorcios.models import Consorcio
from miembros.models import Institucion, MiembroInstitucion

from .models import Documento, Inscripcion, Tema
from .validators import Formato, validar_documento


def instituciones_de(usuario) -> QuerySet[Institucion]:
    """The institutions a member belongs to: those they are an active administrator or promoter of,
    and the one their profile names."""
    return Institucion.objects.filter(
        Q(vinculos__usuario=usuario, vinculos__estado=MiembroInstitucion.Estado.ACTIVO) | Q(miembros__usuario=usuario)
    ).distinct()


class SubirDocumentoForm(forms.ModelForm):
    """A member's upload: metadata, and a file checked by its content and/or a link."""

    clave_envio = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    class Meta:
        model = Documento
        fields = [
            "titulo",
            "tipo",
            "resumen",
            "autores",
            "institucion",
            "paises",
            "idioma",
            "anio",
            "temas",
            "consorcios",
            "licencia",
            "archivo",
            "enlace",
            "portada",
        ]
        widgets = {
            "resumen": forms.Textarea(attrs={"rows": 5}),
            "temas": forms.CheckboxSelectMultiple,
            "consorcios": forms.CheckboxSelectMultiple,
            "archivo": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx,.pptx"}),
            "portada": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {
            "archivo": _("PDF, DOCX, ODT, XLSX o PPTX. Se revisa su contenido, no solo su nombre."),
            "licencia": _("Por ejemplo: CC BY 4.0, dominio público, todos los derechos reservados."),
        }

    def __init__(self, *args, usuario, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.formato: Formato | None = None
        self.fields["temas"].queryset = Tema.objects.order_by("nombre")
        # A member links only what they answer for: the consortia they are responsable of and their
        # own institution(s); staff link any record in the admin.
        self.fields["institucion"].queryset = instituciones_de(usuario).order_by("nombre")
        self.fields["institucion"].help_text = _("Solo las instituciones a las que pertenece.")
        self.fields["consorcios"].queryset = Consorcio.objects.de_responsable(usuario).only("nombre").order_by("nombre")
        self.fields["consorcios"].help_text = _("Solo los consorcios de los que es responsable.")
        if not self.fields["consorcios"].queryset.exists():
            del self.fields["consorcios"]
        self.fields["anio"].initial = timezone.now().year

    def clean_titulo(self) -> str:
        # One line, single spaces: the title goes into page titles, feeds and e-mail subjects.
        return " ".join(self.cleaned_data["titulo"].split())

    def clean_archivo(self):
        archivo = self.cleaned_data.get("archivo")
        if archivo and hasattr(archivo, "content_type"):  # a new upload, not the stored file
            self.formato = validar_documento(archivo)
        return archivo


def _opciones(choices) -> list[tuple[str, str]]:
    return [("", _("Todos")), *choices]


def _paises() -> list[tuple[str, str]]:
    # A callable: the 250 countries are listed, in the current language, only when the field is
    # rendered or a country is validated, not each time the form is built (every search).
    return _opciones(countries)


class BusquedaForm(forms.Form):
    """The library search: a GET form; every field optional, bad values simply ignored."""

    q = forms.CharField(label=_("Buscar"), required=False, max_length=200, widget=forms.SearchInput)
    tipo = forms.ChoiceField(label=_("Tipo"), required=False, choices=_opciones(Documento.Tipo.choices))
    pais = forms.ChoiceField(label=_("País"), required=False, choices=_paises)
    idioma = forms.ChoiceField(label=_("Idioma"), required=False, choices=_opciones(Documento.Idioma.choices))
    anio = forms.IntegerField(label=_("Año"), required=False, min_value=1900, max_value=2100)
    orden = forms.ChoiceField(
        label=_("Ordenar por"),
        required=False,
        choices=[("relevancia", _("Relevancia")), ("fecha", _("Fecha"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("p. ej. denominación de origen")

    def valores(self) -> dict:
        """Cleaned values, with invalid fields dropped instead of failing the whole search."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}


class InscripcionForm(forms.Form):
    compartir_datos = forms.BooleanField(
        label=Inscripcion.TEXTO_CONSENTIMIENTO,
        required=False,
        help_text=_(
            "Si no, los organizadores solo sabrán que asiste un miembro de la Red. Puedes retirarlo cuando quieras."
        ),
    )
