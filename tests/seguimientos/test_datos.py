"""The member's follows in their data export, and gone with their account."""

from __future__ import annotations

import pytest

from redconsorcios import baja, exportacion
from seguimientos.models import ElementoEnviado, PreferenciasSeguimiento, Seguimiento

pytestmark = pytest.mark.django_db


def test_export_lists_follows_and_digest_setting_but_never_the_feed_secret(miembro, consorcio, promotor):
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    Seguimiento.objects.create(miembro=miembro, pais="PE")
    Seguimiento.objects.create(miembro=promotor, pais="CL")  # someone else's
    preferencias = PreferenciasSeguimiento.objects.create(miembro=miembro, frecuencia="diaria")
    datos = exportacion.datos_de(miembro)
    assert {(s["tipo"], s["nombre"]) for s in datos["seguimientos"]} == {
        ("consorcio", consorcio.nombre),
        ("pais", "Perú"),
    }
    assert datos["preferencias_seguimiento"][0]["resumen_por_correo"] == "diaria"
    assert preferencias.token_feed not in str(datos)
    assert {"seguimientos", "preferencias_seguimiento"} <= exportacion.ARCHIVOS.keys()


def test_erasure_takes_the_follows_settings_and_digest_records(miembro, consorcio, promotor):
    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    PreferenciasSeguimiento.objects.create(miembro=miembro)
    ElementoEnviado.objects.create(miembro=miembro, clave="documento:1")
    Seguimiento.objects.create(miembro=promotor, consorcio=consorcio)
    baja.borrar_cuenta(miembro, conservar_mensajes=True)
    assert not PreferenciasSeguimiento.objects.exists() and not ElementoEnviado.objects.exists()
    assert list(Seguimiento.objects.values_list("miembro", flat=True)) == [promotor.pk]
