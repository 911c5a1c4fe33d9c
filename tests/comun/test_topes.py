"""Every text a person writes has a length limit, in the model and so in every form made from it
(issue 23: the work of rendering and storing a field is bounded by its length)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from tests.portal.test_arquitectura import PERMITIDAS


def _campos_de_texto():
    for app in sorted(PERMITIDAS):
        for modelo in apps.get_app_config(app).get_models():
            for campo in modelo._meta.get_fields():
                if isinstance(campo, models.TextField) and campo.editable:
                    yield pytest.param(campo, id=f"{modelo._meta.label}.{campo.name}")


@pytest.mark.parametrize("campo", list(_campos_de_texto()))
def test_every_editable_text_field_has_a_length_limit(campo):
    assert campo.max_length, f"{campo.model._meta.label}.{campo.name} no tiene max_length"
    assert campo.max_length <= 20_000


@pytest.mark.django_db
def test_staff_see_the_limit_beside_a_news_body_that_is_too_long(cliente_staff):
    with translation.override("es"):
        respuesta = cliente_staff.post(
            "/admin/biblioteca/noticia/add/",
            {
                "titulo_es": "Seminario de Quito",
                "slug": "seminario-de-quito",
                "resumen_es": "Resumen.",
                "cuerpo_es": "x" * 20_001,
                "publicada_en_0": "2012-06-27",
                "publicada_en_1": "10:00:00",
                "estado": "borrador",
            },
        )
    assert respuesta.status_code == 200
    assert respuesta.context["adminform"].form.errors["cuerpo_es"] == [
        "Asegúrese de que este valor tenga menos de 20000 caracteres (tiene 20001)."
    ]
