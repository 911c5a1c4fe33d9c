"""Forms of conversations. They validate input; conversaciones.services decides and writes."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MensajeForm(forms.Form):
    cuerpo = forms.CharField(
        label=pgettext_lazy("conversaciones", "Mensaje"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Puede usar Markdown: **negrita**, *cursiva*, listas, enlaces y > citas."),
        error_messages={"required": pgettext_lazy("conversaciones", "Escriba un mensaje.")},
    )
    # One token per rendered form: submitting it twice creates one message.
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_cuerpo(self) -> str:
        cuerpo = self.cleaned_data["cuerpo"].strip()
        if not cuerpo:
            raise forms.ValidationError(pgettext_lazy("conversaciones", "Escriba un mensaje."))
        return cuerpo


class NuevaConversacionForm(MensajeForm):
    asunto = forms.CharField(label=_("Asunto (opcional)"), max_length=200, required=False)

    field_order = ["asunto", "cuerpo", "token"]


class DenunciaForm(forms.Form):
    motivo = forms.CharField(
        label=_("¿Por qué denuncia este mensaje?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Solo el equipo de la Red lo leerá, junto con la conversación."),
        error_messages={"required": _("Indique el motivo de la denuncia.")},
    )
