"""Rate limits per client, and the keys a member makes in their profile to raise theirs."""

from __future__ import annotations

import pytest

from api.models import ClaveAPI

pytestmark = pytest.mark.django_db


@pytest.fixture
def limites(settings):
    settings.API_RATE_ANON = "3/min"
    settings.API_RATE_CLAVE = "6/min"


def _hasta_el_limite(api, **cabeceras) -> list[int]:
    return [api("foros/", **cabeceras).status_code for _vez in range(8)]


def test_anonymous_client_gets_429_with_retry_after_past_its_limit(api, limites):
    estados = _hasta_el_limite(api)
    assert estados == [200] * 3 + [429] * 5
    respuesta = api("foros/")
    assert int(respuesta["Retry-After"]) > 0
    assert respuesta.json()["error"]["codigo"] == "demasiadas_peticiones"


def test_anonymous_clients_are_counted_by_their_address(api, limites, settings):
    assert _hasta_el_limite(api, REMOTE_ADDR="10.0.0.1")[:4] == [200, 200, 200, 429]
    assert api("foros/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_a_proxy_the_address_it_saw_is_counted_not_what_the_client_wrote(api, limites, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _vez in range(3):
        api("foros/", HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.7")
    # The client changes the part it controls: still the same address for the limit.
    assert api("foros/", HTTP_X_FORWARDED_FOR="2.2.2.2, 10.0.0.7").status_code == 429
    assert api("foros/", HTTP_X_FORWARDED_FOR="10.0.0.8").status_code == 200


def _clave(miembro, nombre="script") -> str:
    from api import services

    _registro, texto = services.crear_clave(miembro=miembro, nombre=nombre)
    return texto


def test_a_members_key_has_the_higher_limit_in_either_header(api, limites, miembro):
    texto = _clave(miembro)
    estados = [api("foros/", HTTP_X_API_KEY=texto).status_code for _vez in range(4)]
    estados += [api("foros/", HTTP_AUTHORIZATION=f"Api-Key {texto}").status_code for _vez in range(4)]
    assert estados == [200] * 6 + [429] * 2


def test_a_wrong_or_revoked_key_is_refused_with_401(api, miembro):
    texto = _clave(miembro)
    falsa = texto[:-3] + "xyz"
    respuesta = api("foros/", HTTP_X_API_KEY=falsa)
    assert respuesta.status_code == 401
    assert respuesta["WWW-Authenticate"] == "Api-Key"
    assert respuesta.json()["error"]["codigo"] == "clave_invalida"
    ClaveAPI.objects.update(revocada_en="2026-01-01T00:00Z")
    assert api("foros/", HTTP_X_API_KEY=texto).json()["error"]["codigo"] == "clave_revocada"


def test_member_creates_a_key_from_their_profile_sees_it_once_and_revokes_it(cliente_miembro, api, miembro):
    assert "/api/claves/" in cliente_miembro.get("/miembros/perfil/").content.decode()
    respuesta = cliente_miembro.post("/api/claves/", {"nombre": "Mi tesis"})
    html = respuesta.content.decode()
    clave = ClaveAPI.objects.get(miembro=miembro)
    texto = html.split('<code class="clave-api">', 1)[1].split("</code>", 1)[0]
    assert texto.startswith(clave.prefijo + ".") and respuesta["Cache-Control"] == "no-store"
    assert texto not in cliente_miembro.get("/api/claves/").content.decode()  # shown once only
    assert clave.secreto_hash not in html and texto.split(".")[1] != clave.secreto_hash
    assert api("foros/", HTTP_X_API_KEY=texto).status_code == 200
    cliente_miembro.post(f"/api/claves/{clave.pk}/revocar/")
    assert api("foros/", HTTP_X_API_KEY=texto).status_code == 401


def test_the_key_form_keeps_the_name_and_says_why_beside_it(cliente_miembro, miembro):
    _clave(miembro, "Mi tesis")
    respuesta = cliente_miembro.post("/api/claves/", {"nombre": "Mi tesis"})
    assert "Ya tiene una clave con ese nombre." in respuesta.content.decode()
    assert 'value="Mi tesis"' in respuesta.content.decode()
    assert ClaveAPI.objects.count() == 1


def test_nobody_revokes_another_members_key(client, miembro, promotor):
    _clave(promotor)
    client.force_login(miembro)
    assert client.post(f"/api/claves/{ClaveAPI.objects.get().pk}/revocar/").status_code == 404
    assert ClaveAPI.objects.get().vigente


def test_visitor_is_sent_to_sign_in_for_keys(client):
    assert client.get("/api/claves/").status_code == 302
