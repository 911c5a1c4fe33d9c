"""Forums of questions: the asker (or staff) accepts one reply, shown right under the question and
flagged in searches; lists of answered and unanswered questions; questions addressed to a country
or a sector tell the promoters concerned."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from consorcios.models import Consorcio, Sector
from foros import services
from foros.models import Foro, Mensaje, Tema
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

pytestmark = pytest.mark.django_db


@pytest.fixture
def foro_preguntas(db):
    return Foro.objects.create(
        nombre="Preguntas de investigadores", slug="preguntas-de-investigadores", tipo=Foro.Tipo.PREGUNTAS
    )


@pytest.fixture
def pregunta(foro_preguntas, miembro):
    """A question asked by the member (a researcher), with two replies by the promoter and another member."""
    tema = services.abrir_tema(
        foro=foro_preguntas,
        autor=miembro,
        titulo="¿Qué incentivos existen en el Perú para los consorcios?",
        fuente="Busco programas públicos que financien consorcios de exportación.",
    )
    return tema


@pytest.fixture
def respuestas(pregunta, promotor, otro_miembro):
    primera = services.responder(tema=pregunta, autor=promotor, fuente="El programa de PROMPERÚ cofinancia ferias.")
    segunda = services.responder(tema=pregunta, autor=otro_miembro, fuente="Las cámaras regionales asesoran.")
    return primera, segunda


def _aceptar(client, tema, mensaje=None, quitar=False):
    datos = {"accion": "quitar"} if quitar else {"mensaje": mensaje.pk}
    return client.post(f"/foros/tema/{tema.pk}/respuesta-aceptada/", datos, follow=True)


def _aceptada(tema) -> Mensaje | None:
    return Mensaje.objects.filter(tema=tema, aceptada=True).first()


# --- The accepted answer ------------------------------------------------------------------------


def test_asker_accepts_a_reply_and_it_shows_right_under_the_question(client, miembro, pregunta, respuestas):
    client.force_login(miembro)
    respuesta = _aceptar(client, pregunta, respuestas[0])
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Respuesta aceptada: aparece bajo la pregunta." in html
    # The block sits between the question (first post) and the first reply, with a link to its place.
    inicial = Mensaje.objects.filter(tema=pregunta).order_by("pk").first()
    assert (
        html.index(f'id="m{inicial.pk}"')
        < html.index('id="respuesta-aceptada"')
        < html.index(f'id="m{respuestas[0].pk}"')
    )
    bloque = html[html.index('id="respuesta-aceptada"') :]
    assert "PROMPERÚ cofinancia ferias" in bloque[: bloque.index("</section>")]
    assert f'href="/foros/mensaje/{respuestas[0].pk}/"' in bloque
    assert _aceptada(pregunta) == respuestas[0]


def test_visitor_sees_the_accepted_answer_and_its_badge_without_any_form(client, miembro, pregunta, respuestas):
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[1].pk, por=miembro)
    html = client.get(pregunta.get_absolute_url()).content.decode()
    assert 'id="respuesta-aceptada"' in html
    assert html.count("Respuesta aceptada") == 2  # above, under the question, and on the post in the thread
    assert "csrfmiddlewaretoken" not in html
    assert "Aceptar esta respuesta" not in html


def test_a_kept_page_shows_the_accepted_answer_as_soon_as_it_changes(client, miembro, staff, pregunta, respuestas):
    """The visitor's page and its fragments are kept until the forums change: accepting and hiding change them."""
    assert 'id="respuesta-aceptada"' not in client.get(pregunta.get_absolute_url()).content.decode()
    assert pregunta.titulo in client.get("/foros/preguntas/?estado=sin-responder").content.decode()
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[0].pk, por=miembro)
    assert 'id="respuesta-aceptada"' in client.get(pregunta.get_absolute_url()).content.decode()
    assert pregunta.titulo not in client.get("/foros/preguntas/?estado=sin-responder").content.decode()
    assert pregunta.titulo in client.get("/foros/preguntas/?estado=respondidas").content.decode()
    services.ocultar(mensaje=respuestas[0], por=staff, motivo="Publicidad.")
    assert 'id="respuesta-aceptada"' not in client.get(pregunta.get_absolute_url()).content.decode()
    assert pregunta.titulo in client.get("/foros/preguntas/?estado=sin-responder").content.decode()


