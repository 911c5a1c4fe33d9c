"""'Eliminar mi cuenta': deactivated at once, restored by logging in within the grace period, erased after
it with nothing of the member left behind — pages, search, caches, exports, feeds, the API (README
"Personal data")."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from biblioteca.models import Documento
from boletin import services as boletin
from boletin.models import Suscriptor
from consorcios import services as consorcios
from consorcios.models import Consorcio, HistorialCambio
from foros import services as foros
from foros.models import Foro, Mensaje
from miembros.models import Baja, Consentimiento, Perfil, RegistroAuditoria
from redconsorcios import baja, exportacion
from tests.biblioteca.conftest import nuevo_documento
from tests.conftest import PASSWORD, _crear_usuario

pytestmark = pytest.mark.django_db

NOMBRE = "Zoraida Quispe Huamán"
CORREO = "zoraida.quispe@example.org"


@pytest.fixture(autouse=True)
def _entorno(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("es"):
        yield


@pytest.fixture
def zoraida(django_user_model):
    """A promoter with a distinctive name and address, so any trace of her is easy to find."""
    usuario = _crear_usuario(django_user_model, CORREO)
    Perfil.objects.filter(usuario=usuario).update(nombre=NOMBRE, rol="promotor", pais="PE")
    usuario.refresh_from_db()
    return usuario


@pytest.fixture
def foro(db):
    return Foro.objects.create(nombre="Denominaciones de origen", slug="denominaciones")


def _entrar(client, correo: str = CORREO, clave: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": correo, "password": clave})


def _pedir_baja(client, *, conservar: bool = True, clave: str = PASSWORD, **extra):
    return client.post(reverse("miembros:baja"), {"conservar_mensajes": str(conservar), "contrasena": clave, **extra})


def test_member_deletes_account_with_password_and_is_signed_out_at_once(
    client, zoraida, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(zoraida)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = _pedir_baja(client)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("miembros:baja_hecha")
    zoraida.refresh_from_db()
    assert not zoraida.is_active
    solicitud = Baja.objects.get(usuario=zoraida)
    assert solicitud.borrar_desde - solicitud.solicitada_en == timedelta(days=14)
    assert "desactivada" in client.get(respuesta["Location"]).content.decode()
    # Signed out: the profile asks to log in again.
    assert client.get(reverse("miembros:perfil")).status_code == 302
    assert [m.to for m in mailoutbox] == [[CORREO]]
    assert "se borrará el" in mailoutbox[0].subject


def test_wrong_password_is_told_beside_the_field_and_keeps_the_choice(client, zoraida):
    client.force_login(zoraida)
    respuesta = _pedir_baja(client, conservar=False, clave="no-es-la-clave")
    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "La contraseña no es correcta." in pagina
    assert re.search(r'value="False"[^>]*checked', pagina)
    zoraida.refresh_from_db()
    assert zoraida.is_active and not Baja.objects.exists()


def test_password_guessing_on_the_deletion_form_is_limited(client, zoraida):
    client.force_login(zoraida)
    for _intento in range(5):
        _pedir_baja(client, clave="otra-clave")
    respuesta = _pedir_baja(client)  # even the right one, once the limit is reached
    assert "Demasiados intentos" in respuesta.content.decode()
    zoraida.refresh_from_db()
    assert zoraida.is_active


def test_logging_in_within_the_grace_period_restores_the_account(client, zoraida, time_machine):
    client.force_login(zoraida)
    _pedir_baja(client)
    time_machine.move_to(timezone.now() + timedelta(days=13))
    respuesta = _entrar(client)
    assert respuesta.status_code == 302
    zoraida.refresh_from_db()
    assert zoraida.is_active
    assert not Baja.objects.exists()
    assert "ya no se borrará" in client.get(reverse("miembros:perfil")).content.decode()
    time_machine.move_to(timezone.now() + timedelta(days=30))
    call_command("retencion", verbosity=0)
    assert get_user_model().objects.filter(pk=zoraida.pk).exists()


def test_after_the_grace_period_the_account_is_erased_and_the_old_password_fails(client, zoraida, time_machine):
    client.force_login(zoraida)
    _pedir_baja(client)
    numero = zoraida.pk
    time_machine.move_to(timezone.now() + timedelta(days=13, hours=23))
    assert baja.borrar_vencidas() == 0  # the grace period is not over yet
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    call_command("retencion", verbosity=0)
    assert not get_user_model().objects.filter(pk=numero).exists()
    respuesta = _entrar(client)
    assert respuesta.status_code == 200  # the log-in form again, with its error
    assert "_auth_user_id" not in client.session
    registro = RegistroAuditoria.objects.get(miembro_id=numero)
    assert registro.accion == RegistroAuditoria.Accion.BORRADO and registro.staff is None


def test_a_deactivated_member_gets_no_boletin(client, zoraida):
    boletin.suscribir_miembro(usuario=zoraida, idioma="es")
    assert Suscriptor.objects.activos().filter(usuario=zoraida).exists()
    client.force_login(zoraida)
    _pedir_baja(client)
    assert not Suscriptor.objects.activos().filter(usuario=zoraida).exists()


def test_account_without_password_confirms_deletion_by_email(
    client, zoraida, miembro, mailoutbox, django_capture_on_commit_callbacks
):
    zoraida.set_unusable_password()
    zoraida.save()
    client.force_login(zoraida)
    assert "contrasena" not in client.get(reverse("miembros:baja")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("miembros:baja"), {"conservar_mensajes": "False"})
    zoraida.refresh_from_db()
    assert zoraida.is_active  # nothing happens until the link is followed
    enlace = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    ruta = "/" + enlace.split("://", 1)[1].split("/", 1)[1]
    assert client.get(ruta).status_code == 200
    zoraida.refresh_from_db()
    assert zoraida.is_active  # a GET never writes

    otro = client.__class__()
    otro.force_login(miembro)
    assert otro.get(ruta).status_code == 404  # another member's link

    client.post(ruta)
    zoraida.refresh_from_db()
    assert not zoraida.is_active
    assert Baja.objects.get(usuario=zoraida).conservar_mensajes is False


def _huellas(usuario, otro, foro, staff):
    """One record of every kind for ``usuario``, published where it can be; returns what to look at."""
    consorcio = Consorcio(
        nombre="Consorcio Miel de Chulucanas",
        tipo=Consorcio.Tipo.EXPORTACION,
        productos="Miel",
        descripcion="Apicultores de Piura.",
        pais="PE",
        ciudad="Chulucanas",
        latitud=-5.09,
        longitud=-80.16,
        correo_contacto=CORREO,
        publicar_contacto=True,
    )
    consorcio = consorcios.registrar_consorcio(consorcio=consorcio, usuario=usuario)
    consorcios.aprobar(consorcio=consorcio, usuario=staff)
    compartido = consorcios.registrar_consorcio(
        consorcio=Consorcio(
            nombre="Consorcio Cerámica Andina",
            tipo=Consorcio.Tipo.EXPORTACION,
            productos="Cerámica",
            descripcion="Ceramistas.",
            pais="PE",
            ciudad="Chulucanas",
            latitud=-5.1,
            longitud=-80.1,
        ),
        usuario=usuario,
    )
    compartido.responsables.add(otro)
    publicado = nuevo_documento(titulo="Estudio de la miel de Piura", subido_por=usuario)
    pendiente = nuevo_documento(titulo="Borrador sin publicar", subido_por=usuario, estado=Documento.Estado.PENDIENTE)
    pendiente.archivo.save("borrador.pdf", ContentFile(b"%PDF-1.4 borrador"))
    tema = foros.abrir_tema(
        foro=foro, autor=usuario, titulo="Miel con denominación", fuente="Texto sobre colmenas de Piura."
    )
    respuesta_otro = foros.abrir_tema(foro=foro, autor=otro, titulo="Tema del otro", fuente="Pregunta del otro.")
    foros.responder(tema=respuesta_otro, autor=usuario, fuente="Respuesta con apicultura andina.")
    foros.suscribir(usuario=usuario, foro=foro)
    boletin.suscribir_miembro(usuario=usuario, idioma="es")
    nombre_zip = default_storage.save(f"{exportacion.CARPETA}{usuario.pk}-prueba.zip", ContentFile(b"zip"))
    return {
        "consorcio": consorcio,
        "compartido": compartido,
        "publicado": publicado,
        "pendiente": pendiente,
        "tema": tema,
        "tema_otro": respuesta_otro,
        "zip": nombre_zip,
    }


def _paginas(h) -> list[str]:
    return [
        h["tema"].get_absolute_url(),
        h["tema_otro"].get_absolute_url(),
        reverse("foros:foro", args=[h["tema"].foro.slug]),
        reverse("foros:buscar") + "?q=colmenas",
        reverse("buscar") + "?q=miel",
        h["consorcio"].get_absolute_url(),
        reverse("consorcios:lista"),
        reverse("consorcios:exportar_csv"),
        reverse("consorcios:exportar_geojson"),
        h["publicado"].get_absolute_url(),
        reverse("biblioteca:canal", args=["documentos", "rss"]),
        reverse("biblioteca:canal", args=["documentos", "atom"]),
        "/api/v1/consorcios/",
        f"/api/v1/consorcios/{h['consorcio'].slug}/",
        f"/api/v1/documentos/{h['publicado'].slug}/",
        "/api/v1/temas/",
        f"/api/v1/temas/{h['tema'].pk}/",
        "/datos-abiertos/dcat.jsonld",
    ]


def _texto(respuesta) -> str:
    contenido = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    return contenido.decode()


def test_erasure_leaves_no_trace_of_the_member_anywhere(
    client, zoraida, miembro, staff, foro, time_machine, django_capture_on_commit_callbacks
):
    h = _huellas(zoraida, miembro, foro, staff)
    paginas = _paginas(h)
    antes = {url: _texto(client.get(url)) for url in paginas}  # fills the page and fragment caches
    assert NOMBRE in antes[h["tema"].get_absolute_url()]

    cliente = client.__class__()
    cliente.force_login(zoraida)
    _pedir_baja(cliente, conservar=True)
    time_machine.move_to(timezone.now() + timedelta(days=15))
    with django_capture_on_commit_callbacks(execute=True):
        assert baja.borrar_vencidas() == 1

    for url in paginas:
        texto = _texto(client.get(url))
        for huella in (NOMBRE, CORREO, "Zoraida"):
            assert huella not in texto, (url, huella)
    # The nightly open-data dumps, rebuilt: nothing of hers either.
    from datos import volcados

    for volcado in volcados.reconstruir():
        with default_storage.open(volcados.CARPETA + volcado.nombre, "rb") as archivo:
            contenido = archivo.read().decode()
        assert NOMBRE not in contenido and CORREO not in contenido, volcado.nombre
    pagina_tema = _texto(client.get(h["tema"].get_absolute_url()))
    assert "Miembro retirado" in pagina_tema
    # Kept posts keep their text (the member chose so), signed "Miembro retirado".
    assert Mensaje.objects.filter(fuente="Respuesta con apicultura andina.", autor__isnull=True).exists()

    # The records: the account and what cascades from it are gone; shared things stay, without her.
    assert not get_user_model().objects.filter(email=CORREO).exists()
    assert not Perfil.objects.filter(nombre=NOMBRE).exists()
    assert not Consentimiento.objects.exists()
    assert not EmailAddress.objects.filter(email=CORREO).exists()
    assert not Suscriptor.objects.filter(email=CORREO).exists()
    consorcio = Consorcio.objects.get(pk=h["consorcio"].pk)
    assert consorcio.estado == Consorcio.Estado.PUBLICADO
    assert not consorcio.responsables.exists()  # with staff now, who find it in the admin
    cliente_staff = client.__class__()
    cliente_staff.force_login(staff)
    sin_responsables = cliente_staff.get(reverse("admin:consorcios_consorcio_changelist") + "?responsables=ninguno")
    assert consorcio.nombre in sin_responsables.content.decode()
    assert h["compartido"].nombre not in sin_responsables.content.decode()
    assert consorcio.correo_contacto == "" and not consorcio.publicar_contacto
    assert list(Consorcio.objects.get(pk=h["compartido"].pk).responsables.all()) == [miembro]
    assert HistorialCambio.objects.filter(consorcio=consorcio, accion=HistorialCambio.Accion.RETIRADO).exists()
    assert Documento.objects.filter(pk=h["publicado"].pk, subido_por__isnull=True).exists()
    assert not Documento.objects.filter(pk=h["pendiente"].pk).exists()
    assert not default_storage.exists(h["pendiente"].archivo.name)
    assert not default_storage.exists(h["zip"])


def test_erasure_without_keeping_the_text_empties_her_posts_and_the_search_index(
    client, zoraida, miembro, staff, foro, time_machine
):
    h = _huellas(zoraida, miembro, foro, staff)
    assert "Tema del otro" in _texto(client.get(reverse("foros:buscar") + "?q=apicultura"))
    cliente = client.__class__()
    cliente.force_login(zoraida)
    _pedir_baja(cliente, conservar=False)
    time_machine.move_to(timezone.now() + timedelta(days=15))
    baja.borrar_vencidas()

    pagina = _texto(client.get(h["tema_otro"].get_absolute_url()))
    assert "Respuesta con apicultura andina." not in pagina
    assert "Texto retirado" in pagina and "Miembro retirado" in pagina
    assert "Pregunta del otro." in pagina  # the other member's post is untouched
    assert "Tema del otro" not in _texto(client.get(reverse("foros:buscar") + "?q=apicultura"))
    # Her topic's title stays on the topic, and search still finds the topic by it.
    inicial = Mensaje.objects.filter(tema=h["tema"]).earliest("creado")
    assert reverse("foros:mensaje", args=[inicial.pk]) in _texto(
        client.get(reverse("foros:buscar") + "?q=denominación")
    )


def test_retention_deletes_accounts_never_confirmed_after_thirty_days(django_user_model, time_machine):
    sin_confirmar = django_user_model.objects.create_user(username="nunca@example.org", email="nunca@example.org")
    EmailAddress.objects.create(user=sin_confirmar, email="nunca@example.org", verified=False, primary=True)
    confirmada = _crear_usuario(django_user_model, "confirmada@example.org")
    hecha_por_staff = django_user_model.objects.create_user(username="sin-correo", email="")
    time_machine.move_to(timezone.now() + timedelta(days=29))
    assert baja.aplicar_retencion()["cuentas_sin_confirmar"] == 0
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert baja.aplicar_retencion()["cuentas_sin_confirmar"] == 1
    assert set(django_user_model.objects.values_list("pk", flat=True)) == {confirmada.pk, hecha_por_staff.pk}
    assert RegistroAuditoria.objects.get().accion == RegistroAuditoria.Accion.SIN_CONFIRMAR


def test_retention_prunes_boletin_deliveries_after_a_year_and_unconfirmed_signups(time_machine):
    from boletin.models import Entrega, Numero

    confirmado = Suscriptor.objects.create(email="lee@example.org", confirmado_en=timezone.now())
    Suscriptor.objects.create(email="nunca-confirmo@example.org")
    numero = Numero.objects.create(numero=1, titulo="Número 1", desde=timezone.now(), enviado_en=timezone.now())
    Entrega.objects.create(numero=numero, suscriptor=confirmado, enviado_en=timezone.now())
    time_machine.move_to(timezone.now() + timedelta(days=29))
    assert baja.aplicar_retencion() | {"exportaciones": 0} == dict.fromkeys(
        [
            "cuentas_borradas",
            "cuentas_sin_confirmar",
            "suscripciones_sin_confirmar",
            "entregas_boletin",
            "exportaciones",
        ],
        0,
    )
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert baja.aplicar_retencion()["suscripciones_sin_confirmar"] == 1
    time_machine.move_to(timezone.now() + timedelta(days=333))
    assert baja.aplicar_retencion()["entregas_boletin"] == 0
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert baja.aplicar_retencion()["entregas_boletin"] == 1
    assert list(Suscriptor.objects.values_list("email", flat=True)) == ["lee@example.org"]


def test_no_model_keeps_an_ip_address():
    """IP addresses live only in the rate limits' cache entries, which expire with their period."""
    from django.apps import apps
    from django.db import models

    campos = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        for f in m._meta.get_fields()
        if isinstance(f, models.GenericIPAddressField) or "ip" in f.name.split("_")
    ]
    assert campos == []


