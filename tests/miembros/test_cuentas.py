"""Accounts: sign-up with e-mail verification, log-in, throttling, profile."""

import re

import pytest
from django.core import mail

from miembros.models import Perfil
from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_signup_sends_verification_and_confirmation_logs_in(
    client, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            "/cuentas/signup/",
            {
                "email": "nueva@example.org",
                "nombre": "Rosa  Quispe ",
                "password1": "Una-clave-larga-2024",
                "password2": "Una-clave-larga-2024",
            },
        )
    assert respuesta.status_code == 302
    assert len(mail.outbox) == 1
    cuerpo = mail.outbox[0].body
    # The site's name greets the new member, not the host that served the request.
    assert mail.outbox[0].subject.startswith("[Red de Consorcios] ")
    assert "Red Latinoamericana de Consorcios" in cuerpo and "testserver!" not in cuerpo
    enlace = re.search(r"https?://[^\s]+/cuentas/confirm-email/[^\s]+/", cuerpo).group(0)
    ruta = enlace.split("testserver", 1)[-1] if "testserver" in enlace else "/" + enlace.split("/", 3)[3]

    # Not verified yet: logging in is refused with a pointer to the e-mail.
    client.logout()
    client.post("/cuentas/login/", {"login": "nueva@example.org", "password": "Una-clave-larga-2024"})
    assert "_auth_user_id" not in client.session

    assert client.get(ruta).status_code == 200  # a GET only shows the confirmation form
    respuesta = client.post(ruta)
    assert respuesta.status_code == 302
    usuario = django_user_model.objects.get(email="nueva@example.org")
    assert usuario.emailaddress_set.get().verified
    assert client.get("/miembros/perfil/").status_code == 200
    assert usuario.perfil.nombre == "Rosa Quispe"


@pytest.mark.django_db
def test_signup_refuses_a_display_name_another_member_shows(client, miembro):
    miembro.perfil.nombre = "Rosa Quispe"
    miembro.perfil.save()
    datos = {"email": "otra@example.org", "nombre": "rosa quispe", "password1": "Una-clave-larga-2024"}
    respuesta = client.post("/cuentas/signup/", {**datos, "password2": datos["password1"]})
    assert respuesta.status_code == 200
    assert "Ya hay un miembro con ese nombre" in respuesta.content.decode()
    assert not Perfil.objects.filter(usuario__email="otra@example.org").exists()


@pytest.mark.django_db
def test_a_profile_cannot_take_another_members_name_but_keeps_its_own(cliente_miembro, miembro, promotor):
    promotor.perfil.nombre = "Rosa Quispe"
    promotor.perfil.save()
    datos = {"rol": "investigador", "idioma": "es", "frecuencia_foros": "inmediata"}
    respuesta = cliente_miembro.post("/miembros/perfil/", {**datos, "nombre": "ROSA QUISPE"})
    assert "Ya hay un miembro con ese nombre" in respuesta.content.decode()
    cliente_miembro.post("/miembros/perfil/", {**datos, "nombre": "Joao Silva"})
    miembro.perfil.refresh_from_db()
    assert miembro.perfil.nombre == "Joao Silva"
    respuesta = cliente_miembro.post("/miembros/perfil/", {**datos, "nombre": "Joao Silva"})
    assert respuesta.status_code == 302


@pytest.mark.django_db
def test_signup_shows_each_error_once_beside_its_own_field(client):
    datos = {"email": "nueva@example.org", "nombre": "Rosa Quispe", "password1": "abc", "password2": "abd"}
    html = client.post("/cuentas/signup/", datos).content.decode()
    correo, clave, repetida = (html.index(f'id="id_{campo}"') for campo in ("email", "password1", "password2"))
    errores = html.index('id="id_password1_error"')
    assert clave < errores < repetida  # below the password, not under the e-mail
    # Once beside the field, and once more as a link in the error summary above the heading.
    assert html.count("demasiado corta") == 2
    assert html.index('class="resumen-errores"') < html.index("<h1") < correo
    assert correo < clave


