"""Follow and unfollow: POST only, for members, idempotent, only what the member may see."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from seguimientos.models import PreferenciasSeguimiento, Seguimiento

pytestmark = pytest.mark.django_db

SEGUIR = "/mi-red/seguir/"


def _seguir(client, tipo, valor, accion="seguir", siguiente="/consorcios/"):
    return client.post(SEGUIR, {"tipo": tipo, "valor": valor, "accion": accion, "siguiente": siguiente})


def test_visitors_are_asked_to_sign_in_and_cannot_follow(client, consorcio):
    html = client.get(consorcio.get_absolute_url()).content.decode()
    assert "Ingrese para seguir" in html
    assert f"/cuentas/login/?next=/consorcios/{consorcio.slug}/" in html
    respuesta = _seguir(client, "consorcio", consorcio.pk)
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]
    assert not Seguimiento.objects.exists()


def test_following_twice_makes_one_follow_and_goes_back_with_a_message(cliente_miembro, miembro, consorcio):
    for _vez in range(2):
        respuesta = _seguir(cliente_miembro, "consorcio", consorcio.pk, siguiente=consorcio.get_absolute_url())
        assert respuesta.status_code == 302 and respuesta["Location"] == consorcio.get_absolute_url()
    assert Seguimiento.objects.get(miembro=miembro).consorcio == consorcio
    assert PreferenciasSeguimiento.objects.get(miembro=miembro).frecuencia == "semanal"  # made with the first
    html = cliente_miembro.get(consorcio.get_absolute_url()).content.decode()
    assert "Sigues «Consorcio Flores del Ecuador» en Mi red." in html and 'value="dejar"' in html


def test_unfollowing_is_idempotent(cliente_miembro, miembro, consorcio):
    _seguir(cliente_miembro, "consorcio", consorcio.pk)
    for _vez in range(2):
        assert _seguir(cliente_miembro, "consorcio", consorcio.pk, accion="dejar").status_code == 302
    assert not Seguimiento.objects.filter(miembro=miembro).exists()


def test_each_kind_of_target_can_be_followed(cliente_miembro, miembro, consorcio, institucion, foro):
    for tipo, valor in [
        ("consorcio", consorcio.pk),
        ("institucion", institucion.pk),
        ("pais", "ec"),
        ("sector", "flores"),
        ("foro", foro.pk),
        ("oportunidad", "busca_socio"),
    ]:
        assert _seguir(cliente_miembro, tipo, valor).status_code == 302
    seguidos = {(s.tipo, s.valor) for s in Seguimiento.objects.de(miembro).para_lista()}
    assert seguidos == {
        ("consorcio", str(consorcio.pk)),
        ("institucion", str(institucion.pk)),
        ("pais", "EC"),
        ("sector", "flores"),
        ("foro", str(foro.pk)),
        ("oportunidad", "busca_socio"),
    }


@pytest.mark.parametrize(
    ("tipo", "valor"),
    [("pais", "XX"), ("sector", "no-existe"), ("oportunidad", "vender_humo"), ("foro", "9999"), ("nada", "1")],
)
def test_unknown_targets_are_404(cliente_miembro, tipo, valor):
    assert _seguir(cliente_miembro, tipo, valor).status_code == 404
    assert not Seguimiento.objects.exists()


def test_a_consortium_under_review_is_404_to_others_but_its_responsable_may_follow_it(
    client, miembro, promotor, pendiente
):
    client.force_login(miembro)
    assert _seguir(client, "consorcio", pendiente.pk).status_code == 404
    client.force_login(promotor)
    assert _seguir(client, "consorcio", pendiente.pk).status_code == 302
    assert Seguimiento.objects.filter(miembro=promotor, consorcio=pendiente).exists()


def test_following_is_post_only_and_goes_back_only_to_this_site(cliente_miembro, consorcio):
    assert cliente_miembro.get(SEGUIR, {"tipo": "consorcio", "valor": consorcio.pk}).status_code == 405
    respuesta = _seguir(cliente_miembro, "consorcio", consorcio.pk, siguiente="https://malo.example.com/")
    assert respuesta["Location"] == "/mi-red/"


def test_the_number_of_follows_is_capped(cliente_miembro, miembro, consorcio, settings):
    settings.SEGUIMIENTOS_MAXIMO = 1
    _seguir(cliente_miembro, "pais", "EC")
    respuesta = _seguir(cliente_miembro, "consorcio", consorcio.pk)
    assert Seguimiento.objects.filter(miembro=miembro).count() == 1
    assert "Sigues demasiadas cosas" in cliente_miembro.get(respuesta["Location"]).content.decode()


def test_follows_and_unfollows_are_rate_limited(cliente_miembro, miembro, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "seguimiento": "2/h/user"}
    _seguir(cliente_miembro, "pais", "EC")
    _seguir(cliente_miembro, "pais", "PE")
    respuesta = _seguir(cliente_miembro, "pais", "CL")
    assert {s.pais.code for s in Seguimiento.objects.filter(miembro=miembro)} == {"EC", "PE"}
    assert "Demasiados cambios" in cliente_miembro.get(respuesta["Location"]).content.decode()


def test_a_follow_has_exactly_one_target_in_clean_and_in_the_database(miembro, consorcio, foro):
    ninguno = Seguimiento(miembro=miembro)
    dos = Seguimiento(miembro=miembro, consorcio=consorcio, foro=foro)
    for seguimiento in (ninguno, dos):
        with pytest.raises(ValidationError):
            seguimiento.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            seguimiento.save()


def test_a_repeated_follow_is_refused_in_clean_and_in_the_database(miembro, consorcio):
    Seguimiento.objects.create(miembro=miembro, pais="EC")
    with pytest.raises(ValidationError, match="Ya sigues esto"):
        Seguimiento(miembro=miembro, pais="EC").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Seguimiento.objects.create(miembro=miembro, pais="EC")
    Seguimiento(miembro=miembro, pais="PE").full_clean()  # another country is fine


def test_an_unknown_opportunity_kind_is_refused_by_clean(miembro):
    with pytest.raises(ValidationError):
        Seguimiento(miembro=miembro, tipo_oportunidad="vender_humo").full_clean()


def test_buttons_on_the_institution_forum_and_filtered_registry(cliente_miembro, institucion, foro, consorcio):
    institucion_html = cliente_miembro.get(institucion.get_absolute_url()).content.decode()
    assert 'name="tipo" value="institucion"' in institucion_html
    assert 'Seguir en Mi red<span class="visualmente-oculto">: Agencia de Promoción del Perú</span>' in institucion_html
    assert 'name="tipo" value="foro"' in cliente_miembro.get(foro.get_absolute_url()).content.decode()
    por_pais = cliente_miembro.get("/consorcios/?pais=EC").content.decode()
    assert 'name="tipo" value="pais"' in por_pais
    assert "Seguir «Ecuador» en Mi red" in por_pais
    por_sector = cliente_miembro.get("/consorcios/?sector=flores").content.decode()
    assert 'name="tipo" value="sector"' in por_sector and 'value="flores"' in por_sector
    # Not filtered, or filtered by both: no button (which would it follow?).
    assert 'action="/mi-red/seguir/"' not in cliente_miembro.get("/consorcios/").content.decode()
    assert 'action="/mi-red/seguir/"' not in cliente_miembro.get("/consorcios/?pais=EC&sector=flores").content.decode()


def test_a_follow_can_be_undone_after_its_consortium_was_archived(cliente_miembro, miembro, consorcio, foro):
    from consorcios.models import Consorcio

    Seguimiento.objects.create(miembro=miembro, consorcio=consorcio)
    Seguimiento.objects.create(miembro=miembro, sector_id=consorcio.sectores.get().pk)
    Consorcio.objects.filter(pk=consorcio.pk).update(estado=Consorcio.Estado.ARCHIVADO)
    assert _seguir(cliente_miembro, "consorcio", consorcio.pk, accion="dejar").status_code == 302
    assert _seguir(cliente_miembro, "sector", "flores", accion="dejar").status_code == 302
    assert not Seguimiento.objects.filter(miembro=miembro).exists()
    assert _seguir(cliente_miembro, "consorcio", "abc", accion="dejar").status_code == 404
