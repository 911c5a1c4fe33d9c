"""Signing in under attack: staff go through the throttled sign-in and a second factor; the limits
count addresses and accounts apart, trust a proxy only when told, and survive a full cache."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ATACANTE, SOCIO = "203.0.113.9", "198.51.100.7"


def _entrar(client, correo: str, clave: str, **cabeceras):
    return client.post("/cuentas/login/", {"login": correo, "password": clave}, **cabeceras)


def _dentro(client) -> bool:
    return "_auth_user_id" in client.session


def _codigo_totp(secreto: str) -> str:
    return format_hotp_value(hotp_value(secreto, int(time.time()) // mfa_settings.TOTP_PERIOD))


# --- Staff ------------------------------------------------------------------------------------


def test_the_admin_login_sends_staff_to_the_members_sign_in_and_back(client):
    respuesta = client.get("/admin/", follow=True)
    assert respuesta.redirect_chain[-1][0] == "/cuentas/login/?next=%2Fadmin%2F"
    assert respuesta.status_code == 200


def test_thirty_wrong_passwords_at_the_admin_login_are_not_all_checked(client, staff, hashes):
    hashes.calculados = 0
    for _intento in range(30):
        client.post("/admin/login/", {"username": staff.email, "password": "adivinando"}, follow=True)
    for _intento in range(30):  # and where it leads: the members' sign-in, throttled
        _entrar(client, staff.email, "adivinando")
    assert hashes.calculados <= 5
    assert not _dentro(client)


def test_staff_with_an_authenticator_app_must_enter_its_code(client, staff):
    secreto = generate_totp_secret()
    TOTP.activate(staff, secreto)
    respuesta = _entrar(client, staff.email, PASSWORD)
    assert respuesta["Location"] == "/cuentas/2fa/authenticate/"
    assert not _dentro(client)  # the password alone is not enough

    respuesta = client.post("/cuentas/2fa/authenticate/", {"code": "000000"})
    assert respuesta.status_code == 200 and not _dentro(client)

    client.post("/cuentas/2fa/authenticate/", {"code": _codigo_totp(secreto)})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_are_sent_to_set_one_up_when_it_is_required(cliente_staff, staff, settings):
    settings.MFA_OBLIGATORIO_STAFF = True
    respuesta = cliente_staff.get("/admin/consorcios/consorcio/")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/cuentas/2fa/totp/activate/"
    TOTP.activate(staff, generate_totp_secret())
    assert cliente_staff.get("/admin/consorcios/consorcio/").status_code == 200


def test_without_the_requirement_staff_open_the_admin_without_a_second_factor(cliente_staff, settings):
    settings.MFA_OBLIGATORIO_STAFF = False
    assert cliente_staff.get("/admin/").status_code == 200


def test_the_profile_links_to_the_second_factor_settings(cliente_miembro):
    html = cliente_miembro.get("/miembros/perfil/").content.decode()
    assert 'href="/cuentas/2fa/"' in html
    assert "Verificación en dos pasos" in html


def test_members_reach_the_authenticator_app_setup_after_confirming_their_password(client, miembro):
    _entrar(client, miembro.email, PASSWORD)
    respuesta = client.get("/cuentas/2fa/totp/activate/")
    assert respuesta["Location"] == "/cuentas/reauthenticate/?next=%2Fcuentas%2F2fa%2Ftotp%2Factivate%2F"
    respuesta = client.post(respuesta["Location"], {"password": PASSWORD}, follow=True)
    assert respuesta.redirect_chain[-1][0] == "/cuentas/2fa/totp/activate/"
    assert 'src="data:image/svg+xml' in respuesta.content.decode()  # the QR code, allowed by the CSP


# --- A real member under attack ---------------------------------------------------------------


def test_an_attackers_wrong_passwords_do_not_stop_the_member_from_their_own_address(client, miembro, hashes):
    for _intento in range(5):
        _entrar(client, miembro.email, "adivinando", REMOTE_ADDR=ATACANTE)
    hashes.calculados = 0
    _entrar(client, miembro.email, PASSWORD, REMOTE_ADDR=ATACANTE)
    assert not _dentro(client) and hashes.calculados == 0  # the attacker's address is refused unchecked

    _entrar(client, miembro.email, PASSWORD, REMOTE_ADDR=SOCIO)
    assert client.session["_auth_user_id"] == str(miembro.pk)


def test_when_many_addresses_exhaust_the_account_the_member_signs_in_by_code(
    client, miembro, hashes, django_capture_on_commit_callbacks
):
    for intento in range(30):  # 3 wrong passwords from each of 10 addresses: none hits its own limit
        _entrar(client, miembro.email, "adivinando", REMOTE_ADDR=f"203.0.113.{intento // 3}")
    hashes.calculados = 0
    _entrar(client, miembro.email, PASSWORD, REMOTE_ADDR=SOCIO)
    assert not _dentro(client) and hashes.calculados == 0  # the account's own limit holds

    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post("/cuentas/login/code/", {"email": miembro.email}, REMOTE_ADDR=SOCIO)
    assert respuesta["Location"] == "/cuentas/login/code/confirm/"
    (mensaje,) = mail.outbox
    codigo = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mensaje.body, re.MULTILINE).group(1)
    client.post("/cuentas/login/code/confirm/", {"code": codigo}, REMOTE_ADDR=SOCIO)
    assert client.session["_auth_user_id"] == str(miembro.pk)


def test_a_forged_forwarded_for_does_not_escape_the_address_limit(client, miembro, hashes):
    # Without a trusted proxy (the default) the address is the connection's, whatever the header says.
    hashes.calculados = 0
    for intento in range(8):
        _entrar(client, miembro.email, "adivinando", REMOTE_ADDR=ATACANTE, HTTP_X_FORWARDED_FOR=f"10.9.9.{intento}")
    assert hashes.calculados == 5


def test_behind_a_trusted_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client, miembro, settings, hashes):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    hashes.calculados = 0
    for intento in range(8):
        # The client prepends forged addresses; the proxy appends the one it saw.
        _entrar(client, miembro.email, "adivinando", HTTP_X_FORWARDED_FOR=f"10.9.9.{intento}, {ATACANTE}", **proxy)
    assert hashes.calculados == 5
    _entrar(client, miembro.email, PASSWORD, HTTP_X_FORWARDED_FOR=SOCIO, **proxy)  # another client, same proxy
    assert client.session["_auth_user_id"] == str(miembro.pk)


def test_an_accounts_failed_logins_survive_a_flood_of_other_entries_in_the_shared_cache(
    client, miembro, settings, tmp_path, hashes
):
    # The production file cache of one machine, small enough to be full at once.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "redconsorcios.cache_archivos.CacheArchivosSinPoda",
            "LOCATION": str(tmp_path),
            "OPTIONS": {"MAX_ENTRIES": 30},
        },
    }
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/h/key"}
    for intento in range(3):
        _entrar(client, miembro.email, "adivinando", REMOTE_ADDR=f"203.0.113.{intento}")
    for intento in range(150):  # other accounts from other addresses fill the cache many times over
        _entrar(client, f"otra{intento}@example.org", "adivinando", REMOTE_ADDR=f"192.0.2.{intento}")
    hashes.calculados = 0
    _entrar(client, miembro.email, PASSWORD, REMOTE_ADDR=SOCIO)
    assert not _dentro(client) and hashes.calculados == 0
