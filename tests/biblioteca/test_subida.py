"""Members upload documents; files are checked by content; staff review them."""

from __future__ import annotations

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core import mail
from django.urls import reverse

from biblioteca.models import Documento

from .conftest import docx, odt, pdf, pptx, subido, xlsx

URL = "/biblioteca/subir/"


def _datos(**extra) -> dict:
    return {
        "titulo": "Consorcios de exportación en Ecuador",
        "tipo": Documento.Tipo.CASO,
        "resumen": "Cuatro consorcios creados en un tiempo récord.",
        "autores": "Fabio Russo; Ricardo Zambrano",
        "paises": ["EC"],
        "idioma": "es",
        "anio": "2012",
        "licencia": "CC BY 4.0",
        "enlace": "",
        **extra,
    }


def _error_junto_al_campo(html: str, campo: str) -> str:
    bloque = re.search(rf'<ul class="errores" id="id_{campo}_error">(.*?)</ul>', html, re.S)
    assert bloque, f"sin error junto a {campo}"
    return bloque.group(1)


@pytest.mark.django_db
def test_visitor_sees_what_upload_asks_and_a_login_link_without_a_form(client):
    respuesta = client.get(URL)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "csrfmiddlewaretoken" not in html
    assert "/cuentas/login/?next=/biblioteca/subir/" in html


@pytest.mark.django_db
def test_visitor_post_is_sent_to_login(client):
    respuesta = client.post(URL, _datos())
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]
    assert not Documento.objects.exists()


@pytest.mark.parametrize(
    ("nombre", "contenido", "texto"),
    [
        ("informe.pdf", pdf("Indicaciones geográficas del sombrero de Montecristi"), "Montecristi"),
        ("caso.docx", docx("Asociatividad y cooperativismo"), "cooperativismo"),
        ("ley.odt", odt("Denominación de origen del Pisco"), "Pisco"),
        ("cifras.xlsx", xlsx(), ""),
        ("charla.pptx", pptx(), ""),
    ],
)
@pytest.mark.django_db
def test_member_uploads_each_accepted_format_pending_under_a_server_made_name(
    cliente_miembro, miembro, staff, django_capture_on_commit_callbacks, nombre, contenido, texto
):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_miembro.post(URL, _datos(archivo=subido(nombre, contenido)))
    documento = Documento.objects.get()
    assert respuesta.status_code == 302
    assert respuesta["Location"] == documento.get_absolute_url()
    assert documento.estado == Documento.Estado.PENDIENTE
    assert documento.subido_por == miembro
    assert documento.nombre_original == nombre
    assert documento.tamano == len(contenido)
    assert documento.formato == nombre.rsplit(".", 1)[1].upper()
    # Stored as <uuid hex>.<extension found in the content>, never under the user's name.
    assert re.fullmatch(
        r"biblioteca/documentos/\d{4}/\d{2}/[0-9a-f]{32}\." + nombre.rsplit(".", 1)[1], documento.archivo.name
    )
    # Extracted after commit by the task; the generated vector follows.
    if texto:
        assert texto in documento.texto_extraido
        consulta = SearchQuery(texto, config="es_unaccent")
        assert Documento.objects.filter(pk=documento.pk, vector=consulta).exists()
    # Staff are told there is something to review.
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert documento.titulo in mail.outbox[0].subject
    assert f"/admin/biblioteca/documento/{documento.pk}/change/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("falso.pdf", b"%PDF-1.4\nesto no es un PDF de verdad", "dañado"),
        ("pagina.pdf", b"<!doctype html><html><body><script>alert(1)</script></body></html>", "no es un documento"),
        ("vacio.pdf", b"", "vacío"),
        ("texto.docx", b"PK\x03\x04 no es un zip", "no es un documento"),
        ("raro.docx", b"", "vacío"),
    ],
)
@pytest.mark.django_db
def test_bad_files_get_a_clear_error_beside_the_field_and_typed_values_stay(
    cliente_miembro, nombre, contenido, mensaje
):
    respuesta = cliente_miembro.post(URL, _datos(archivo=subido(nombre, contenido, "application/pdf")))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert mensaje in _error_junto_al_campo(html, "archivo")
    assert 'value="Consorcios de exportación en Ecuador"' in html
    assert "Fabio Russo; Ricardo Zambrano" in html
    assert not Documento.objects.exists()


