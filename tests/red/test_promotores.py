"""Promoter profiles: private by default, published field by field with the consent recorded, and never
a private field anywhere (pages, feeds, CSV, GeoJSON, the API)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.utils import timezone

from consorcios.models import Consorcio
from foros import services as foros
from foros.models import Foro
from miembros import services as miembros
from miembros.models import Consentimiento, Institucion, Perfil
from tests.biblioteca.conftest import nuevo_documento

from .conftest import crear_consorcio, crear_institucion, crear_promotor, vincular

pytestmark = pytest.mark.django_db

C = Perfil.CampoPublico


def _perfil_form(**extra) -> dict:
    """What the profile form posts, with the promoter's choice of public fields in ``publicar``."""
    return {
        "nombre": "Lucía Quispe",
        "rol": "promotor",
        "institucion": "",
        "pais": "PE",
        "especialidad": "Denominaciones de origen andinas",
        "idiomas": ["es", "qu"],
        "bio": "",
        "idioma": "es",
        "frecuencia_foros": "inmediata",
        **extra,
    }


def test_a_profile_is_private_by_default(client, promotor):
    assert promotor.perfil.campos_publicos == []
    assert client.get(f"/red/promotores/{promotor.perfil.pk}/").status_code == 404
    assert "promotor@example.org" not in client.get("/red/promotores/").content.decode()


def test_publishing_chosen_fields_records_the_consent_naming_them(cliente_promotor, promotor, client):
    respuesta = cliente_promotor.post("/miembros/perfil/", _perfil_form(publicar=["nombre", "especialidad"]))
    assert respuesta.status_code == 302
    perfil = Perfil.objects.get(usuario=promotor)
    assert perfil.campos_publicos == ["nombre", "especialidad"]
    consentimiento = Consentimiento.objects.vigentes().get(usuario=promotor, tipo=Consentimiento.Tipo.PERFIL_PUBLICO)
    assert consentimiento.formulario == "miembros:perfil" and consentimiento.version
    assert "Mi nombre" in consentimiento.texto and "Mi especialidad" in consentimiento.texto
    assert "Mi país" not in consentimiento.texto
    # Saving the same choice again records nothing new; a new choice withdraws the old consent.
    cliente_promotor.post("/miembros/perfil/", _perfil_form(publicar=["nombre", "especialidad"]))
    assert Consentimiento.objects.filter(usuario=promotor, tipo=Consentimiento.Tipo.PERFIL_PUBLICO).count() == 1
    cliente_promotor.post("/miembros/perfil/", _perfil_form(publicar=["nombre", "especialidad", "pais"]))
    filas = Consentimiento.objects.filter(usuario=promotor, tipo=Consentimiento.Tipo.PERFIL_PUBLICO)
    assert filas.count() == 2 and filas.vigentes().count() == 1
    assert "Mi país" in filas.vigentes().get().texto


def test_a_visitor_sees_exactly_the_chosen_fields(client, django_user_model):
    institucion = crear_institucion(nombre="Sierra Exportadora", slug="sierra")
    usuario = crear_promotor(
        django_user_model,
        "Lucía Quispe",
        campos=[C.NOMBRE, C.ESPECIALIDAD, C.IDIOMAS],
        pais="PE",
        institucion=institucion,
        especialidad="Denominaciones de origen andinas",
        idiomas=["es", "qu"],
        bio="Trabajo en Ayacucho desde 2004.",
    )
    consorcio = crear_consorcio(nombre="Consorcio Pallay", estado=Consorcio.Estado.PUBLICADO)
    consorcio.responsables.add(usuario)
    html = client.get(f"/red/promotores/{usuario.perfil.pk}/").content.decode()
    principal = html.split("<main", 1)[1].split("</main>")[0]
    assert "Lucía Quispe</h1>" in principal
    assert "Denominaciones de origen andinas" in principal and "Español, Quechua" in principal
    for privado in ["Perú", "Sierra Exportadora", "Consorcio Pallay", "Ayacucho", "@example.org", "foros"]:
        assert privado not in principal, privado


def test_the_name_is_required_to_publish_and_nothing_typed_is_lost(cliente_promotor, promotor):
    html = cliente_promotor.post(
        "/miembros/perfil/", _perfil_form(publicar=["especialidad"], especialidad="Cacao fino de aroma")
    ).content.decode()
    assert "Para publicar su perfil, muestre al menos su nombre" in html
    assert 'value="Cacao fino de aroma"' in html and re.search(r'value="especialidad"[^>]* checked>', html)
    assert Perfil.objects.get(usuario=promotor).campos_publicos == []
    assert not Consentimiento.objects.filter(usuario=promotor).exists()


