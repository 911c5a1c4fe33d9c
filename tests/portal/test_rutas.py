"""``rutas.url`` builds the same paths as ``reverse()``, in every language and under a script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from redconsorcios.rutas import url

RUTAS = [
    ("consorcios:detalle", {"slug": "consorcio-el-ceibo"}),
    ("biblioteca:documento", {"slug": "guia_2012-consorcios"}),
    ("foros:foro", {"foro": "exportacion"}),
    ("foros:tema", {"foro": "exportacion", "slug": "ferias-2013", "pk": 918}),
    ("foros:mensaje", {"pk": 7}),
    ("boletin:numero", {"numero": 12}),
    ("portada", {}),
]


@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
@pytest.mark.parametrize(("nombre", "valores"), RUTAS)
def test_fast_url_equals_reverse(idioma, nombre, valores):
    with translation.override(idioma):
        assert url(nombre, **valores) == reverse(nombre, kwargs=valores)


def test_fast_url_keeps_the_script_prefix():
    try:
        set_script_prefix("/red/")
        assert url("consorcios:detalle", slug="x") == "/red/consorcios/x/" == reverse("consorcios:detalle", args=["x"])
    finally:
        set_script_prefix("/")
    assert url("consorcios:detalle", slug="x") == "/consorcios/x/"


def test_values_that_are_not_plain_slugs_go_through_reverse_and_its_checks():
    with pytest.raises(NoReverseMatch):
        url("foros:foro", foro="a b")
    with pytest.raises(NoReverseMatch):
        url("foros:mensaje", pk="../admin")


def test_iso8601_gives_the_local_moment_with_its_offset():
    import datetime

    from django.template import Context, Template

    momento = datetime.datetime(2012, 8, 29, 15, 30, tzinfo=datetime.UTC)
    html = Template("{% load portal %}{{ m|iso8601 }}|{{ nada|iso8601 }}").render(Context({"m": momento, "nada": None}))
    assert html == "2012-08-29T10:30:00-05:00|"  # America/Guayaquil, the portal's TIME_ZONE
