"""Staff publish the document they add in the admin from the same form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from biblioteca.models import Documento


def _datos(**cambios) -> dict:
    return {
        "titulo": "Guía de consorcios de origen",
        "slug": "guia-de-consorcios-de-origen",
        "tipo": Documento.Tipo.GUIA,
        "resumen": "Cómo se forma un consorcio de origen.",
        "idioma": "es",
        "anio": "2012",
        "enlace": "https://www.unido.org/guia",
        "motivo_rechazo": "",
        **cambios,
    }


@pytest.mark.django_db
def test_staff_publish_a_document_in_the_form_that_adds_it(cliente_staff):
    formulario = cliente_staff.get(reverse("admin:biblioteca_documento_add")).content.decode()
    assert 'name="publicar"' in formulario
    antes = timezone.now()
    respuesta = cliente_staff.post(reverse("admin:biblioteca_documento_add"), _datos(publicar="on"))
    assert respuesta.status_code == 302
    documento = Documento.objects.get()
    assert documento.estado == Documento.Estado.PUBLICADO
    assert documento.publicado_en >= antes
    # Visitors find it at once.
    assert Client().get("/biblioteca/documentos/guia-de-consorcios-de-origen/").status_code == 200


@pytest.mark.django_db
def test_a_document_added_without_the_box_waits_for_review(cliente_staff):
    respuesta = cliente_staff.post(reverse("admin:biblioteca_documento_add"), _datos())
    assert respuesta.status_code == 302
    documento = Documento.objects.get()
    assert (documento.estado, documento.publicado_en) == (Documento.Estado.PENDIENTE, None)
    assert Client().get("/biblioteca/documentos/guia-de-consorcios-de-origen/").status_code == 404


@pytest.mark.django_db
def test_a_published_document_no_longer_offers_the_box(cliente_staff):
    cliente_staff.post(reverse("admin:biblioteca_documento_add"), _datos(publicar="on"))
    documento = Documento.objects.get()
    formulario = cliente_staff.get(reverse("admin:biblioteca_documento_change", args=[documento.pk])).content.decode()
    assert 'name="publicar"' not in formulario


@pytest.mark.django_db
def test_a_pending_document_is_published_from_its_change_form(cliente_staff, miembro):
    documento = Documento.objects.create(
        subido_por=miembro, **{k: v for k, v in _datos().items() if k != "motivo_rechazo"}
    )
    datos = _datos(publicar="on", subido_por=miembro.pk)
    respuesta = cliente_staff.post(reverse("admin:biblioteca_documento_change", args=[documento.pk]), datos)
    assert respuesta.status_code == 302
    documento.refresh_from_db()
    assert documento.publicado