def test_asker_sees_accept_buttons_on_replies_but_not_on_the_question(client, miembro, pregunta, respuestas):
    client.force_login(miembro)
    html = client.get(pregunta.get_absolute_url()).content.decode()
    assert html.count("Aceptar esta respuesta") == 2


def test_staff_may_accept_change_and_unmark_the_answer(cliente_staff, pregunta, respuestas):
    _aceptar(cliente_staff, pregunta, respuestas[0])
    assert _aceptada(pregunta) == respuestas[0]
    _aceptar(cliente_staff, pregunta, respuestas[1])
    assert list(Mensaje.objects.filter(tema=pregunta, aceptada=True)) == [respuestas[1]]
    respuesta = _aceptar(cliente_staff, pregunta, quitar=True)
    assert "La pregunta ya no tiene respuesta aceptada." in respuesta.content.decode()
    assert _aceptada(pregunta) is None
    assert 'id="respuesta-aceptada"' not in cliente_staff.get(pregunta.get_absolute_url()).content.decode()


def test_a_member_who_did_not_ask_gets_403(client, promotor, pregunta, respuestas):
    client.force_login(promotor)
    respuesta = client.post(f"/foros/tema/{pregunta.pk}/respuesta-aceptada/", {"mensaje": respuestas[0].pk})
    assert respuesta.status_code == 403
    assert _aceptada(pregunta) is None
    assert "Aceptar esta respuesta" not in client.get(pregunta.get_absolute_url()).content.decode()


def test_visitor_is_sent_to_log_in(client, pregunta, respuestas):
    respuesta = client.post(f"/foros/tema/{pregunta.pk}/respuesta-aceptada/", {"mensaje": respuestas[0].pk})
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]
    assert _aceptada(pregunta) is None


def test_outsiders_get_404_where_there_is_no_question(client, promotor, tema):
    """A topic of a discussion forum has no accepted answer, whoever asks (even its author)."""
    client.force_login(promotor)
    mensaje = Mensaje.objects.get(tema=tema)
    assert client.post(f"/foros/tema/{tema.pk}/respuesta-aceptada/", {"mensaje": mensaje.pk}).status_code == 404
    assert client.post("/foros/tema/999999/respuesta-aceptada/", {"mensaje": mensaje.pk}).status_code == 404


def test_a_post_of_another_topic_is_refused(client, miembro, pregunta, respuestas, tema):
    client.force_login(miembro)
    ajeno = Mensaje.objects.get(tema=tema)
    html = _aceptar(client, pregunta, ajeno).content.decode()
    assert "Ese mensaje no es una respuesta a esta pregunta." in html
    assert not Mensaje.objects.filter(aceptada=True).exists()


def test_the_question_cannot_be_its_own_answer(client, miembro, pregunta, respuestas):
    client.force_login(miembro)
    inicial = Mensaje.objects.filter(tema=pregunta).order_by("pk").first()
    assert "La pregunta no puede ser su propia respuesta." in _aceptar(client, pregunta, inicial).content.decode()
    assert _aceptada(pregunta) is None


def test_hiding_the_accepted_answer_unmarks_it_and_a_hidden_post_cannot_be_accepted(
    client, miembro, staff, pregunta, respuestas
):
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[0].pk, por=miembro)
    services.ocultar(mensaje=respuestas[0], por=staff, motivo="Publicidad.")
    assert _aceptada(pregunta) is None
    client.force_login(miembro)
    html = _aceptar(client, pregunta, respuestas[0]).content.decode()
    assert "Un mensaje ocultado por la moderación no puede ser la respuesta aceptada." in html
    assert _aceptada(pregunta) is None
    assert 'id="respuesta-aceptada"' not in html


