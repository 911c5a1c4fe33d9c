"""Per-client rate limits: anonymous clients by address, clients with a key by key.

The address is the one every other limit of the portal counts (allauth's adapter, which honours
TRUSTED_PROXY_COUNT), and the counts live in the same "default" cache.

One counter per client and window ("60/min": the minute now running), raised with the cache's
``incr`` (atomic in Redis). DRF's own SimpleRateThrottle keeps the time of every request of the
window per client, and reads and rewrites that list on each request: 600 entries for a key at
600/min, and far more in the benchmark. A counter costs the same at any rate.
"""

from __future__ import annotations

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

SEGUNDOS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def tasa(texto: str) -> tuple[int, int]:
    """ "60/min" → (60, 60): requests and seconds of the window (settings.env_tasa checked the form)."""
    numero, periodo = texto.split("/")
    return int(numero), SEGUNDOS[periodo[0]]


class LimitePorCliente(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        if request.auth is not None:
            cliente, limite = f"clave:{request.auth.pk}", settings.API_RATE_CLAVE
        else:
            cliente, limite = f"ip:{get_adapter().get_client_ip(request)}", settings.API_RATE_ANON
        peticiones, segundos = tasa(limite)
        ahora = time.time()
        ventana = int(ahora // segundos)
        clave = f"api:limite:{cliente}:{segundos}:{ventana}"
        cache.add(clave, 0, timeout=segundos + 1)
        try:
            cuenta = cache.incr(clave)
        except ValueError:  # expired between add and incr: this request opens a new count
            cache.set(clave, cuenta := 1, timeout=segundos + 1)
        self.espera = (ventana + 1) * segundos - ahora
        return cuenta <= peticiones

    def wait(self) -> float:
        return max(1, self.espera)
