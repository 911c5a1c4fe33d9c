"""A question in a real browser: a researcher asks the promoters of Peru, a Peruvian promoter is
e-mailed and answers, the researcher accepts the answer and it shows right under the question."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from foros.models import Foro, Mensaje, Tema
from tests.e2e.test_foros import _entrar, _graves

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _en_castellano():
    with translation.override("es"):
        yield


def test_researcher_asks_peru_a_promoter_answers_and_the_accepted_answer_shows_under_the_question(
    live_server, navegador, promotor, miembro
):
    foro = Foro.objects.create(
        nombre="Preguntas de investigadores", slug="preguntas-de-investigadores", tipo=Foro.Tipo.PREGUNTAS
    )
    perfil = promotor.perfil
    perfil.pais = "PE"
    perfil.save()
    contexto_i, investigadora = _entrar(navegador, Client(), miembro, live_server)
    contexto_p, promotora = _entrar(navegador, Client(), promotor, live_server)
    try:
        # The researcher asks, addressed to Peru.
        investigadora.goto(f"{live_server.url}/foros/{foro.slug}/")
        investigadora.get_by_role("link", name="Abrir un tema").click()
        investigadora.get_by_label("Título").fill("¿Qué incentivos existen en el Perú para los consorcios?")
        investigadora.get_by_label("Mensaje").fill("Busco programas públicos de apoyo a consorcios de exportación.")
        investigadora.get_by_label("País al que se dirige (opcional)").select_option("PE")
        investigadora.get_by_role("button", name="Publicar tema").click()
        investigadora.wait_for_url("**/foros/preguntas-de-investigadores/*/")
        assert "Perú" in investigadora.locator(".foros-destino").text_content()
        tema = Tema.objects.get()
        assert tema.pais == "PE"

        # The Peruvian promoter is e-mailed and answers from the link.
        assert [c.to for c in mail.outbox] == [[promotor.email]]
        promotora.goto(f"{live_server.url}{tema.get_absolute_url()}")
        promotora.get_by_label("Mensaje").fill("PROMPERÚ y MINCETUR apoyan la promoción comercial de los consorcios.")
        promotora.get_by_role("button", name="Publicar respuesta").click()
        promotora.wait_for_load_state()
        respuesta = Mensaje.objects.filter(tema=tema).latest("pk")
        # Only the asker may accept.
        assert promotora.get_by_role("button", name="Aceptar esta respuesta").count() == 0

        # The asker accepts it; it shows right under the question, with its badge and a link to its place.
        investigadora.reload()
        investigadora.get_by_role("button", name="Aceptar esta respuesta").click()
        investigadora.wait_for_url("**#respuesta-aceptada")
        bloque = investigadora.locator("#respuesta-aceptada")
        assert "Respuesta aceptada" in bloque.text_content()
        assert "PROMPERÚ y MINCETUR" in bloque.inner_text()
        pregunta = investigadora.locator(".foros-mensajes > li").nth(0)
        assert "Busco programas públicos" in pregunta.inner_text()
        assert investigadora.locator(".foros-mensajes > li").nth(1).locator("#respuesta-aceptada").count() == 1
        assert Mensaje.objects.get(pk=respuesta.pk).aceptada
        assert _graves(investigadora) == []
        bloque.get_by_role("link", name="Ver en el hilo").click()
        investigadora.wait_for_url(f"**#m{respuesta.pk}")

        # Listed among the answered questions.
        investigadora.goto(f"{live_server.url}/foros/preguntas/?estado=respondidas")
        assert "incentivos existen en el Perú" in investigadora.locator(".foros-temas").inner_text()
        assert _graves(investigadora) == []
        assert investigadora.errores_consola == [] and promotora.errores_consola == []
    finally:
        contexto_i.close()
        contexto_p.close()