def test_the_database_holds_one_visible_accepted_answer_per_question(miembro, pregunta, respuestas):
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[0].pk, por=miembro)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mensaje.objects.filter(pk=respuestas[1].pk).update(aceptada=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mensaje.objects.filter(pk=respuestas[0].pk).update(oculto=True)


def test_clean_says_the_same_rules_in_words(miembro, pregunta, respuestas, tema):
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[0].pk, por=miembro)
    otra = Mensaje.objects.get(pk=respuestas[1].pk)
    otra.aceptada = True
    with pytest.raises(ValidationError, match="ya tiene una respuesta aceptada"):
        otra.clean()
    oculta = Mensaje.objects.get(pk=respuestas[0].pk)
    oculta.oculto = True
    with pytest.raises(ValidationError, match="ocultado por la moderación"):
        oculta.clean()
    de_discusion = Mensaje.objects.get(tema=tema)
    de_discusion.aceptada = True
    with pytest.raises(ValidationError, match="foro de preguntas"):
        de_discusion.clean()


# --- Lists of answered and unanswered questions -----------------------------------------------------


def _preguntas(foro, autor, n: int, respondidas: int) -> None:
    """n questions, the first ``respondidas`` with an accepted answer (straight to the database)."""
    for i in range(n):
        tema = Tema.objects.create(foro=foro, titulo=f"Pregunta {i}", slug=f"pregunta-{i}", autor=autor)
        Mensaje.objects.create(tema=tema, autor=autor, fuente="¿?", html="<p>¿?</p>")
        respuesta = Mensaje.objects.create(
            tema=tema, autor=autor, fuente="Sí.", html="<p>Sí.</p>", aceptada=i < respondidas
        )
        Tema.objects.filter(pk=tema.pk).update(ultimo_mensaje=respuesta, respuestas=1)


def test_forum_of_questions_filters_answered_and_unanswered_with_counts(client, foro_preguntas, promotor):
    _preguntas(foro_preguntas, promotor, 5, respondidas=2)
    html = client.get(f"/foros/{foro_preguntas.slug}/").content.decode()
    assert "Todas <span" in html and "(5)" in html and "(2)" in html and "(3)" in html
    assert html.count("Sin responder</span>") == 3
    sin = client.get(f"/foros/{foro_preguntas.slug}/?estado=sin-responder").content.decode()
    assert "Pregunta 2" in sin and "Pregunta 1<" not in sin
    assert 'aria-current="page"' in sin
    con = client.get(f"/foros/{foro_preguntas.slug}/?estado=respondidas").content.decode()
    assert "Pregunta 0" in con and "Pregunta 1" in con and "Pregunta 2" not in con
    # Anything else lists them all.
    assert client.get(f"/foros/{foro_preguntas.slug}/?estado=x").content.decode().count('class="foros-tema"') == 5


def test_portal_wide_questions_list_only_questions(client, foro_preguntas, foro, tema, promotor):
    _preguntas(foro_preguntas, promotor, 3, respondidas=1)
    html = client.get("/foros/preguntas/").content.decode()
    assert "Pregunta 0" in html and tema.titulo not in html
    sin = client.get("/foros/preguntas/?estado=sin-responder").content.decode()
    assert "Pregunta 0" not in sin and "Pregunta 1" in sin
    assert "Pregunta 0" in client.get("/foros/preguntas/?estado=respondidas").content.decode()


def test_discussion_forums_show_no_question_filters(client, tema):
    html = client.get(f"/foros/{tema.foro.slug}/").content.decode()
    assert "Sin responder" not in html
    assert "foros-filtros" not in html


@pytest.mark.parametrize("n", [3, 40])
def test_lists_of_questions_keep_constant_queries(client, django_assert_num_queries, foro_preguntas, promotor, n):
    _preguntas(foro_preguntas, promotor, n, respondidas=n // 2)
    # The forum, the counts of answered and unanswered, the paginator's count, the page of topics.
    with django_assert_num_queries(4):
        client.get(f"/foros/{foro_preguntas.slug}/?estado=sin-responder")
    # The counts, the paginator's count, the page of topics, the forums of questions.
    with django_assert_num_queries(4):
        client.get("/foros/preguntas/?estado=respondidas&pagina=1")


def test_question_page_reads_the_accepted_answer_once_and_keeps_it(
    client, django_assert_num_queries, settings, miembro, pregunta, respuestas
):
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[0].pk, por=miembro)
    # The topic, the paginator's count, the page of posts, the accepted answer.
    with django_assert_num_queries(4):
        client.get(pregunta.get_absolute_url() + "?pagina=1")
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    with django_assert_num_queries(1):  # kept fragments: only the topic's row
        Client().get(pregunta.get_absolute_url() + "?pagina=1")


