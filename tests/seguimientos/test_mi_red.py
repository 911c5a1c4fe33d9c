"""'Mi red': the activity of what the member follows, each item once, newest first; their follows,
the digest's settings and the private feed. A page view writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from seguimientos.models import ElementoEnviado, PreferenciasSeguimiento, Seguimiento

from .conftest import actividad, consorcio_nuevo, documento, evento, hace, noticia, tema

pytestmark = pytest.mark.django_db

MI_RED = "/mi-red/"


def _filas() -> tuple[int, int, int, int]:
    return (
        Seguimiento.objects.count(),
        PreferenciasSeguimiento.objects.count(),
        ElementoEnviado.objects.count(),
        Session.objects.count(),
    )


def _seguir_todo(miembro, *, consorcio, institucion, foro, sector):
    for campos in [
        {"consorcio": consorcio},
        {"institucion": institucion},
        {"pais": "PE"},
        {"sector": sector},
        {"foro": foro},
        {"tipo_oportunidad": "busca_socio"},
    ]:
        Seguimiento.objects.create(miembro=miembro, **campos)


def test_visitors_are_sent_to_sign_in(client):
    respuesta = client.get(MI_RED)
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]


def test_the_stream_shows_activity_of_each_followed_target_and_nothing_else(
    cliente_miembro, miembro, consorcio, institucion, foro, otro_foro
):
    from consorcios.models import Sector

    cacao = Sector.objects.get(slug="cafe-y-cacao")
    _seguir_todo(miembro, consorcio=consorcio, institucion=institucion, foro=foro, sector=cacao)
    ajeno = consorcio_nuevo("Consorcio Ajeno de Chile", pais="CL")
    esperados = [
        actividad(consorcio, "Feria de Flores en Miami", dias=1).titulo,
        documento("Caso de las flores", consorcios=[consorcio]).titulo,
        documento("Guía de la agencia", institucion=institucion).titulo,
        documento("Legislación peruana", paises=["PE"]).titulo,
        consorcio_nuevo("Consorcio Pisco del Sur", pais="PE").nombre,
        consorcio_nuevo("Consorcio Cacao Fino", sector="cafe-y-cacao").nombre,
        consorcio_nuevo("Consorcio Promovido", institucion=institucion).nombre,
        evento("Rueda de negocios en Lima", pais="PE").titulo,
        noticia("Crónica de la rueda", eventos=[evento("Feria en Cusco", pais="PE")]).titulo,
        tema("¿Cómo exportar flores?", foro=otro_foro, consorcio=consorcio).titulo,
        tema("Una ley de consorcios", foro=foro).titulo,
        tema("Pregunta para Perú", foro=otro_foro, pais="PE").titulo,
        tema("Pregunta sobre cacao", foro=otro_foro, sector=cacao).titulo,
    ]
    ajenos = [
        actividad(ajeno, "Feria ajena").titulo,
        documento("Documento ajeno", consorcios=[ajeno], paises=["CL"]).titulo,
        documento("Documento sin publicar", paises=["PE"], estado="pendiente").titulo,
        evento("Evento en Chile", pais="CL").titulo,
        noticia("Noticia sin evento").titulo,
        tema("Tema ajeno", foro=otro_foro, pais="CL").titulo,
        actividad(consorcio, "Feria del año que viene", dias=-300).titulo,  # not yet
        ajeno.nombre,
    ]
    html = cliente_miembro.get(MI_RED).content.decode()
    for titulo in esperados:
        assert titulo.replace("¿", "¿") in html, titulo
    for titulo in ajenos:
        assert titulo not in html, titulo
    assert html.count("<h1") == 1


def test_an_item_reached_through_two_follows_appears_once(cliente_miembro, miembro, consorcio, institucion):
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    Seguimiento.objects.create(miembro=miembro, institucion=institucion)
    Seguimiento.objects.create(miembro=miembro, pais="PE")
    documento("Un caso en tres seguimientos", consorcios=[consorcio], institucion=institucion, paises=["PE", "EC"])
    html = cliente_miembro.get(MI_RED).content.decode()
    assert html.count("Un caso en tres seguimientos</a>") == 1


def test_newest_first_and_see_more(cliente_miembro, miembro, consorcio):
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    for i in range(35):
        documento(f"Documento {i:02d}", consorcios=[consorcio], publicado_en=hace(hours=i + 1))
    html = cliente_miembro.get(MI_RED).content.decode()
    assert html.index("Documento 00") < html.index("Documento 01")
    assert "Documento 29" in html and "Documento 30" not in html
    assert 'href="?mostrar=60#t-actividad"' in html
    todo = cliente_miembro.get(MI_RED + "?mostrar=60").content.decode()
    assert "Documento 34" in todo and '#t-actividad"' not in todo
    assert cliente_miembro.get(MI_RED + "?mostrar=nada").status_code == 200


def test_a_page_view_writes_nothing(cliente_miembro, miembro, consorcio):
    cliente_miembro.get(MI_RED)  # the first visit, before any follow: no settings row is made
    antes = _filas()
    assert antes[1] == 0
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    antes = _filas()
    for url in [MI_RED, MI_RED + "?mostrar=60", consorcio.get_absolute_url(), "/consorcios/?pais=EC"]:
        assert cliente_miembro.get(url).status_code == 200
    assert _filas() == antes


def test_the_page_lists_the_follows_with_unfollow_buttons(cliente_miembro, miembro, consorcio, foro):
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    Seguimiento.objects.create(miembro=miembro, foro=foro)
    Seguimiento.objects.create(miembro=miembro, pais="PE")
    html = cliente_miembro.get(MI_RED).content.decode()
    assert consorcio.nombre in html and foro.nombre in html and "Perú" in html
    assert html.count('<input type="hidden" name="accion" value="dejar">') == 3
    assert 'href="/consorcios/?pais=PE"' in html


def test_the_digest_setting_is_saved_and_bad_input_is_answered_beside_the_field(cliente_miembro, miembro):
    respuesta = cliente_miembro.post(MI_RED, {"frecuencia": "cada-minuto"})
    assert respuesta.status_code == 400
    assert "Escoja una opción válida" in respuesta.content.decode()
    assert not PreferenciasSeguimiento.objects.exists()
    respuesta = cliente_miembro.post(MI_RED, {"frecuencia": "diaria"})
    assert respuesta.status_code == 302
    assert PreferenciasSeguimiento.objects.get(miembro=miembro).frecuencia == "diaria"
    assert 'value="diaria" required id="id_frecuencia_1" checked>' in cliente_miembro.get(MI_RED).content.decode()


def test_the_header_menu_links_mi_red(cliente_miembro):
    assert '<a href="/mi-red/">Mi red</a>' in cliente_miembro.get("/").content.decode()


@pytest.mark.parametrize("cantidad", [1, 12])
def test_query_count_does_not_grow_with_follows_and_items(
    cliente_miembro, miembro, foro, otro_foro, institucion, django_assert_num_queries, cantidad
):
    from consorcios.models import Sector

    sectores = list(Sector.objects.all()[:cantidad])
    for i in range(cantidad):
        consorcio = consorcio_nuevo(f"Consorcio {i}", pais="PE", sector=sectores[i].slug, institucion=institucion)
        Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
        Seguimiento.objects.create(miembro=miembro, sector=sectores[i])
        actividad(consorcio, f"Feria {i}")
        documento(f"Documento {i}", consorcios=[consorcio], paises=["PE"])
        noticia(f"Noticia {i}", eventos=[evento(f"Evento {i}", pais="PE")])
        tema(f"Tema {i}", foro=foro, consorcio=consorcio, pais="PE")
    for campos in [{"institucion": institucion}, {"pais": "PE"}, {"foro": foro}, {"tipo_oportunidad": "otra"}]:
        Seguimiento.objects.create(miembro=miembro, **campos)
    PreferenciasSeguimiento.objects.create(miembro=miembro)
    # session, user, the member's settings, their follows with the names of what they follow, the
    # pending items (their consortia, their opportunities, requests to join their institutions), then
    # one query per source: new consortia, activities, documents, events, news, topics,
    # opportunities, matches, unread conversations; and the header's unread count.
    with django_assert_num_queries(17):
        respuesta = cliente_miembro.get(MI_RED)
    assert f"Tema {cantidad - 1}" in respuesta.content.decode()
    # The same in English: staff's texts in every language come in the same rows (modeltranslation).
    with django_assert_num_queries(17):
        respuesta = cliente_miembro.get("/en" + MI_RED)
    assert f"Tema {cantidad - 1}" in respuesta.content.decode() and "My network" in respuesta.content.decode()


def test_a_private_source_shows_on_mi_red_but_never_in_the_feed(cliente_miembro, miembro, consorcio, monkeypatch):
    """The contract the integrator's sources follow (conversations: the member's own, private)."""
    from django.utils import timezone

    from seguimientos import fuentes

    def conversaciones(objetivos, desde, limite):
        assert objetivos.miembro_id == miembro.pk
        return [fuentes.Elemento(timezone.now(), "mensaje:1", "mensaje", "Un mensaje privado", "/mi-red/", "")]

    monkeypatch.setattr(fuentes, "FUENTES", [*fuentes.FUENTES, (conversaciones, True)])
    monkeypatch.setitem(fuentes.TIPOS, "mensaje", "Mensaje")
    assert "Un mensaje privado" in cliente_miembro.get(MI_RED).content.decode()  # even with no follow yet
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    preferencias = PreferenciasSeguimiento.objects.create(miembro=miembro)
    cliente_miembro.logout()
    assert "Un mensaje privado" not in cliente_miembro.get(f"/mi-red/feed/{preferencias.token_feed}/").content.decode()