def test_unticking_every_box_or_withdrawing_the_consent_hides_the_profile(cliente_promotor, promotor, client):
    cliente_promotor.post("/miembros/perfil/", _perfil_form(publicar=["nombre"]))
    url = f"/red/promotores/{promotor.perfil.pk}/"
    assert client.get(url).status_code == 200
    cliente_promotor.post("/miembros/perfil/", _perfil_form(publicar=[]))
    assert Perfil.objects.get(usuario=promotor).campos_publicos == []
    assert not Consentimiento.objects.vigentes().filter(usuario=promotor).exists()
    caches["paginas"].clear()
    # Published again, then withdrawn from the consents page.
    cliente_promotor.post("/miembros/perfil/", _perfil_form(publicar=["nombre", "pais"]))
    consentimiento = Consentimiento.objects.vigentes().get(usuario=promotor)
    assert "Lucía Quispe" in client.get("/red/promotores/").content.decode()
    cliente_promotor.post("/miembros/consentimientos/", {"consentimiento": consentimiento.pk})
    assert Perfil.objects.get(usuario=promotor).campos_publicos == []
    client.logout()
    assert "Lucía Quispe" not in client.get("/red/promotores/").content.decode()  # a kept page was made stale
    assert client.get(url).status_code == 404


def test_a_deactivated_account_shows_no_profile(client, django_user_model):
    usuario = crear_promotor(django_user_model, "Ana Baja")
    miembros.solicitar_baja(usuario=usuario, conservar_mensajes=True)
    assert client.get(f"/red/promotores/{usuario.perfil.pk}/").status_code == 404
    assert "Ana Baja" not in client.get("/red/promotores/").content.decode()


def test_filters_look_only_at_the_profiles_that_show_the_field(client, django_user_model):
    inti = crear_institucion(nombre="INTI", slug="inti", pais="AR")
    visible = crear_promotor(django_user_model, "Pedro Público", pais="AR", institucion=inti)
    vincular(inti, visible)
    reservado = crear_promotor(django_user_model, "Rosa Reservada", campos=[C.NOMBRE], pais="UY", institucion=inti)
    vincular(inti, reservado)
    lista = client.get("/red/promotores/").content.decode()
    assert "Pedro Público" in lista and "Rosa Reservada" in lista
    # Uruguay is only Rosa's private country: not offered, and asking for it finds no one.
    assert 'value="UY"' not in lista and 'value="AR"' in lista
    # (a value not offered is ignored, as on every list: the whole list, which tells nothing)
    assert client.get("/red/promotores/?pais=UY").context["paginator"].count == 2
    por_institucion = client.get("/red/promotores/?institucion=inti").content.decode()
    assert "Pedro Público" in por_institucion and "Rosa Reservada" not in por_institucion
    # The institution's page lists only the promoter who shows it.
    pagina = client.get("/red/instituciones/inti/").content.decode()
    assert "Pedro Público" in pagina and "Rosa Reservada" not in pagina


def test_the_institution_lists_only_promoters_it_confirmed(client, django_user_model):
    inti = crear_institucion(nombre="INTI", slug="inti")
    crear_promotor(django_user_model, "Sin Vínculo", institucion=inti)  # says so in their profile only
    assert "Sin Vínculo" not in client.get("/red/instituciones/inti/").content.decode()


def test_the_profile_lists_supported_consortia_posts_and_documents(client, django_user_model):
    usuario = crear_promotor(django_user_model, "Marta Aguilar")
    publicado = crear_consorcio(nombre="Consorcio Chulucanas", estado=Consorcio.Estado.PUBLICADO)
    pendiente = crear_consorcio(nombre="Consorcio en revisión")
    publicado.responsables.add(usuario)
    pendiente.responsables.add(usuario)
    nuevo_documento(titulo="Guía de cerámica", subido_por=usuario)
    nuevo_documento(titulo="Borrador de guía", subido_por=usuario, estado="pendiente")
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    foros.abrir_tema(foro=foro, autor=usuario, titulo="Ferias en Lima", fuente="¿Quién va a Expoalimentaria?")
    html = client.get(f"/red/promotores/{usuario.perfil.pk}/").content.decode()
    assert "Consorcio Chulucanas" in html and "Consorcio en revisión" not in html
    assert "Guía de cerámica" in html and "Borrador de guía" not in html
    assert "1 mensaje publicado." in html and "Ferias en Lima" in html


