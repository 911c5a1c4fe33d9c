"""gunicorn's master warms up once (gunicorn.conf.py when_ready) so forked workers start warm."""

from django.template import engines

from redconsorcios.precalentar import precalentar


def test_warm_up_compiles_the_portal_templates_without_touching_the_database():
    """No django_db mark: a query here would fail the test (a connection must not cross a fork)."""
    hecho = precalentar()
    assert hecho["plantillas"] > 100
    assert hecho["idiomas"] == 3
    cargador = engines["django"].engine.template_loaders[0]  # the cached loader
    compiladas = {clave.split("-")[0] for clave in cargador.get_template_cache}
    assert {"base.html", "consorcios/lista.html", "foros/tema.html", "includes/formulario.html"} <= compiladas
