"""'Descargar mis datos': a background task builds a ZIP of everything tied to the account and e-mails
its owner a link valid for a week (README "Personal data")."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from biblioteca.services import inscribir
from boletin import services as boletin
from consorcios import services as consorcios
from consorcios.models import Consorcio
from foros import services as foros
from foros.models import Foro
from miembros.models import Institucion, MiembroInstitucion
from redconsorcios import exportacion
from tests.biblioteca.conftest import nuevo_documento
from tests.biblioteca.test_noticias_eventos import evento as nuevo_evento

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_temporal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("es"):
        yield


def _registrar(usuario, nombre: str) -> Consorcio:
    consorcio = Consorcio(
        nombre=nombre,
        tipo=Consorcio.Tipo.ORIGEN,
        productos="Pisco",
        descripcion="Productores de pisco.",
        pais="PE",
        ciudad="Ica",
        latitud=-14,
        longitud=-75,
        correo_contacto=f"contacto-{usuario.pk}@example.org",
        publicar_contacto=True,
    )
    return consorcios.registrar_consorcio(consorcio=consorcio, usuario=usuario)


def _de_todo(usuario, otro, foro) -> None:
    """One record of each kind for ``usuario``; ``otro`` gets their own, which must stay out."""
    _registrar(usuario, "Consorcio Pisco de Ica")
    documento = nuevo_documento(titulo="Estudio del pisco", subido_por=usuario)
    documento.archivo.save("estudio.pdf", ContentFile(b"%PDF-1.4 estudio del pisco"))
    tema = foros.abrir_tema(foro=foro, autor=usuario, titulo="Pisco y denominación", fuente="Mi mensaje sobre pisco.")
    foros.suscribir(usuario=usuario, foro=foro)
    tema_otro = foros.abrir_tema(foro=foro, autor=otro, titulo="Tema del otro", fuente="Texto privado del otro.")
    foros.reportar(mensaje=tema_otro.mensajes.get(), usuario=usuario, motivo="Publicidad encubierta")
    boletin.suscribir_miembro(usuario=usuario, idioma="es")
    Authenticator.objects.create(user=usuario, type=Authenticator.Type.TOTP, data={"secret": "SECRETO-TOTP"})
    mipro = Institucion.objects.create(
        nombre="Ministerio de Industrias y Productividad", slug="mipro", tipo="ministerio"
    )
    MiembroInstitucion.objects.create(institucion=mipro, usuario=usuario, rol="admin")
    seminario = nuevo_evento(slug="seminario-de-lima", inscripciones_abiertas=True)
    inscribir(evento=seminario, usuario=usuario, compartir_datos=False)
    assert tema.mensajes.exists()
    # The other member's own data, none of which may appear in the first member's export.
    _registrar(otro, "Consorcio del otro")
    nuevo_documento(titulo="Documento del otro", subido_por=otro)
    foros.suscribir(usuario=otro, tema=tema)
    boletin.suscribir_miembro(usuario=otro, idioma="pt")


def _pedir_y_descargar(client, mailoutbox, django_capture_on_commit_callbacks) -> tuple[str, zipfile.ZipFile]:
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(reverse("mis_datos"))
    assert respuesta.status_code == 302
    assert len(mailoutbox) == 1
    enlace = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    ruta = enlace.split("://", 1)[1].split("/", 1)[1]
    descarga = client.get("/" + ruta)
    assert descarga.status_code == 200
    return "/" + ruta, zipfile.ZipFile(io.BytesIO(b"".join(descarga.streaming_content)))


@pytest.fixture
def foro(db):
    return Foro.objects.create(nombre="Denominaciones de origen", slug="denominaciones")


def test_member_downloads_every_kind_of_their_records_and_nothing_private_of_another(
    cliente_promotor, promotor, miembro, foro, mailoutbox, django_capture_on_commit_callbacks
):
    _de_todo(promotor, miembro, foro)
    _ruta, paquete = _pedir_y_descargar(cliente_promotor, mailoutbox, django_capture_on_commit_callbacks)

    def leer(nombre):
        return json.loads(paquete.read(nombre))

    assert leer("perfil.json")[0]["correo"] == "promotor@example.org"
    assert leer("perfil.json")[0]["rol"] == "promotor"
    assert [c["correo"] for c in leer("correos.json")] == ["promotor@example.org"]
    assert [a["tipo"] for a in leer("verificacion_en_dos_pasos.json")] == ["totp"]
    assert {c["consentimiento"] for c in leer("consentimientos.json")} == {"boletin", "contacto_consorcio"}
    assert [s["correo"] for s in leer("boletin.json")] == ["promotor@example.org"]
    assert [c["nombre"] for c in leer("consorcios.json")] == ["Consorcio Pisco de Ica"]
    assert [h["accion"] for h in leer("historial_consorcios.json")] == ["registrado"]
    documentos = leer("documentos.json")
    assert [d["titulo"] for d in documentos] == ["Estudio del pisco"]
    assert paquete.read(f"archivos/{documentos[0]['archivo']}") == b"%PDF-1.4 estudio del pisco"
    assert [m["texto"] for m in leer("mensajes_foros.json")] == ["Mi mensaje sobre pisco."]
    suscripciones = leer("suscripciones_foros.json")  # opening a topic subscribes its author to it
    assert {(s["tema"], s["foro"]) for s in suscripciones} == {
        ("Pisco y denominación", None),
        (None, "Denominaciones de origen"),
    }
    assert [r["motivo"] for r in leer("reportes_foros.json")] == ["Publicidad encubierta"]
    assert [(v["institucion"], v["rol"]) for v in leer("instituciones.json")] == [
        ("Ministerio de Industrias y Productividad", "admin")
    ]
    assert [i["evento"] for i in leer("inscripciones_eventos.json")] == ["Seminario 1"]
    leeme = paquete.read("README.txt").decode()
    assert "consentimientos.json" in leeme and "Tus consentimientos" in leeme

    todo = b"".join(paquete.read(nombre) for nombre in paquete.namelist())
    for ajeno in ["miembro@example.org", "Consorcio del otro", "Documento del otro", "Texto privado del otro"]:
        assert ajeno.encode() not in todo
    assert b"SECRETO-TOTP" not in todo


def test_readme_is_in_the_members_language(cliente_promotor, promotor, mailoutbox, django_capture_on_commit_callbacks):
    promotor.perfil.idioma = "en"
    promotor.perfil.save()
    _ruta, paquete = _pedir_y_descargar(cliente_promotor, mailoutbox, django_capture_on_commit_callbacks)
    assert "Your consents" in paquete.read("README.txt").decode()
    assert mailoutbox[0].subject == "Your data from the Red de Consorcios"


def test_another_member_gets_404_for_the_link(
    client, cliente_promotor, miembro, mailoutbox, django_capture_on_commit_callbacks
):
    ruta, _paquete = _pedir_y_descargar(cliente_promotor, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(miembro)
    assert client.get(ruta).status_code == 404
    client.logout()
    assert client.get(ruta).status_code == 302  # to the log-in page first


def test_link_expires_after_seven_days_and_the_file_is_purged(
    cliente_promotor, mailoutbox, django_capture_on_commit_callbacks, time_machine
):
    ruta, _paquete = _pedir_y_descargar(cliente_promotor, mailoutbox, django_capture_on_commit_callbacks)
    time_machine.move_to(timezone.now() + timedelta(days=6, hours=23))
    assert cliente_promotor.get(ruta).status_code == 200
    call_command("retencion", verbosity=0)
    assert cliente_promotor.get(ruta).status_code == 200  # purging keeps what is still valid

    time_machine.move_to(timezone.now() + timedelta(days=1, hours=2))
    assert cliente_promotor.get(ruta).status_code == 404
    assert exportacion.purgar() == 1
    from django.core.files.storage import default_storage

    assert default_storage.listdir("exportaciones/")[1] == []


def test_asking_is_a_post_and_a_get_changes_nothing(cliente_promotor, mailoutbox):
    assert cliente_promotor.get(reverse("mis_datos")).status_code == 405
    assert mailoutbox == []


def test_exports_are_stored_out_of_the_public_media_folders(
    client, cliente_promotor, mailoutbox, django_capture_on_commit_callbacks
):
    _pedir_y_descargar(cliente_promotor, mailoutbox, django_capture_on_commit_callbacks)
    from django.core.files.storage import default_storage

    (nombre,) = default_storage.listdir("exportaciones/")[1]
    assert client.get(f"/media/exportaciones/{nombre}").status_code == 404


def test_the_tasks_queries_do_not_grow_with_the_rows(promotor, miembro, foro, django_assert_max_num_queries):
    # Per app, a fixed number: the account with its profile, the profile and institution, consents,
    # e-mail addresses, authenticators, boletín; consortia, their sectors and institutions, history;
    # documents; posts, subscriptions, reports; follows and their settings; the matches e-mail's date;
    # opportunities and interests; conversations, messages, blocks, reports; the file save. Measured
    # with one of each, then three.
    _de_todo(promotor, miembro, foro)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as pocas:
        exportacion.preparar_exportacion.call(usuario_id=promotor.pk)
    for n in range(2):
        _registrar(promotor, f"Consorcio extra {n}")
        documento = nuevo_documento(titulo=f"Extra {n}", subido_por=promotor)
        documento.archivo.save(f"extra{n}.pdf", ContentFile(b"%PDF-1.4 extra"))
        foros.abrir_tema(foro=foro, autor=promotor, titulo=f"Tema extra {n}", fuente="Otro mensaje.")
    with CaptureQueriesContext(connection) as muchas:
        exportacion.preparar_exportacion.call(usuario_id=promotor.pk)
    assert len(muchas) == len(pocas)
    assert len(pocas) <= 26