@pytest.mark.django_db
def test_signup_with_bad_input_keeps_what_was_typed(client):
    respuesta = client.post("/cuentas/signup/", {"email": "nueva@example.org", "password1": "abc", "password2": "xyz"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'value="nueva@example.org"' in html
    assert "errores" in html or "errorlist" in html


@pytest.mark.django_db
def test_verified_member_logs_in_and_out(client, miembro):
    respuesta = client.post("/cuentas/login/", {"login": miembro.email, "password": PASSWORD})
    assert respuesta.status_code == 302
    assert client.session["_auth_user_id"] == str(miembro.pk)
    client.post("/cuentas/logout/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(client, miembro):
    for _intento in range(5):
        respuesta = client.post("/cuentas/login/", {"login": miembro.email, "password": "equivocada"})
        assert respuesta.status_code == 200
    respuesta = client.post("/cuentas/login/", {"login": miembro.email, "password": PASSWORD})
    # Even the right password is refused while the limit holds.
    assert "_auth_user_id" not in client.session
    assert respuesta.status_code in {200, 429}


@pytest.mark.django_db
def test_password_reset_sends_an_email(client, miembro, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cuentas/password/reset/", {"email": miembro.email})
    assert len(mail.outbox) == 1
    assert "/cuentas/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_profile_requires_login(client):
    respuesta = client.get("/miembros/perfil/")
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]


@pytest.mark.django_db
def test_owner_edits_profile(cliente_miembro, miembro):
    from miembros.models import Institucion

    onudi = Institucion.objects.create(nombre="ONUDI", tipo=Institucion.Tipo.ORGANISMO)
    respuesta = cliente_miembro.post(
        "/miembros/perfil/",
        {
            "nombre": "Rosa Pérez",
            "rol": "investigador",
            "institucion": onudi.pk,
            "pais": "PE",
            "bio": "",
            "idioma": "pt",
            "frecuencia_foros": "diaria",
        },
    )
    assert respuesta.status_code == 302
    miembro.perfil.refresh_from_db()
    assert (miembro.perfil.nombre, miembro.perfil.pais.code, miembro.perfil.idioma) == ("Rosa Pérez", "PE", "pt")
    assert miembro.perfil.frecuencia_foros == Perfil.Frecuencia.DIARIA
    assert not miembro.perfil.avisos_foros  # an unticked box


@pytest.mark.django_db
def test_profile_rejects_unknown_role_and_keeps_input(cliente_miembro):
    respuesta = cliente_miembro.post("/miembros/perfil/", {"nombre": "Rosa Pérez", "rol": "pirata", "idioma": "es"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'value="Rosa Pérez"' in html
    assert 'class="errores"' in html


@pytest.mark.django_db
def test_profile_selects_show_the_current_choice_and_new_institutions_at_once(cliente_miembro, miembro):
    from miembros.models import Institucion

    onudi = Institucion.objects.create(nombre="ONUDI", tipo=Institucion.Tipo.ORGANISMO)
    miembro.perfil.institucion, miembro.perfil.pais = onudi, "EC"
    miembro.perfil.save()
    html = cliente_miembro.get("/miembros/perfil/").content.decode()
    assert f'<option value="{onudi.pk}" selected>ONUDI</option>' in html
    assert '<option value="EC" selected>Ecuador</option>' in html
    Institucion.objects.create(nombre="Federexport", tipo=Institucion.Tipo.ORGANISMO)
    assert ">Federexport</option>" in cliente_miembro.get("/miembros/perfil/").content.decode()
    assert ">Equador</option>" in cliente_miembro.get("/pt/miembros/perfil/").content.decode()  # per language
    assert ">Ecuador</option>" in cliente_miembro.get("/en/miembros/perfil/").content.decode()
