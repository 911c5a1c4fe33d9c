"""Sign-up tells nobody whether an address has an account, by its answer or by the work it does;
allauth's e-mails leave through the task queue after commit, like the portal's own."""

import pytest
from django.core import mail
from django.tasks.signals import task_enqueued

from comun.correo import enviar_correo

pytestmark = pytest.mark.django_db


def _alta(client, correo: str):
    datos = {"email": correo, "nombre": f"Alguien {correo[:5]}", "password1": "Una-clave-larga-2024"}
    return client.post("/cuentas/signup/", {**datos, "password2": datos["password1"]})


def test_signup_does_the_same_work_and_says_the_same_for_a_known_and_a_new_address(
    client, miembro, hashes, django_capture_on_commit_callbacks
):
    hashes.calculados = 0
    with django_capture_on_commit_callbacks(execute=True):
        conocida = _alta(client, miembro.email)
    hashes_conocida, hashes.calculados = hashes.calculados, 0
    with django_capture_on_commit_callbacks(execute=True):
        nueva = _alta(client, "nueva@example.org")
    assert hashes_conocida == hashes.calculados == 1  # the password is hashed in both paths
    assert (conocida.status_code, conocida["Location"]) == (nueva.status_code, nueva["Location"])
    # Each address hears what it needs: the owner that they already have an account.
    assert sorted(m.to[0] for m in mail.outbox) == ["miembro@example.org", "nueva@example.org"]


def test_allauths_emails_wait_for_the_commit_and_go_through_the_task_queue(
    client, miembro, django_capture_on_commit_callbacks
):
    encolados = []

    def anotar(sender, task_result, **kwargs):
        encolados.append(task_result.task.func)

    task_enqueued.connect(anotar)
    try:
        with django_capture_on_commit_callbacks() as pendientes:
            client.post("/cuentas/password/reset/", {"email": miembro.email})
        assert encolados == [] and mail.outbox == []  # nothing sent inside the request
        for funcion in pendientes:
            funcion()
    finally:
        task_enqueued.disconnect(anotar)
    assert encolados == [enviar_correo.func]
    (correo,) = mail.outbox
    assert correo.to == [miembro.email]
    assert correo.subject.startswith("[Red de Consorcios] ")
    assert "/cuentas/password/reset/key/" in correo.body
