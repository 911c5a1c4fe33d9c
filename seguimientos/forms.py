"""Forms of "Mi red". They validate input; seguimientos.services decides and writes."""

from __future__ import annotations

from django import forms

from .models import PreferenciasSeguimiento


class PreferenciasForm(forms.ModelForm):
    class Meta:
        model = PreferenciasSeguimiento
        fields = ["frecuencia"]
        widgets = {"frecuencia": forms.RadioSelect}