# --- Search ---------------------------------------------------------------------------------


def test_searches_flag_answered_questions_and_the_accepted_answer(client, miembro, pregunta, respuestas):
    services.aceptar_respuesta(tema=pregunta, mensaje_id=respuestas[0].pk, por=miembro)
    for url in ("/foros/buscar/?q=PROMPERÚ", "/buscar/?q=PROMPERÚ"):
        html = client.get(url).content.decode()
        assert "Respuesta aceptada" in html, url
    for url in ("/foros/buscar/?q=incentivos", "/buscar/?q=incentivos"):
        html = client.get(url).content.decode()
        assert "Pregunta respondida" in html, url
    services.aceptar_respuesta(tema=pregunta, mensaje_id=None, por=miembro)
    assert "Pregunta sin responder" in client.get("/foros/buscar/?q=incentivos").content.decode()


# --- Questions addressed to a country or a sector ---------------------------------------------------


@pytest.fixture
def cafe(db):
    sembrar_sectores()
    return Sector.objects.get(slug="cafe-y-cacao")


def _persona(django_user_model, email, *, rol="otro", pais="", idioma="es", avisos=True):
    from tests.conftest import _crear_usuario

    usuario = _crear_usuario(django_user_model, email)
    perfil = usuario.perfil
    perfil.rol, perfil.pais, perfil.idioma, perfil.avisos_foros = rol, pais, idioma, avisos
    perfil.save()
    return usuario


def test_question_form_asks_for_country_and_sector_only_in_forums_of_questions(cliente_miembro, foro_preguntas, foro):
    assert 'name="pais"' in cliente_miembro.get(f"/foros/{foro_preguntas.slug}/nuevo/").content.decode()
    html = cliente_miembro.get(f"/foros/{foro.slug}/nuevo/").content.decode()
    assert 'name="pais"' not in html and 'name="sector"' not in html


def test_recipients_are_the_promoters_of_the_country_and_the_responsables_of_the_sector(
    django_user_model, miembro, foro_preguntas, cafe
):
    peru = _persona(django_user_model, "peru@example.org", rol="promotor", pais="PE")
    _persona(django_user_model, "chile@example.org", rol="promotor", pais="CL")
    _persona(django_user_model, "investigadora-peru@example.org", rol="investigador", pais="PE")
    callada = _persona(django_user_model, "callada@example.org", rol="promotor", pais="PE", avisos=False)
    cafetera = _persona(django_user_model, "cafe@example.org", pais="CO")
    pendiente = _persona(django_user_model, "pendiente@example.org")
    crear_consorcio(cafetera, estado=Consorcio.Estado.PUBLICADO, pais="PE").sectores.add(cafe)
    crear_consorcio(peru, estado=Consorcio.Estado.PUBLICADO, pais="PE").sectores.add(cafe)  # once, not twice
    crear_consorcio(pendiente, estado=Consorcio.Estado.PENDIENTE, pais="PE").sectores.add(cafe)
    crear_consorcio(callada, estado=Consorcio.Estado.PUBLICADO, pais="PE").sectores.add(cafe)
    tema = Tema(foro=foro_preguntas, autor=miembro, pais="PE", sector=cafe)
    assert list(services.destinatarios_de_pregunta(tema=tema)) == [peru, cafetera]
    # Sector and country together narrow the consortia: a coffee consortium of Colombia is not concerned…
    colombiana = _persona(django_user_model, "colombia@example.org")
    crear_consorcio(colombiana, estado=Consorcio.Estado.PUBLICADO, pais="CO").sectores.add(cafe)
    assert colombiana not in services.destinatarios_de_pregunta(tema=tema)
    # …but is when the question names only the sector.
    assert colombiana in services.destinatarios_de_pregunta(tema=Tema(foro=foro_preguntas, sector=cafe))
    assert not services.destinatarios_de_pregunta(tema=Tema(foro=foro_preguntas))


