"""Mi red with the other parts of issue 25: opportunities of a followed kind, the member's matches
(only for them), and what waits for them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from afinidades.calculo import recalcular
from consorcios.models import Consorcio
from miembros.models import Institucion, MiembroInstitucion
from oportunidades.models import Oportunidad
from seguimientos.models import PreferenciasSeguimiento, Seguimiento
from tests.afinidades.test_afinidades import _consorcio
from tests.oportunidades.conftest import crear_oportunidad

pytestmark = pytest.mark.django_db
MI_RED = "/mi-red/"


def test_following_an_opportunity_kind_brings_its_opportunities_to_mi_red_and_the_feed(cliente_miembro, miembro):
    Seguimiento.objects.create(miembro=miembro, tipo_oportunidad=Oportunidad.Tipo.BUSCA_PROVEEDOR)
    buscada = crear_oportunidad(titulo="Buscamos proveedor de cajas de cartón", tipo=Oportunidad.Tipo.BUSCA_PROVEEDOR)
    crear_oportunidad(titulo="Ofrecemos rosas de altura", tipo=Oportunidad.Tipo.OFRECE_PRODUCTOS)
    crear_oportunidad(
        titulo="Proveedor buscado hace tiempo",
        tipo=Oportunidad.Tipo.BUSCA_PROVEEDOR,
        fecha_limite=timezone.localdate() - timedelta(days=1),
    )
    html = cliente_miembro.get(MI_RED).content.decode()
    assert buscada.titulo in html
    assert "Ofrecemos rosas de altura" not in html and "Proveedor buscado hace tiempo" not in html
    token = PreferenciasSeguimiento.objects.create(miembro=miembro).token_feed
    cliente_miembro.logout()
    assert buscada.titulo in cliente_miembro.get(f"/mi-red/feed/{token}/").content.decode()


def test_the_opportunities_list_filtered_by_one_kind_offers_to_follow_it(cliente_miembro):
    html = cliente_miembro.get("/oportunidades/?tipo=busca_proveedor").content.decode()
    assert 'name="valor" value="busca_proveedor"' in html and "Busca proveedor" in html
    assert 'name="valor" value="busca_proveedor"' not in cliente_miembro.get("/oportunidades/").content.decode()


def test_new_matches_of_my_consortia_show_in_mi_red_but_never_in_the_feed(cliente_promotor, promotor):
    mio = _consorcio("Apícola de la promotora", productos="Miel", pais="EC")
    mio.responsables.add(promotor)
    _consorcio("Apícola vecina del Perú", productos="Miel de abeja", pais="PE")
    recalcular()
    assert "Apícola vecina del Perú, afín a Apícola de la promotora" in cliente_promotor.get(MI_RED).content.decode()
    token = PreferenciasSeguimiento.objects.create(miembro=promotor).token_feed
    Seguimiento.objects.create(miembro=promotor, consorcio=mio)
    cliente_promotor.logout()
    assert "Apícola vecina del Perú" not in cliente_promotor.get(f"/mi-red/feed/{token}/").content.decode()


def test_mi_red_lists_what_waits_for_the_member(cliente_promotor, promotor, miembro):
    en_revision = _consorcio("Consorcio en revisión", estado=Consorcio.Estado.PENDIENTE)
    en_revision.responsables.add(promotor)
    publicado = _consorcio("Consorcio publicado")
    publicado.responsables.add(promotor)
    crear_oportunidad(titulo="Vence pronto", consorcio=publicado, fecha_limite=timezone.localdate() + timedelta(days=3))
    crear_oportunidad(titulo="Vence más tarde", consorcio=publicado)
    institucion = Institucion.objects.create(nombre="Agencia de la promotora", tipo="agencia", pais="EC")
    MiembroInstitucion.objects.create(
        institucion=institucion, usuario=promotor, rol=MiembroInstitucion.Rol.ADMINISTRADOR
    )
    MiembroInstitucion.objects.create(
        institucion=institucion,
        usuario=miembro,
        rol=MiembroInstitucion.Rol.PROMOTOR,
        estado=MiembroInstitucion.Estado.PEDIDO,
    )
    html = cliente_promotor.get(MI_RED).content.decode()
    assert "Consorcio en revisión espera la revisión del equipo de la Red." in html
    assert "«Vence pronto» vence el" in html and "Vence más tarde" not in html
    assert "Un miembro pidió unirse a Agencia de la promotora." in html
    assert "Pendiente" not in _otro_cliente_html(cliente_promotor, miembro)


def _otro_cliente_html(cliente, usuario) -> str:
    cliente.force_login(usuario)
    return cliente.get(MI_RED).content.decode()


def test_conversations_with_unread_messages_show_in_mi_red_only(cliente_promotor, promotor, miembro):
    from conversaciones.services import abrir_conversacion

    abrir_conversacion(iniciador=miembro, destinatarios=[promotor], cuerpo="¿Exportan a Japón?", asunto="Miel")
    html = cliente_promotor.get(MI_RED).content.decode()
    assert "Conversación con mensajes sin leer" in html and "Miel" in html
    token = PreferenciasSeguimiento.objects.create(miembro=promotor).token_feed
    cliente_promotor.logout()
    assert "Miel" not in cliente_promotor.get(f"/mi-red/feed/{token}/").content.decode()
