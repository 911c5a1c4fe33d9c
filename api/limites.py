"""Per-client rate limits: anonymous clients by address, clients with a key by key.

The address is the one every other limit of the portal counts (allauth's adapter, which honours
TRUSTED_PROXY_COUNT), and the counts live in the same "default" cache.
"""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class LimitePorCliente(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        return settings.API_RATE_ANON  # replaced per request in allow_request

    def allow_request(self, request, view) -> bool:
        self.rate = settings.API_RATE_CLAVE if request.auth is not None else settings.API_RATE_ANON
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        if request.auth is not None:
            return f"api:limite:clave:{request.auth.pk}"
        return f"api:limite:ip:{get_adapter().get_client_ip(request)}"
