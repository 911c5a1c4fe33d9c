"""A worker killed between the mail server's acceptance and the commit: that one delivery goes out
again on resume, as the same message (same Message-ID); nobody else gets a second copy."""

from collections import Counter

import pytest
from django.core import mail

from boletin import tasks
from boletin.models import Entrega


class Caida(Exception):
    """The worker dies after sending, before its transaction commits."""


@pytest.mark.django_db
def test_a_copy_sent_again_after_a_crash_carries_the_same_message_id(
    numero, suscriptores, monkeypatch, django_capture_on_commit_callbacks
):
    guardar_original = Entrega.save
    guardadas = {"n": 0}

    def guardar_y_morir_en_la_cuarta(self, *args, **kwargs):
        if guardadas["n"] == 3:
            raise Caida
        guardadas["n"] += 1
        return guardar_original(self, *args, **kwargs)

    monkeypatch.setattr(Entrega, "save", guardar_y_morir_en_la_cuarta)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.iniciar_envio(numero=numero)  # the task fails on the fourth delivery, already sent
    assert len(mail.outbox) == 4
    assert Entrega.objects.filter(enviado_en__isnull=False).count() == 3

    monkeypatch.setattr(Entrega, "save", guardar_original)
    tasks.reanudar()

    assert len(mail.outbox) == 11  # ten subscribers, one of them twice
    por_destinatario = Counter(m.to[0] for m in mail.outbox)
    assert sorted(por_destinatario.values()) == [1] * 9 + [2]
    ids = [m.message()["Message-ID"] for m in mail.outbox]
    repetido = next(d for d, n in por_destinatario.items() if n == 2)
    assert len({m.message()["Message-ID"] for m in mail.outbox if m.to[0] == repetido}) == 1
    assert len(set(ids)) == 10
    assert all(i.startswith(f"<boletin.{numero.pk}.") and i.endswith("@redconsorcios.org>") for i in ids)
    assert not Entrega.objects.filter(enviado_en__isnull=True).exists()
