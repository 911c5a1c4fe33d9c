from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class MfaObligatorioStaffMiddleware:
    """With MFA_OBLIGATORIO_STAFF, a staff member without an authenticator app who opens the admin
    is sent to set one up first (allauth.mfa)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not settings.MFA_OBLIGATORIO_STAFF or request.resolver_match.namespace != "admin":
            return None
        usuario = request.user
        if not (usuario.is_authenticated and usuario.is_staff):
            return None  # the admin's own login redirect (allauth) or refusal applies
        # One small query, on admin pages only.
        if Authenticator.objects.filter(user=usuario, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            _("Para entrar en la administración, active antes la verificación en dos pasos de su cuenta."),
        )
        return redirect("mfa_activate_totp")
