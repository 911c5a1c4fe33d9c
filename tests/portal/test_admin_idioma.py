"""The admin speaks the staff's language: no English left in Spanish or Portuguese.

Every registered model's changelist and add form, and the index, are loaded as staff in es and
pt, with a row in each table (so filters, date hierarchies and actions show), and their visible
text (plus the attributes a screen reader or a tooltip shows) is searched for English words.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from biblioteca.models import Documento, Evento, Noticia
from foros import services as foros_services
from foros.models import Foro, Reporte
from tests.consorcios.conftest import crear_consorcio, sembrar_sectores

# Words and phrases of Django's and the libraries' English that must not reach a Spanish or
# Portuguese admin. Whole words, case-sensitive: "No" and "Total" are Spanish too.
INGLES = [
    "Run", "Go", "Search", "Filter", "Filter by", "Add", "Change", "Delete", "Save", "History", "View site",
    "Log out", "Logout", "Documentation", "Change password", "Home", "Action", "Show all", "All", "Yes",
    "Unknown", "Today", "Now", "Choose", "Remove", "Note", "You are", "server time", "Select", "selected",
    "Recent actions", "My actions", "None available", "results", "Any date", "Past 7 days", "This month",
    "This year", "Toggle", "theme", "Skip to main content", "Welcome", "Close", "Hide", "Show", "Currently",
    "Clear", "Empty", "Date", "Time", "Cancel", "Pagination", "entries", "Start typing to filter",
    "Django administration", "Has date", "No date", "the", "and", "of", "by", "to", "or", "is", "with",
]  # fmt: skip
PATRON = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(INGLES, key=len, reverse=True)) + r")(?![\w-])"
)


class _Visible(HTMLParser):
    """Text nodes outside <script>, <style> and <template>, and the attributes people read."""

    ATRIBUTOS = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self) -> None:
        super().__init__()
        self.textos: list[str] = []
        self._oculto = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._oculto += 1
        for nombre, valor in attrs:
            if valor and (
                nombre in self.ATRIBUTOS or (tag == "input" and nombre == "value" and ("type", "submit") in attrs)
            ):
                self.textos.append(valor)

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._oculto -= 1

    def handle_data(self, data):
        if not self._oculto and data.strip():
            self.textos.append(data)


def ingles_en(html: str) -> list[str]:
    lector = _Visible()
    lector.feed(html)
    return [f"{m.group(0)!r} in {texto.strip()[:80]!r}" for texto in lector.textos for m in PATRON.finditer(texto)]


@pytest.fixture
def una_fila_por_tabla(db, staff, promotor):
    """A row in each of the portal's tables the admin lists, so every filter and action shows."""
    sembrar_sectores()
    crear_consorcio(promotor, nombre="Consorcio pendiente", slug="pendiente")
    foro = Foro.objects.create(nombre="Marcos legales", slug="marcos-legales")
    tema = foros_services.abrir_tema(foro=foro, autor=promotor, titulo="Una ley", fuente="¿Hace falta?")
    Reporte.objects.create(mensaje=tema.mensajes.first(), usuario=staff, motivo="Spam")
    Documento.objects.create(
        titulo="Guía", slug="guia", tipo="metodologia", resumen="R.", anio=2012, enlace="https://unido.org"
    )
    Noticia.objects.create(titulo="Noticia", slug="noticia", resumen="R.", cuerpo="C.")
    inicio = timezone.now()
    Evento.objects.create(
        titulo="Taller", slug="taller", descripcion="D.", inicio=inicio, fin=inicio + timedelta(hours=1)
    )


def _paginas_del_admin(staff) -> list[str]:
    peticion = RequestFactory().get("/admin/")
    peticion.user = staff
    paginas = [reverse("admin:index")]
    for modelo, modelo_admin in admin.site._registry.items():
        info = (modelo._meta.app_label, modelo._meta.model_name)
        paginas.append(reverse("admin:{}_{}_changelist".format(*info)))
        if modelo_admin.has_add_permission(peticion):
            paginas.append(reverse("admin:{}_{}_add".format(*info)))
    return paginas


@pytest.mark.parametrize("idioma", ["es", "pt"])
def test_staff_read_no_english_in_any_admin_page(cliente_staff, staff, una_fila_por_tabla, idioma):
    with translation.override(idioma):
        paginas = _paginas_del_admin(staff)
    assert len(paginas) > 20
    encontrado = {}
    for pagina in paginas:
        respuesta = cliente_staff.get(pagina)
        assert respuesta.status_code == 200, pagina
        if restos := ingles_en(respuesta.content.decode()):
            encontrado[pagina] = restos
    assert not encontrado, "\n".join(f"{p}: {r}" for p, r in encontrado.items())


@pytest.mark.parametrize(
    ("prefijo", "esperado"),
    [
        ("", ["Nota: indique las horas en la zona horaria", "Hoy (%(date)s)", "botón Ejecutar"]),
        ("/pt", ["Nota: indique os horários no fuso horário", "Hoje (%(date)s)", "Escolher todos os %s"]),
    ],
)
def test_admin_scripts_speak_spanish_and_portuguese(cliente_staff, prefijo, esperado):
    """The time-zone note and the calendar come from the admin's JavaScript catalogue."""
    catalogo = cliente_staff.get(f"{prefijo}/admin/jsi18n/").content.decode()
    for texto in esperado:
        assert json.dumps(texto)[1:-1] in catalogo  # the catalogue is JSON inside the script


def test_every_field_staff_edit_has_a_translatable_name():
    """Filters and form labels print the verbose name: without one they show the column's name."""
    from django.apps import apps
    from django.utils.functional import Promise

    sin_nombre = [
        f"{modelo.__name__}.{campo.name}"
        for app in ("miembros", "consorcios", "biblioteca", "foros", "boletin")
        for modelo in apps.get_app_config(app).get_models()
        for campo in modelo._meta.get_fields()
        if campo.concrete
        and getattr(campo, "editable", False)
        and not campo.primary_key
        and not isinstance(campo.verbose_name, Promise)
        and not hasattr(campo, "translated_field")
    ]
    assert not sin_nombre
