"""Hooks into django-allauth (settings ACCOUNT_ADAPTER and ACCOUNT_FORMS).

Kept apart from ``miembros.forms``: allauth's forms import ``miembros.forms.AltaForm``
(ACCOUNT_SIGNUP_FORM_CLASS), so the sign-up form built on allauth's lives here.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm
from allauth.core import context as allauth_context
from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from comun.correo import encolar_correo

from .services import restaurar_cuenta


class CuentaAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render the message now, in the request's language, and send it from the task queue
        once the transaction commits (comun/correo.py), like every other e-mail of the portal."""
        request = allauth_context.request
        mensaje = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        html = next((c for c, tipo in getattr(mensaje, "alternatives", []) if tipo == "text/html"), None)
        encolar_correo(
            asunto=mensaje.subject,
            texto=mensaje.body,
            destinatarios=mensaje.to,
            html=html,
            cabeceras=mensaje.extra_headers or None,
        )

    def pre_login(self, request: HttpRequest, user, **kwargs) -> HttpResponse | None:
        """A member who asked to delete their account and signs in within the grace period keeps it.

        allauth calls this only once the password (or the e-mailed code) has been checked; an
        account that is inactive for any other reason is still refused by allauth.
        """
        if not user.is_active and restaurar_cuenta(usuario=user):
            messages.success(request, _("Bienvenido/a de nuevo: tu cuenta ya no se borrará."))
        return super().pre_login(request, user, **kwargs)


class RegistroForm(SignupForm):
    def try_save(self, request: HttpRequest):
        if self.account_already_exists:
            # A new account costs one password hash (about a second with Django's hasher); an
            # address that already has one would otherwise answer at once, and the difference
            # tells an outsider who is a member. Both paths now do the same work and say the same.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