def _accion_admin(client, accion: str, usuarios, **extra):
    datos = {"action": accion, "_selected_action": [u.pk for u in usuarios], **extra}
    return client.post(reverse("admin:auth_user_changelist"), datos)


def test_staff_export_on_a_members_request_asks_which_request_and_is_audited(
    cliente_staff, staff, zoraida, mailoutbox, django_capture_on_commit_callbacks
):
    pagina = _accion_admin(cliente_staff, "exportar_a_peticion", [zoraida])
    assert pagina.status_code == 200 and 'name="motivo"' in pagina.content.decode()
    assert not RegistroAuditoria.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        _accion_admin(
            cliente_staff, "exportar_a_peticion", [zoraida], confirmado="1", motivo="Carta del 2 de diciembre"
        )
    registro = RegistroAuditoria.objects.get()
    assert (registro.staff, registro.accion, registro.miembro_id, registro.motivo) == (
        staff,
        RegistroAuditoria.Accion.EXPORTACION,
        zoraida.pk,
        "Carta del 2 de diciembre",
    )
    assert [m.to for m in mailoutbox] == [[CORREO]]


def test_staff_delete_on_a_members_request_deactivates_with_grace_and_is_audited(
    cliente_staff, staff, zoraida, miembro, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _accion_admin(cliente_staff, "dar_de_baja_a_peticion", [zoraida, staff], confirmado="1", motivo="Correo #41")
    assert [m.to for m in mailoutbox] == [[CORREO]]  # the member is told the date, as when they ask themselves
    zoraida.refresh_from_db()
    staff.refresh_from_db()
    assert not zoraida.is_active and staff.is_active  # staff accounts are not deleted from here
    assert Baja.objects.get().usuario == zoraida
    registro = RegistroAuditoria.objects.get()
    assert (registro.staff, registro.accion, registro.miembro_id) == (staff, RegistroAuditoria.Accion.BAJA, zoraida.pk)


def test_nobody_edits_or_deletes_the_audit_log_in_the_admin(cliente_staff, staff, zoraida):
    registro = RegistroAuditoria.objects.create(staff=staff, accion="baja", miembro_id=zoraida.pk, motivo="x")
    assert cliente_staff.get(reverse("admin:miembros_registroauditoria_changelist")).status_code == 200
    assert cliente_staff.get(reverse("admin:miembros_registroauditoria_add")).status_code == 403
    url_borrar = reverse("admin:miembros_registroauditoria_delete", args=[registro.pk])
    assert cliente_staff.post(url_borrar, {"post": "yes"}).status_code == 403
    assert RegistroAuditoria.objects.filter(pk=registro.pk).exists()


@pytest.mark.parametrize(
    ("prefijo", "frases"),
    [
        ("", ["eliminar tu cuenta", "14 días", "30 días", "365 días", "Ley 29733", "Ley 21.719", "RGPD", "Encargados"]),
        ("/pt", ["14 dias", "30 dias", "365 dias", "Lei 29733", "Lei 21.719", "RGPD", "Operadores"]),
        ("/en", ["14 days", "30 days", "365 days", "Law 29733", "Law 21.719", "GDPR", "Processors"]),
    ],
)
def test_privacy_page_states_processors_periods_and_each_countrys_law(client, prefijo, frases, settings):
    pagina = client.get(f"{prefijo}/privacidad/").content.decode()
    for frase in frases:
        assert frase in pagina, frase


def test_privacy_page_follows_the_retention_settings(client, settings):
    settings.BAJA_GRACIA_DIAS = 21
    assert "21 días" in client.get("/privacidad/").content.decode()
