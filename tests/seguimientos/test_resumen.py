"""The e-mail digest: due daily or weekly, each item once across follows and across runs, nothing when
nothing is new, in the member's language, with one-click unfollow and unsubscribe links."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from seguimientos import services
from seguimientos.models import ElementoEnviado, PreferenciasSeguimiento, Seguimiento

from .conftest import documento, tema

pytestmark = pytest.mark.django_db


@pytest.fixture
def ejecutar(django_capture_on_commit_callbacks):
    """Run the daily job as cron does; the e-mails leave once its transactions commit."""

    def correr() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            salida = StringIO()
            call_command("enviar_resumenes_seguimiento", stdout=salida)
        return int(salida.getvalue().rsplit(":", 1)[1])

    return correr


@pytest.fixture
def sigue(miembro, consorcio):
    """The member follows the consortium and Ecuador: weekly digest (the default)."""
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    Seguimiento.objects.create(miembro=miembro, pais="EC")
    return PreferenciasSeguimiento.objects.create(miembro=miembro)


def _enlaces(cuerpo: str, ruta: str) -> list[str]:
    return re.findall(rf"http://[^\s]+/{ruta}/[^\s/]+/", cuerpo)


def test_weekly_digest_carries_each_item_once_across_follows_and_runs(
    sigue, consorcio, miembro, mailoutbox, ejecutar, time_machine
):
    inicio = timezone.now()
    time_machine.move_to(inicio, tick=False)
    a = documento("Caso A, del consorcio y del país", consorcios=[consorcio], paises=["EC"])
    assert ejecutar() == 0  # not a week yet
    assert mailoutbox == []

    time_machine.move_to(inicio + timedelta(days=7), tick=False)
    assert ejecutar() == 1
    [primero] = mailoutbox
    assert primero.to == [miembro.email]
    assert primero.body.count(a.get_absolute_url()) == 1  # reached through two follows, listed once
    assert ejecutar() == 0  # the same day again: not due

    time_machine.move_to(inicio + timedelta(days=14), tick=False)
    assert ejecutar() == 0  # a week, but nothing new: nothing sent, the date stays
    assert PreferenciasSeguimiento.objects.get(pk=sigue.pk).ultimo_resumen_en == inicio + timedelta(days=7)

    time_machine.move_to(inicio + timedelta(days=15), tick=False)
    b = documento("Caso B, nuevo", consorcios=[consorcio])
    # Published now but dated before the last digest (inside the margin): not lost, and A not repeated.
    c = documento("Caso C, con fecha anterior", paises=["EC"], publicado_en=inicio + timedelta(days=6))
    assert ejecutar() == 1
    segundo = mailoutbox[-1]
    assert "Caso B, nuevo" in segundo.body and "Caso C, con fecha anterior" in segundo.body
    assert "Caso A" not in segundo.body

    def recordados() -> set[str]:
        return set(ElementoEnviado.objects.filter(miembro=miembro).values_list("clave", flat=True))

    assert recordados() == {f"documento:{pk}" for pk in (a.pk, b.pk, c.pk)}
    # Past the retention period the record of A goes: no window reaches back to it any more.
    time_machine.move_to(inicio + timedelta(days=22), tick=False)
    assert ejecutar() == 0
    assert recordados() == {f"documento:{b.pk}", f"documento:{c.pk}"}


def test_daily_digest_is_due_after_a_day_and_lists_only_what_is_followed(
    sigue, consorcio, foro, mailoutbox, ejecutar, time_machine
):
    PreferenciasSeguimiento.objects.filter(pk=sigue.pk).update(frecuencia="diaria")
    inicio = timezone.now()
    time_machine.move_to(inicio, tick=False)
    tema("Tema del consorcio", foro=foro, consorcio=consorcio)
    tema("Tema de otro asunto", foro=foro)
    time_machine.move_to(inicio + timedelta(days=1), tick=False)
    assert ejecutar() == 1
    assert "Tema del consorcio" in mailoutbox[0].body and "Tema de otro asunto" not in mailoutbox[0].body
    assert "Su resumen diario de Mi red" in mailoutbox[0].body


def test_nothing_is_sent_when_nothing_is_new(sigue, mailoutbox, ejecutar, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=8), tick=False)
    assert ejecutar() == 0
    assert mailoutbox == []
    assert PreferenciasSeguimiento.objects.get(pk=sigue.pk).ultimo_resumen_en is None


def test_members_who_chose_never_or_are_leaving_get_nothing(
    sigue, consorcio, miembro, mailoutbox, ejecutar, time_machine
):
    documento("Caso", consorcios=[consorcio])
    time_machine.move_to(timezone.now() + timedelta(days=8), tick=False)
    PreferenciasSeguimiento.objects.filter(pk=sigue.pk).update(frecuencia="nunca")
    assert ejecutar() == 0
    PreferenciasSeguimiento.objects.filter(pk=sigue.pk).update(frecuencia="semanal")
    miembro.is_active = False  # deletion requested: waiting to be erased
    miembro.save()
    assert ejecutar() == 0
    assert mailoutbox == []


def test_the_digest_is_in_the_members_language(sigue, consorcio, miembro, mailoutbox, ejecutar, time_machine):
    miembro.perfil.idioma = "en"
    miembro.perfil.save()
    documento("Caso de las flores", consorcios=[consorcio])
    time_machine.move_to(timezone.now() + timedelta(days=8), tick=False)
    ejecutar()
    [correo] = mailoutbox
    assert correo.subject == "My network: 1 update from what you follow"
    assert "Your weekly digest of My network" in correo.body and "Library document" in correo.body
    assert "/en/biblioteca/" in correo.body and "/en/mi-red/dejar/" in correo.body
    html = correo.alternatives[0][0]
    assert '<html lang="en">' in html and "Unfollow" in html


def test_one_click_unfollow_from_the_email(client, sigue, consorcio, miembro, mailoutbox, ejecutar, time_machine):
    documento("Caso", consorcios=[consorcio])
    time_machine.move_to(timezone.now() + timedelta(days=8), tick=False)
    ejecutar()
    enlaces = _enlaces(mailoutbox[0].body, "mi-red/dejar")
    assert len(enlaces) == 2  # one per follow
    seguimiento_consorcio = Seguimiento.objects.get(miembro=miembro, consorcio=consorcio)
    enlace = next(e for e in enlaces if services.token_dejar(seguimiento_consorcio) in e)
    ruta = enlace.split("8000", 1)[1] if "8000" in enlace else enlace
    pagina = client.get(ruta)  # a mail scanner following the link changes nothing
    assert pagina.status_code == 200 and consorcio.nombre in pagina.content.decode()
    assert Seguimiento.objects.filter(pk=seguimiento_consorcio.pk).exists()
    assert client.post(ruta).status_code == 200  # no login, no CSRF token: the signed link authorises it
    assert not Seguimiento.objects.filter(pk=seguimiento_consorcio.pk).exists()
    assert Seguimiento.objects.filter(miembro=miembro, pais="EC").exists()  # the other follow stays
    assert client.post(ruta).status_code == 200  # again: idempotent
    assert "Ya no sigues esto" in client.get(ruta).content.decode()
    assert client.get(ruta.replace(":", "x", 1)[:-3] + "xx/").status_code == 404  # forged


def test_list_unsubscribe_stops_the_digest_but_keeps_the_follows(
    client, sigue, consorcio, miembro, mailoutbox, ejecutar, time_machine
):
    documento("Caso", consorcios=[consorcio])
    inicio = timezone.now() + timedelta(days=8)
    time_machine.move_to(inicio, tick=False)
    ejecutar()
    correo = mailoutbox[0]
    enlace = correo.extra_headers["List-Unsubscribe"].strip("<>")
    assert correo.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert enlace in correo.body
    ruta = enlace.split("8000", 1)[1]
    assert client.get(ruta).status_code == 200
    assert PreferenciasSeguimiento.objects.get(pk=sigue.pk).frecuencia == "semanal"  # GET changes nothing
    assert client.post(ruta, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert PreferenciasSeguimiento.objects.get(pk=sigue.pk).frecuencia == "nunca"
    assert Seguimiento.objects.filter(miembro=miembro).count() == 2
    documento("Otro caso", consorcios=[consorcio])
    time_machine.move_to(inicio + timedelta(days=8), tick=False)
    assert ejecutar() == 0
    assert client.get("/mi-red/resumen/baja/falso/").status_code == 404


def test_the_daily_job_runs_the_digest():
    servicio = __import__("pathlib").Path(__file__).resolve().parents[2] / "deploy/systemd/redconsorcios-diario.service"
    assert "manage.py enviar_resumenes_seguimiento" in servicio.read_text()
