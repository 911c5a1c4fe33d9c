"""A password hasher that counts its work, so tests compare what two paths cost without timing them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher


class HasherContador(PBKDF2PasswordHasher):
    """Django's hasher, cheap and counted: every hash it computes (a new password, or a check of
    a typed one against the stored hash) adds one to ``calculados``."""

    iterations = 1000
    calculados = 0

    def encode(self, password: str, salt: str, iterations: int | None = None) -> str:
        HasherContador.calculados += 1
        return super().encode(password, salt, iterations)


@pytest.fixture(autouse=True)
def hashes(settings) -> Iterator[type[HasherContador]]:
    """Counts the password hashes computed (the personas' passwords are made with it too)."""
    settings.PASSWORD_HASHERS = ["tests.miembros.conftest.HasherContador"]
    HasherContador.calculados = 0
    yield HasherContador
