"""E-mail subjects are one line, and a failed e-mail task is seen by staff (issue 23, point 9).

A consortium name or a document title with a line break in it used to make the staff's
notification fail ("Header values may not contain linefeed"): the task failed and nobody knew.
"""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command
from django.tasks import task
from django.utils import translation
from django_tasks_db.management.commands import db_worker

from biblioteca.models import Documento
from comun.correo import encolar_correo
from consorcios.models import Consorcio
from tests.biblioteca.test_subida import _datos as datos_documento
from tests.consorcios.conftest import datos_formulario, sembrar_sectores

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _espanol():
    with translation.override("es"):
        yield


def test_a_subject_with_line_breaks_is_sent_on_one_line(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        encolar_correo(asunto="Nuevo consorcio:\r\n  Royal\nHoney ", texto="…", destinatarios=[staff.email])
    assert [m.subject for m in mailoutbox] == ["Nuevo consorcio: Royal Honey"]


def test_a_consortium_named_with_a_line_break_is_stored_on_one_line_and_staff_are_told(
    cliente_promotor, staff, mailoutbox, django_capture_on_commit_callbacks
):
    sembrar_sectores()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_promotor.post(
            "/consorcios/registrar/", datos_formulario(nombre="Consorcio\r\nRoyal   Honey")
        )
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    assert Consorcio.objects.get().nombre == "Consorcio Royal Honey"
    assert [m.subject for m in mailoutbox] == ["Nuevo consorcio por revisar: Consorcio Royal Honey"]


def test_a_document_titled_with_a_line_break_is_stored_on_one_line_and_staff_are_told(
    cliente_miembro, staff, mailoutbox, django_capture_on_commit_callbacks
):
    datos = datos_documento(titulo="Consorcios de exportación\nen Ecuador", enlace="https://www.sela.org/caso")
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_miembro.post("/biblioteca/subir/", datos)
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    assert Documento.objects.get().titulo == "Consorcios de exportación en Ecuador"
    assert [m.subject for m in mailoutbox] == ["Documento para revisar: Consorcios de exportación en Ecuador"]


@task()
def tarea_que_falla() -> None:
    raise RuntimeError("el servidor de correo no responde")


def test_a_failed_task_is_logged_as_an_error_with_its_traceback(caplog):
    with caplog.at_level(logging.INFO, logger="django.tasks"):
        tarea_que_falla.enqueue()
    errores = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errores) == 1
    assert "tarea_que_falla" in errores[0].getMessage()
    assert "el servidor de correo no responde" in caplog.text


def test_staff_see_failed_tasks_of_the_database_queue_in_the_admin(cliente_staff, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections between tasks; the test's data lives in one open transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    resultado = tarea_que_falla.enqueue()
    call_command("db_worker", batch=True, verbosity=0)
    assert tarea_que_falla.get_result(resultado.id).status == "FAILED"

    pagina = cliente_staff.get("/admin/django_tasks_database/dbtaskresult/", {"status__exact": "FAILED"})
    assert pagina.status_code == 200
    assert "tarea_que_falla" in pagina.content.decode()
    detalle = cliente_staff.get(f"/admin/django_tasks_database/dbtaskresult/{resultado.id}/change/").content.decode()
    assert "el servidor de correo no responde" in detalle
