"""The fast form renderer writes exactly the markup of Django's own widget templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from redconsorcios.widgets import RenderizadorRapido

OPCIONES = [("", "—"), ("a", "Café & cacao"), ("b", '<b>"pisco"</b>'), ("Grupo", [("c", "Quinua"), ("d", "Tagua")])]


class TodosLosWidgets(forms.Form):
    texto = forms.CharField(max_length=20, help_text="ayuda", widget=forms.TextInput(attrs={"placeholder": 'p"<'}))
    correo = forms.EmailField()
    enlace = forms.URLField(required=False)
    numero = forms.IntegerField(min_value=0, required=False)
    decimal = forms.DecimalField(max_digits=5, decimal_places=2, required=False)
    clave = forms.CharField(widget=forms.PasswordInput(render_value=True))
    oculto = forms.CharField(widget=forms.HiddenInput)
    busqueda = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    telefono = forms.CharField(widget=forms.TextInput(attrs={"type": "tel", "disabled": False}))
    fecha = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hora = forms.TimeField(widget=forms.TimeInput)
    color = forms.CharField(widget=forms.TextInput(attrs={"type": "color"}))
    casilla = forms.BooleanField(required=False)
    texto_largo = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    lista = forms.ChoiceField(choices=OPCIONES)
    varios = forms.MultipleChoiceField(choices=OPCIONES)
    casillas = forms.MultipleChoiceField(choices=OPCIONES, widget=forms.CheckboxSelectMultiple)
    radios = forms.ChoiceField(choices=OPCIONES, widget=forms.RadioSelect)
    seguro = forms.ChoiceField(choices=[("x", mark_safe("<em>ya seguro</em>"))])
    anio = forms.DateField(widget=forms.SelectDateWidget(years=[2011, 2012]))


VALORES = {
    "texto": 'Consorcio "El Ceibo" <b>',
    "correo": "a@b.org",
    "numero": "12",
    "decimal": "1.5",
    "clave": "s3creta&",
    "oculto": "x'y",
    "busqueda": "café",
    "fecha": "2012-08-29",
    "hora": "10:30",
    "casilla": "on",
    "texto_largo": "línea 1\n<script>alert(1)</script>",
    "lista": "b",
    "varios": ["a", "c"],
    "casillas": ["b", "d"],
    "radios": "c",
    "seguro": "x",
    "anio_day": "29",
    "anio_month": "8",
    "anio_year": "2012",
}


@pytest.mark.parametrize(
    "argumentos",
    [
        {},
        {"data": VALORES},
        {"data": {"texto": "", "numero": "no"}},
        {"initial": {"fecha": datetime.date(2012, 8, 29), "casilla": True, "lista": "c"}},
    ],
    ids=["vacio", "enviado", "con_errores", "inicial"],
)
def test_fast_renderer_writes_the_same_html_as_django_templates(argumentos):
    con_plantillas = TodosLosWidgets(**argumentos, renderer=DjangoTemplates())
    rapido = TodosLosWidgets(**argumentos, renderer=RenderizadorRapido())
    for campo in rapido:
        assert str(campo) == str(con_plantillas[campo.name]), campo.name
    assert rapido.render() == con_plantillas.render()


def test_custom_option_templates_still_go_through_the_template_engine():
    class Propio(forms.Select):
        option_template_name = "django/forms/widgets/attrs.html"  # any other template: the engine renders it

    class Formulario(forms.Form):
        x = forms.ChoiceField(choices=[("1", "uno")], widget=Propio)

    esperado = str(Formulario(renderer=DjangoTemplates())["x"])
    assert str(Formulario(renderer=RenderizadorRapido())["x"]) == esperado
    assert "<option" not in esperado
