"""An opportunity leaves every public place the day after its deadline, with no job changing it;
renewing brings it back, closing takes it away for good; editors are reminded a week before."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from oportunidades import services
from oportunidades.models import Oportunidad

pytestmark = pytest.mark.django_db

TITULO = "Buscamos importador de miel en Japón"


def _en_todas_partes(client) -> dict[str, bool]:
    """Whether the opportunity shows on the list, its page, the feeds, the API and the site search."""
    oportunidad = Oportunidad.objects.get(titulo=TITULO)
    return {
        "lista": TITULO in client.get("/oportunidades/").content.decode(),
        "pagina": client.get(oportunidad.get_absolute_url()).status_code == 200,
        "rss": TITULO in client.get("/oportunidades/rss/").content.decode(),
        "atom": TITULO in client.get("/oportunidades/atom/").content.decode(),
        "api": TITULO in client.get("/api/v1/oportunidades/").content.decode(),
        "buscar": TITULO in client.get("/buscar/", {"q": "miel Japón"}).content.decode(),
        "consorcio": TITULO in client.get(oportunidad.consorcio.get_absolute_url()).content.decode(),
        "sitemap": oportunidad.get_absolute_url() in client.get("/sitemap-oportunidades.xml").content.decode(),
    }


def test_past_its_deadline_it_disappears_everywhere_and_a_renewal_brings_it_back(client, publicada, promotor):
    publicada.fecha_limite = timezone.localdate() + timedelta(days=3)
    publicada.save()
    assert all(_en_todas_partes(client).values()), _en_todas_partes(client)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert not any(_en_todas_partes(client).values()), _en_todas_partes(client)
        # Its editors still see it, marked as expired, and renew it.
        client.force_login(promotor)
        assert "Vencida" in client.get("/oportunidades/mias/").content.decode()
        hasta = timezone.localdate() + timedelta(days=60)
        respuesta = client.post(f"/oportunidades/{publicada.pk}/renovar/", {"hasta": hasta.isoformat()})
        assert respuesta.status_code == 302
        client.logout()
        assert all(_en_todas_partes(client).values()), _en_todas_partes(client)
    publicada.refresh_from_db()
    assert publicada.fecha_limite == hasta and publicada.renovada_en is not None


def test_at_midnight_after_its_deadline_it_leaves_pages_read_minutes_before(client, publicada):
    """What was kept (pages, fragments, counts, API answers) is kept per day, not just per write."""
    hoy = timezone.localdate()
    publicada.fecha_limite = hoy
    publicada.save()
    noche = timezone.make_aware(datetime.combine(hoy, time(23, 50)))
    with time_machine.travel(noche, tick=False):
        assert all(_en_todas_partes(client).values()), _en_todas_partes(client)
    with time_machine.travel(noche + timedelta(minutes=20), tick=False):
        assert not any(_en_todas_partes(client).values()), _en_todas_partes(client)


def test_a_renewal_is_refused_beyond_the_maximum_and_keeps_the_deadline(cliente_promotor, publicada):
    antes = publicada.fecha_limite
    lejos = timezone.localdate() + timedelta(days=400)
    html = cliente_promotor.post(f"/oportunidades/{publicada.pk}/renovar/", {"hasta": lejos.isoformat()}).content
    assert "como máximo a 180 días" in html.decode()
    publicada.refresh_from_db()
    assert publicada.fecha_limite == antes


def test_the_renew_and_close_links_of_the_email_show_a_page_and_write_only_on_post(cliente_promotor, publicada):
    for accion in ("renovar", "cerrar"):
        respuesta = cliente_promotor.get(f"/oportunidades/{publicada.pk}/{accion}/")
        assert respuesta.status_code == 200 and 'method="post"' in respuesta.content.decode()
    publicada.refresh_from_db()
    assert publicada.estado == Oportunidad.Estado.PUBLICADA and publicada.renovada_en is None


def test_closing_takes_it_away_for_good(client, publicada, promotor):
    client.force_login(promotor)
    assert client.post(f"/oportunidades/{publicada.pk}/cerrar/").status_code == 302
    publicada.refresh_from_db()
    assert publicada.estado == Oportunidad.Estado.CERRADA and publicada.cerrada_en is not None
    assert client.get(f"/oportunidades/{publicada.pk}/renovar/").status_code == 403
    assert client.get(f"/oportunidades/{publicada.pk}/editar/").status_code == 403
    client.logout()
    assert not any(_en_todas_partes(client).values())


def test_editors_are_reminded_once_a_week_before_the_deadline(publicada, promotor, django_capture_on_commit_callbacks):
    publicada.fecha_limite = timezone.localdate() + timedelta(days=10)
    publicada.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.avisar_vencimiento() == 0
    with time_machine.travel(timezone.now() + timedelta(days=3)), django_capture_on_commit_callbacks(execute=True):
        call_command("avisar_vencimiento", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert services.avisar_vencimiento() == 0  # once per deadline
    assert [m.to for m in mail.outbox] == [[promotor.email]]
    cuerpo = mail.outbox[0].body
    assert f"/oportunidades/{publicada.pk}/renovar/" in cuerpo and f"/oportunidades/{publicada.pk}/cerrar/" in cuerpo
    # A renewal sets a new deadline: its reminder will go out again.
    services.renovar(oportunidad=publicada, por=promotor, hasta=timezone.localdate() + timedelta(days=20))
    publicada.refresh_from_db()
    assert publicada.avisada_en is None


def test_the_daily_unit_runs_the_reminder():
    from pathlib import Path

    unidad = Path(__file__).resolve().parents[2] / "deploy/systemd/redconsorcios-diario.service"
    assert "manage.py avisar_vencimiento" in unidad.read_text()
