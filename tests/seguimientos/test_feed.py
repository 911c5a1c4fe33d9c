"""The private feed: RSS and Atom at a secret URL, no session, nothing written, revocable."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from seguimientos.models import PreferenciasSeguimiento, Seguimiento

from .conftest import documento, tema

pytestmark = pytest.mark.django_db


@pytest.fixture
def preferencias(miembro, consorcio, foro):
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    Seguimiento.objects.create(miembro=miembro, foro=foro)
    return PreferenciasSeguimiento.objects.create(miembro=miembro)


def test_rss_and_atom_carry_the_stream_once_each(client, preferencias, consorcio, foro):
    documento("Caso de las <flores>", consorcios=[consorcio], paises=["EC"])
    tema("Una ley de consorcios", foro=foro, consorcio=consorcio)
    rss = client.get(f"/mi-red/feed/{preferencias.token_feed}/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    texto = rss.content.decode()
    assert texto.count("<title>Caso de las &lt;flores&gt;</title>") == 1
    assert "Una ley de consorcios" in texto and "Documento en la biblioteca" in texto
    atom = client.get(f"/mi-red/feed/{preferencias.token_feed}/atom/")
    assert atom.status_code == 200 and "Una ley de consorcios" in atom.content.decode()
    assert "sessionid" not in rss.cookies and "csrftoken" not in rss.cookies


def test_an_unknown_token_is_404(client, preferencias):
    assert client.get("/mi-red/feed/no-es-un-token/").status_code == 404


def test_regenerating_the_token_revokes_the_old_url(cliente_miembro, preferencias):
    viejo = preferencias.token_feed
    respuesta = cliente_miembro.post("/mi-red/canal/regenerar/")
    assert respuesta.status_code == 302
    nuevo = PreferenciasSeguimiento.objects.get(pk=preferencias.pk).token_feed
    assert nuevo != viejo
    html = cliente_miembro.get("/mi-red/").content.decode()
    assert nuevo in html and viejo not in html
    cliente_miembro.logout()  # a feed reader has no session
    assert cliente_miembro.get(f"/mi-red/feed/{viejo}/").status_code == 404
    assert cliente_miembro.get(f"/mi-red/feed/{viejo}/atom/").status_code == 404
    assert cliente_miembro.get(f"/mi-red/feed/{nuevo}/").status_code == 200


def test_a_member_without_settings_creates_the_feed_by_post(cliente_miembro, miembro):
    html = cliente_miembro.get("/mi-red/").content.decode()
    assert "Crear mi canal privado" in html and not PreferenciasSeguimiento.objects.exists()
    cliente_miembro.post("/mi-red/canal/regenerar/")
    token = PreferenciasSeguimiento.objects.get(miembro=miembro).token_feed
    assert (
        f'<code class="codigo-largo">http://testserver/mi-red/feed/{token}/</code>'
        in cliente_miembro.get("/mi-red/").content.decode()
    )


def test_a_deactivated_members_feed_is_404(client, preferencias, miembro):
    miembro.is_active = False
    miembro.save()
    assert client.get(f"/mi-red/feed/{preferencias.token_feed}/").status_code == 404


def test_reading_the_feed_writes_nothing(client, preferencias, consorcio):
    documento("Caso", consorcios=[consorcio])
    antes = (Session.objects.count(), PreferenciasSeguimiento.objects.get(pk=preferencias.pk).ultimo_resumen_en)
    client.get(f"/mi-red/feed/{preferencias.token_feed}/")
    assert (Session.objects.count(), PreferenciasSeguimiento.objects.get(pk=preferencias.pk).ultimo_resumen_en) == antes


@pytest.mark.parametrize("cantidad", [1, 15])
def test_feed_query_count_does_not_grow(client, preferencias, consorcio, foro, django_assert_num_queries, cantidad):
    for i in range(cantidad):
        documento(f"Documento {i}", consorcios=[consorcio])
        tema(f"Tema {i}", foro=foro)
    # the member's settings by token; their follows; the sources that read them: activities,
    # documents, topics, opportunities (no country, sector or institution followed: those sources ask
    # nothing; the private sources, such as matches, never run for the feed)
    with django_assert_num_queries(6):
        respuesta = client.get(f"/mi-red/feed/{preferencias.token_feed}/")
    assert f"Tema {cantidad - 1}" in respuesta.content.decode()