@pytest.mark.django_db
def test_zip_with_the_wrong_insides_is_refused(cliente_miembro):
    from .conftest import _zip

    falso = _zip({"[Content_Types].xml": b"<Types/>", "otra/cosa.xml": b"<x/>"})
    respuesta = cliente_miembro.post(URL, _datos(archivo=subido("falso.docx", falso)))
    assert "no es un documento" in _error_junto_al_campo(respuesta.content.decode(), "archivo")


@pytest.mark.django_db
def test_oversized_file_is_refused_with_the_limit(cliente_miembro, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    respuesta = cliente_miembro.post(URL, _datos(archivo=subido("grande.pdf", pdf("x " * 2000))))
    error = _error_junto_al_campo(respuesta.content.decode(), "archivo")
    assert "el máximo es 1000" in error
    assert not Documento.objects.exists()


@pytest.mark.django_db
def test_a_fake_cover_image_is_refused(cliente_miembro):
    respuesta = cliente_miembro.post(
        URL, _datos(archivo=subido("a.pdf", pdf()), portada=subido("portada.png", b"no soy una imagen"))
    )
    assert respuesta.status_code == 200
    assert _error_junto_al_campo(respuesta.content.decode(), "portada")
    assert not Documento.objects.exists()


@pytest.mark.django_db
def test_neither_file_nor_link_asks_for_one(cliente_miembro):
    respuesta = cliente_miembro.post(URL, _datos())
    assert "Sube un archivo o indica un enlace externo." in _error_junto_al_campo(respuesta.content.decode(), "enlace")


@pytest.mark.django_db
def test_link_only_document_needs_no_file(cliente_miembro):
    respuesta = cliente_miembro.post(URL, _datos(enlace="https://www.unido.org/guia"))
    assert respuesta.status_code == 302
    assert Documento.objects.get().enlace == "https://www.unido.org/guia"


@pytest.mark.django_db
def test_pending_document_is_404_to_visitors_and_others_but_shown_to_its_uploader(client, miembro, promotor):
    from .conftest import nuevo_documento

    documento = nuevo_documento(estado=Documento.Estado.PENDIENTE, subido_por=miembro)
    assert client.get(documento.get_absolute_url()).status_code == 404
    client.force_login(promotor)
    assert client.get(documento.get_absolute_url()).status_code == 404
    client.force_login(miembro)
    respuesta = client.get(documento.get_absolute_url())
    assert respuesta.status_code == 200
    assert "Vista previa" in respuesta.content.decode()


@pytest.mark.django_db
def test_staff_publish_in_the_admin_and_the_uploader_is_told(
    cliente_staff, miembro, django_capture_on_commit_callbacks
):
    from .conftest import nuevo_documento

    documento = nuevo_documento(estado=Documento.Estado.PENDIENTE, subido_por=miembro)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_staff.post(
            reverse("admin:biblioteca_documento_changelist"),
            {"action": "publicar", "_selected_action": [documento.pk], "confirmado": "1"},
        )
    assert respuesta.status_code == 302
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.PUBLICADO
    assert documento.publicado_en is not None
    assert [m.to for m in mail.outbox] == [[miembro.email]]
    assert "se publicó" in mail.outbox[0].subject


@pytest.mark.django_db
def test_publishing_from_the_list_asks_first_and_changes_nothing_until_confirmed(cliente_staff, miembro):
    from .conftest import nuevo_documento

    documento = nuevo_documento(titulo="Informe de Quito", estado=Documento.Estado.PENDIENTE, subido_por=miembro)
    pagina = cliente_staff.post(
        reverse("admin:biblioteca_documento_changelist"), {"action": "publicar", "_selected_action": [documento.pk]}
    )
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "¿Publicar los documentos seleccionados?" in html and "Informe de Quito" in html
    assert "recibirá un correo" in html
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.PENDIENTE
    assert mail.outbox == []


@pytest.mark.django_db
def test_uploader_who_turned_review_mail_off_is_not_told(cliente_staff, miembro, django_capture_on_commit_callbacks):
    from .conftest import nuevo_documento

    miembro.perfil.avisos_revision = False
    miembro.perfil.save()
    documento = nuevo_documento(estado=Documento.Estado.PENDIENTE, subido_por=miembro)
    with django_capture_on_commit_callbacks(execute=True):
        cliente_staff.post(
            reverse("admin:biblioteca_documento_changelist"),
            {"action": "publicar", "_selected_action": [documento.pk], "confirmado": "1"},
        )
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.PUBLICADO
    assert mail.outbox == []


@pytest.mark.django_db
def test_staff_reject_with_a_reason_and_the_uploader_receives_it(
    cliente_staff, miembro, django_capture_on_commit_callbacks
):
    from .conftest import nuevo_documento

    documento = nuevo_documento(estado=Documento.Estado.PENDIENTE, subido_por=miembro)
    url = reverse("admin:biblioteca_documento_changelist")
    pregunta = cliente_staff.post(url, {"action": "rechazar", "_selected_action": [documento.pk]})
    assert pregunta.status_code == 200
    assert "Motivo del rechazo" in pregunta.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cliente_staff.post(
            url,
            {
                "action": "rechazar",
                "_selected_action": [documento.pk],
                "aplicar": "1",  # the intermediate page's form
                "motivo": "Es un documento duplicado.",
            },
        )
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.RECHAZADO
    assert documento.motivo_rechazo == "Es un documento duplicado."
    assert "Es un documento duplicado." in mail.outbox[0].body


@pytest.mark.django_db
def test_staff_upload_in_the_admin_is_checked_and_extracted(cliente_staff, django_capture_on_commit_callbacks):
    datos = {
        "titulo": "Reglamento de consorcios",
        "slug": "reglamento-de-consorcios",
        "tipo": Documento.Tipo.LEGISLACION,
        "resumen": "Marco jurídico.",
        "idioma": "es",
        "anio": "2012",
        "motivo_rechazo": "",
        "archivo": subido("Reglamento (versión final).pdf", pdf("Vida jurídica de los consorcios")),
    }
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_staff.post(reverse("admin:biblioteca_documento_add"), datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    documento = Documento.objects.get()
    assert documento.nombre_original == "Reglamento (versión final).pdf"
    assert documento.tipo_mime == "application/pdf"
    assert "jurídica" in documento.texto_extraido


@pytest.mark.django_db
def test_a_double_submit_creates_one_document(cliente_miembro, staff, django_capture_on_commit_callbacks):
    formulario = cliente_miembro.get(URL).context["form"]
    clave = str(formulario["clave_envio"].value())
    respuestas = []
    for _vez in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            respuestas.append(cliente_miembro.post(URL, _datos(clave_envio=clave, archivo=subido("a.pdf", pdf()))))
    documento = Documento.objects.get()
    assert [r["Location"] for r in respuestas] == [documento.get_absolute_url()] * 2
    assert len(mail.outbox) == 1  # staff are told once


@pytest.mark.django_db
def test_each_upload_form_gets_its_own_key(cliente_miembro):
    primera = cliente_miembro.get(URL).context["form"]["clave_envio"].value()
    segunda = cliente_miembro.get(URL).context["form"]["clave_envio"].value()
    assert primera != segunda


@pytest.mark.django_db
def test_the_uploader_is_told_in_their_own_language(miembro, django_capture_on_commit_callbacks):
    from biblioteca.services import publicar_documento

    from .conftest import nuevo_documento

    miembro.perfil.idioma = "pt"
    miembro.perfil.save()
    documento = nuevo_documento(titulo="Pisco", estado=Documento.Estado.PENDIENTE, subido_por=miembro)
    with django_capture_on_commit_callbacks(execute=True):
        publicar_documento(documento=documento)
    assert mail.outbox[0].subject == "Seu documento foi publicado: Pisco"
    assert "já está publicado" in mail.outbox[0].body
    assert f"/pt/biblioteca/documentos/{documento.slug}/" in mail.outbox[0].body
