"""Matchmaking: which consortia complement each other, and why (issue 25, "Matchmaking")."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.text import slugify

from afinidades.calculo import recalcular
from afinidades.models import Afinidad
from afinidades.services import afines_de, enviar_avisos_semanales
from afinidades.vecinos import vecinos
from consorcios.models import Consorcio, EmpresaMiembro, Sector

pytestmark = pytest.mark.django_db


def _consorcio(nombre: str, *, pais="PE", sectores=("apicultura",), productos="Miel de abeja", **extra) -> Consorcio:
    consorcio = Consorcio.objects.create(
        nombre=nombre,
        slug=slugify(nombre),
        tipo=extra.pop("tipo", Consorcio.Tipo.EXPORTACION),
        productos=productos,
        descripcion="…",
        pais=pais,
        latitud=Decimal("-5"),
        longitud=Decimal("-80"),
        estado=extra.pop("estado", Consorcio.Estado.PUBLICADO),
        **extra,
    )
    consorcio.sectores.set(Sector.objects.filter(slug__in=sectores))
    return consorcio


def _vecinos_o_mismo(a: Consorcio, b: Consorcio) -> bool:
    tabla = vecinos()
    paises_a = {str(p) for p in [a.pais.code, *[p.code for p in a.paises_involucrados]]}
    paises_b = {str(p) for p in [b.pais.code, *[p.code for p in b.paises_involucrados]]}
    return bool(paises_a & paises_b) or any(set(tabla.get(p, [])) & paises_b for p in paises_a)


def _mismo_sector_o_producto(a: Consorcio, b: Consorcio, lexemas: dict[int, set[str]]) -> bool:
    return bool(set(a.sectores.all()) & set(b.sectores.all())) or bool(lexemas[a.pk] & lexemas[b.pk])


def test_each_report_consortium_ranks_its_obvious_partners_in_its_top_five():
    """Same product or sector, and the same or a bordering country: in the top five, never itself."""
    call_command("cargar_demo", stdout=StringIO())
    recalcular()
    from afinidades.models import Rasgos

    lexemas = {r.consorcio_id: set(r.lexemas) for r in Rasgos.objects.all()}
    publicados = list(Consorcio.objects.publicados().prefetch_related("sectores"))
    assert len(publicados) >= 10
    comprobados = 0
    for consorcio in publicados:
        obvios = {
            otro.pk
            for otro in publicados
            if otro.pk != consorcio.pk
            and _mismo_sector_o_producto(consorcio, otro, lexemas)
            and _vecinos_o_mismo(consorcio, otro)
        }
        primeros = [a.destino_id for a in Afinidad.objects.mejores(consorcio, 5)]
        assert consorcio.pk not in primeros
        if len(obvios) <= 5:
            assert obvios <= set(primeros), consorcio.nombre
        else:
            assert set(primeros) <= obvios, consorcio.nombre
        comprobados += bool(obvios)
    assert comprobados >= 4  # the check above is not vacuous


def test_honey_consortia_across_the_border_match_with_reasons_in_words():
    royal = _consorcio("Royal Honey", pais="EC", productos="Mieles de abeja de diferentes sabores")
    chulucanas = _consorcio("Apícola de Chulucanas", pais="PE", productos="Miel de abeja")
    recalcular()
    afines = afines_de(royal)
    assert [a.consorcio for a in afines] == [chulucanas]
    assert "mismo producto: abeja y miel" in afines[0].razones
    assert "frontera común: Perú" in afines[0].razones
    assert "mismo sector: Apicultura" in afines[0].razones
    with translation.override("en"):
        razones = afines_de(chulucanas)[0].razones
    assert "shared border: Ecuador" in razones


def test_products_of_the_same_town_are_complementary():
    miel = _consorcio("Apícola de Chulucanas", productos="Miel de abeja", ciudad="Chulucanas")
    chocolate = _consorcio(
        "Chocolate de Chulucanas", sectores=("cafe-y-cacao",), productos="Cacao y chocolate", ciudad="Chulucanas"
    )
    recalcular()
    razones = afines_de(miel)[0].razones
    assert afines_de(miel)[0].consorcio == chocolate
    assert "productos complementarios: miel de abeja y cacao y chocolate" in razones
    assert "misma ciudad: Chulucanas" in razones


def test_same_market_and_distinctive_sign_in_progress_are_reasons():
    comunes = {"tipo": Consorcio.Tipo.ORIGEN, "signo_distintivo": Consorcio.Signo.DENOMINACION_ORIGEN}
    tequila = _consorcio(
        "Tequila",
        pais="MX",
        sectores=("vinos-y-licores",),
        productos="Tequila",
        mercados_destino=["JP"],
        estado_signo=Consorcio.EstadoSigno.SOLICITADO,
        **comunes,
    )
    _consorcio(
        "Pisco",
        pais="PE",
        sectores=("vinos-y-licores",),
        productos="Pisco",
        mercados_destino=["JP", "US"],
        estado_signo=Consorcio.EstadoSigno.EN_PREPARACION,
        **comunes,
    )
    recalcular()
    razones = afines_de(tequila)[0].razones
    assert "mismo mercado de destino: Japón" in razones
    assert "mismo signo distintivo en trámite: denominación de origen" in razones


def test_never_matches_one_of_its_own_members():
    """A consortium of consortia lists its member consortia as member firms."""
    andino = _consorcio("Binacional Andino", productos="Miel y quinua")
    socio = _consorcio("Apícola socia", productos="Miel de abeja")
    ajeno = _consorcio("Apícola ajena", productos="Miel de abeja")
    EmpresaMiembro.objects.create(consorcio=andino, nombre="APICOLA SOCIA")
    recalcular()
    assert [a.consorcio for a in afines_de(andino)] == [ajeno]
    assert andino not in [a.consorcio for a in afines_de(socio)]


def test_unpublished_consortia_never_match():
    publicado = _consorcio("Apícola publicada")
    _consorcio("Apícola pendiente", estado=Consorcio.Estado.PENDIENTE)
    recalcular()
    assert afines_de(publicado) == []


def test_a_change_recomputes_both_directions_in_the_background(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        miel = _consorcio("Apícola", productos="Miel")
        cacao = _consorcio("Cacaotera", sectores=("cafe-y-cacao",), productos="Cacao")
    assert afines_de(miel) == []
    with django_capture_on_commit_callbacks(execute=True) as tareas:
        cacao.sectores.add(Sector.objects.get(slug="apicultura"))
    assert tareas  # enqueued after the commit, not run inside the request
    assert [a.consorcio for a in afines_de(miel)] == [cacao]
    assert [a.consorcio for a in afines_de(cacao)] == [miel]
    with django_capture_on_commit_callbacks(execute=True):
        cacao.estado = Consorcio.Estado.ARCHIVADO
        cacao.save()
    assert afines_de(miel) == []


def test_each_list_keeps_its_best_ten_after_a_change(django_capture_on_commit_callbacks):
    centro = _consorcio("Centro", productos="Miel")
    for n in range(12):
        _consorcio(f"Apícola {n}", productos="Miel", pais="CL")
    recalcular()
    assert Afinidad.objects.filter(origen=centro).count() == 10
    with django_capture_on_commit_callbacks(execute=True):
        nuevo = _consorcio("Apícola vecina", productos="Miel de abeja", pais="PE")
    assert Afinidad.objects.filter(origen=centro).count() == 10
    assert afines_de(centro)[0].consorcio == nuevo
    assert Afinidad.objects.filter(origen=nuevo).count() == 10


def test_only_editors_see_the_matches_on_the_page(client, promotor, miembro):
    miel = _consorcio("Apícola", productos="Miel")
    _consorcio("Apícola vecina", productos="Miel", pais="EC")
    miel.responsables.add(promotor)
    recalcular()
    assert "Consorcios afines" not in client.get(miel.get_absolute_url()).content.decode()
    client.force_login(miembro)
    assert "Consorcios afines" not in client.get(miel.get_absolute_url()).content.decode()
    client.force_login(promotor)
    html = client.get(miel.get_absolute_url()).content.decode()
    assert "Consorcios afines" in html and "Apícola vecina" in html and "frontera común: Ecuador" in html


def test_editors_page_query_count_does_not_grow_with_matches(client, promotor, django_assert_num_queries):
    miel = _consorcio("Apícola", productos="Miel")
    miel.responsables.add(promotor)
    client.force_login(promotor)
    _consorcio("Apícola 0", productos="Miel", pais="EC")
    recalcular()
    client.get(miel.get_absolute_url())  # fills the page's fragments
    with CaptureQueriesContext(connection) as pocas:
        client.get(miel.get_absolute_url())
    consultas = len(pocas)
    assert consultas > 0
    for n in range(1, 9):
        _consorcio(f"Apícola {n}", productos="Miel", pais="EC", sectores=("apicultura", "cafe-y-cacao"))
    recalcular()
    client.get(miel.get_absolute_url())
    # The matches (with their consortia) and the sectors their reasons name: two queries however many.
    with django_assert_num_queries(consultas):
        client.get(miel.get_absolute_url())


def test_weekly_email_announces_new_matches_once_in_the_editors_language(promotor, django_capture_on_commit_callbacks):
    promotor.perfil.idioma = "pt"
    promotor.perfil.save()
    miel = _consorcio("Apícola", productos="Miel")
    miel.responsables.add(promotor)
    _consorcio("Apícola vecina", productos="Miel", pais="EC")
    recalcular()
    with django_capture_on_commit_callbacks(execute=True):
        assert enviar_avisos_semanales() == 1
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == [promotor.email]
    assert "Apícola vecina" in correo.body and "fronteira comum: Equador" in correo.body
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        _consorcio("Apícola chilena", productos="Miel", pais="CL")
        recalcular()
        assert enviar_avisos_semanales() == 0  # a week has not passed
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=7, hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert enviar_avisos_semanales() == 1
    assert "Apícola chilena" in mail.outbox[1].body and "Apícola vecina" not in mail.outbox[1].body
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        assert enviar_avisos_semanales() == 0  # nothing new: nothing sent


def test_weekly_email_respects_the_opt_out(promotor):
    promotor.perfil.avisos_afinidades = False
    promotor.perfil.save()
    miel = _consorcio("Apícola", productos="Miel")
    miel.responsables.add(promotor)
    _consorcio("Apícola vecina", productos="Miel", pais="EC")
    recalcular()
    assert enviar_avisos_semanales() == 0
    assert mail.outbox == []


def test_a_get_never_computes_matches(client, promotor, django_assert_num_queries):
    miel = _consorcio("Apícola", productos="Miel")
    _consorcio("Apícola vecina", productos="Miel", pais="EC")
    miel.responsables.add(promotor)
    client.force_login(promotor)
    assert Afinidad.objects.count() == 0
    client.get(miel.get_absolute_url())
    assert Afinidad.objects.count() == 0  # only the background task writes them