def test_asking_a_question_emails_each_promoter_once_in_their_language_never_the_asker(
    django_capture_on_commit_callbacks, django_user_model, cliente_miembro, miembro, foro_preguntas, cafe
):
    _persona(django_user_model, "lima@example.org", rol="promotor", pais="PE", idioma="es")
    _persona(django_user_model, "sao-paulo@example.org", rol="promotor", pais="PE", idioma="pt")
    _persona(django_user_model, "quito@example.org", rol="promotor", pais="EC", idioma="en")
    perfil = miembro.perfil
    perfil.rol, perfil.pais = "promotor", "PE"  # the asker is a promoter of Peru too
    perfil.save()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_miembro.post(
            f"/foros/{foro_preguntas.slug}/nuevo/",
            {
                "titulo": "¿Qué incentivos hay en el Perú?",
                "fuente": "Para consorcios de exportación.",
                "pais": "PE",
                "sector": "",
                "token": str(uuid.uuid4()),
            },
        )
    assert respuesta.status_code == 302
    tema = Tema.objects.get()
    assert tema.pais == "PE"
    por_destino = {correo.to[0]: correo for correo in mail.outbox}
    assert sorted(por_destino) == ["lima@example.org", "sao-paulo@example.org"]
    assert len(mail.outbox) == 2
    assert "promotores de Perú" in por_destino["lima@example.org"].body
    assert "/pt/foros/" in por_destino["sao-paulo@example.org"].body
    assert "Peru" in por_destino["sao-paulo@example.org"].body
    assert "Para consorcios de exportación." in por_destino["lima@example.org"].body


def test_the_question_page_says_to_whom_it_is_addressed(client, miembro, foro_preguntas, cafe):
    tema = services.abrir_tema(
        foro=foro_preguntas, autor=miembro, titulo="Café de origen", fuente="¿Quién certifica?", pais="PE", sector=cafe
    )
    html = client.get(tema.get_absolute_url()).content.decode()
    assert "Pregunta dirigida a:" in html and "Perú" in html and "Café y cacao" in html


def test_a_discussion_topic_ignores_country_and_sector(foro, miembro, cafe):
    tema = services.abrir_tema(foro=foro, autor=miembro, titulo="Un debate", fuente="Hola.", pais="PE", sector=cafe)
    assert tema.pais == "" and tema.sector is None


def test_demo_has_a_forum_of_researchers_questions_answered_and_not(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("cargar_demo", stdout=StringIO())
    foro = Foro.objects.get(slug="preguntas-de-investigadores")
    assert foro.de_preguntas
    cuentas = Tema.objects.filter(foro=foro).cuentas_de_preguntas()
    assert cuentas["respondidas"] >= 2 and cuentas["sin-responder"] >= 2
    assert Tema.objects.filter(foro=foro, pais="PE").exists()
    html = client.get("/foros/preguntas/?estado=respondidas").content.decode()
    assert "incentivos existen en el Perú" in html


def test_question_form_names_countries_in_the_page_language_and_keeps_what_was_typed(cliente_miembro, foro_preguntas):
    assert (
        '<option value="DE">Germany</option>'
        in cliente_miembro.get(f"/en/foros/{foro_preguntas.slug}/nuevo/").content.decode()
    )
    assert (
        '<option value="DE">Alemanha</option>'
        in cliente_miembro.get(f"/pt/foros/{foro_preguntas.slug}/nuevo/").content.decode()
    )
    respuesta = cliente_miembro.post(
        f"/foros/{foro_preguntas.slug}/nuevo/",
        {"titulo": "¿Incentivos en Atlántida?", "fuente": "Una pregunta.", "pais": "XX", "token": str(uuid.uuid4())},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and not Tema.objects.exists()
    assert "Escoja una opción válida" in html
    assert 'value="¿Incentivos en Atlántida?"' in html