@pytest.mark.parametrize("n", [2, 25])
def test_list_and_profile_query_counts_do_not_grow(client, django_user_model, django_assert_num_queries, n):
    institucion = crear_institucion(nombre="PromPerú", slug="promperu")
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    for i in range(n):
        usuario = crear_promotor(django_user_model, f"Promotor {i:02d}", pais="PE", institucion=institucion)
        crear_consorcio(nombre=f"Consorcio {i}", estado=Consorcio.Estado.PUBLICADO).responsables.add(usuario)
    for i in range(n):
        nuevo_documento(titulo=f"Documento {i}", subido_por=usuario)
        foros.abrir_tema(foro=foro, autor=usuario, titulo=f"Tema número {i}", fuente="Texto")
        usuario.date_joined = timezone.now().replace(year=2012)
        usuario.save(update_fields=["date_joined"])
    caches["paginas"].clear()
    # the filters' choices (countries, institutions) + the page count + the page of profiles with
    # their institutions
    with django_assert_num_queries(4):
        lista = client.get("/red/promotores/?pais=PE").content.decode()
    assert "Promotor 00" in lista
    # the profile (with its institution) + its consortia + its documents + its posts' count + its
    # latest posts with their topics
    with django_assert_num_queries(5):
        perfil = client.get(f"/red/promotores/{usuario.perfil.pk}/").content.decode()
    assert f"Consorcio {n - 1}" in perfil and f"Tema número {n - 1}" in perfil


def test_private_fields_never_appear_in_any_page_feed_export_or_the_api(client, django_user_model):
    """A promoter who publishes only their name: their country's, institution's and expertise's text,
    their presentation and e-mail are nowhere, though they edit a consortium, post and share documents."""
    discreta = crear_institucion(nombre="Institución Discreta Quintana", slug="discreta", pais="BO")
    usuario = crear_promotor(
        django_user_model,
        "Elena Quintana",
        campos=[C.NOMBRE],
        pais="BO",
        institucion=discreta,
        especialidad="Quinua real del altiplano sur",
        bio="Biografía reservada de Elena",
        idiomas=["ay"],
    )
    vincular(discreta, usuario)
    Institucion.objects.filter(pk=discreta.pk).update(estado=Institucion.Estado.SOLICITADA)  # not public itself
    consorcio = crear_consorcio(nombre="Consorcio Quinua", slug="quinua", estado=Consorcio.Estado.PUBLICADO)
    consorcio.responsables.add(usuario)
    documento = nuevo_documento(titulo="Guía de la quinua", slug="guia-quinua", subido_por=usuario)
    foro = Foro.objects.create(nombre="Experiencias", slug="experiencias")
    tema = foros.abrir_tema(foro=foro, autor=usuario, titulo="Exportar quinua", fuente="Primer envío a Francia.")
    rutas = [
        "/",
        "/red/promotores/",
        f"/red/promotores/{usuario.perfil.pk}/",
        "/red/promotores/?pais=BO",
        "/red/instituciones/",
        "/red/instituciones.geojson",
        "/consorcios/",
        "/consorcios/quinua/",
        "/consorcios/consorcios.csv",
        "/consorcios/consorcios.geojson",
        "/consorcios/mapa.geojson",
        "/biblioteca/",
        "/biblioteca/documentos/guia-quinua/",
        "/biblioteca/canales/documentos/rss/",
        "/biblioteca/canales/documentos/atom/",
        "/foros/",
        tema.get_absolute_url(),
        "/api/v1/consorcios/",
        "/api/v1/consorcios/quinua/",
        "/api/v1/instituciones/",
        "/api/v1/documentos/",
        "/api/v1/documentos/guia-quinua/",
        f"/api/v1/temas/{tema.pk}/",
        "/api/v1/temas/",
    ]
    privados = ["Institución Discreta", "Quinua real del altiplano", "Biografía reservada"]
    # (her country is tested by the filters' test: country names are in every page's country selects)
    privados += ["elenaquintana@example.org", "Aimara"]
    vistas = 0
    for ruta in rutas:
        respuesta = client.get(ruta)
        if respuesta.status_code != 200:
            assert respuesta.status_code in {301, 302, 404}, ruta
            continue
        vistas += 1
        texto = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
        texto = texto.decode("utf-8-sig")
        for privado in privados:
            assert privado not in texto, f"{privado} in {ruta}"
    assert vistas >= len(rutas) - 3
    # What the promoter did not choose is not on their profile either, though it is public elsewhere.
    perfil = client.get(f"/red/promotores/{usuario.perfil.pk}/").content.decode()
    assert documento.titulo not in perfil and "Consorcio Quinua" not in perfil and "Exportar quinua" not in perfil
