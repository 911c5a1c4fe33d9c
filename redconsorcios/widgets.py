"""Form rendering tuned for speed: Django's widget markup, written in Python.

Django renders every widget through templates, and a select renders one template
include per <option>: a country select has about 250 options, and the registry's
filter form (15 fields on every list, map and statistics page) spent a third of the
page's time in widget templates. ``RenderizadorRapido`` (settings.FORM_RENDERER)
produces the same markup as Django's own widget templates for the common widgets,
in Python; any other template goes through the usual engine. The default renderer
reads only Django's own widget templates, so no project override is bypassed.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

PLANTILLAS = "django/forms/widgets/"


def escapar(valor) -> str:
    """What Django's ``conditional_escape`` does (safe strings pass, anything else is escaped the same
    way), without its lazy-argument wrapper: a country select calls it some 500 times."""
    if hasattr(valor, "__html__"):
        return valor.__html__()
    return html.escape(str(valor))


def atributos(attrs: dict) -> str:
    """``attrs.html``: ` name="value"` per attribute, a bare name for True, nothing for False."""
    if not attrs:  # most options
        return ""
    partes = []
    for nombre, valor in attrs.items():
        if valor is False:
            continue
        if valor is True:
            partes.append(f" {escapar(nombre)}")
        else:
            partes.append(f' {escapar(nombre)}="{escapar(str(valor))}"')
    return "".join(partes)


def _entrada(widget: dict) -> str:
    """``input.html`` and every template that only includes it (text, email, number, checkbox…)."""
    valor = "" if widget["value"] is None else f' value="{escapar(str(widget["value"]))}"'
    tipo, nombre = escapar(widget["type"]), escapar(widget["name"])
    return f'<input type="{tipo}" name="{nombre}"{valor}{atributos(widget["attrs"])}>'


def _opcion_de_entrada(widget: dict) -> str:
    """``checkbox_option.html``/``radio_option.html``: one input of a group, wrapped in its label.

    The newlines are those the included templates leave (only the outermost render is stripped).
    """
    if not widget.get("wrap_label"):
        return f"{_entrada(widget)}\n\n\n"
    para = widget["attrs"].get("id")
    para = format_html(' for="{}"', para) if para else ""
    return f"<label{para}>{_entrada(widget)}\n {escapar(widget['label'])}</label>\n\n"


OPCION_DE_LISTA = f"{PLANTILLAS}select_option.html"
OPCIONES_DE_ENTRADA = {f"{PLANTILLAS}{nombre}_option.html" for nombre in ("checkbox", "radio")}


def _opciones(widget: dict, plantillas: set[str]) -> bool:
    """Whether every option uses one of Django's own option templates (a custom one goes to the engine)."""
    return all(opcion["template_name"] in plantillas for _g, opciones, _i in widget["optgroups"] for opcion in opciones)


def _seleccion(widget: dict) -> str | None:
    """``select.html`` with ``select_option.html`` for each option."""
    if not _opciones(widget, {OPCION_DE_LISTA}):
        return None
    partes = [f'<select name="{escapar(widget["name"])}"{atributos(widget["attrs"])}>']
    for grupo, opciones, _indice in widget["optgroups"]:
        if grupo:
            partes.append(f'\n  <optgroup label="{escapar(grupo)}">')
        for opcion in opciones:
            partes.append(
                f'\n  <option value="{escapar(str(opcion["value"]))}"{atributos(opcion["attrs"])}>'
                f"{escapar(opcion['label'])}</option>\n"
            )
        if grupo:
            partes.append("\n  </optgroup>")
    partes.append("\n</select>")
    return "".join(partes)


def _varias_entradas(widget: dict) -> str | None:
    """``multiple_input.html`` (checkbox_select, radio): a div of labelled inputs."""
    if not _opciones(widget, OPCIONES_DE_ENTRADA):
        return None
    identificador = widget["attrs"].get("id")
    clase = widget["attrs"].get("class")
    partes = ["<div"]
    if identificador:
        partes.append(f' id="{escapar(identificador)}"')
    if clase:
        partes.append(f' class="{escapar(clase)}"')
    partes.append(">")
    for grupo, opciones, _indice in widget["optgroups"]:
        if grupo:
            partes.append(f"\n  <div><label>{escapar(grupo)}</label>")
        for opcion in opciones:
            partes.append(f"<div>\n    {_opcion_de_entrada(opcion)}</div>")
        if grupo:
            partes.append("\n  </div>")
    partes.append("\n</div>")
    return "".join(partes)


def _texto_largo(widget: dict) -> str:
    """``textarea.html``."""
    valor = escapar(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escapar(widget["name"])}"{atributos(widget["attrs"])}>\n{valor}</textarea>'


RAPIDAS: dict[str, Callable[[dict], str | None]] = {
    **{
        f"{PLANTILLAS}{nombre}.html": _entrada
        for nombre in (
            "input",
            "text",
            "number",
            "email",
            "url",
            "search",
            "tel",
            "password",
            "hidden",
            "date",
            "datetime",
            "time",
            "color",
            "checkbox",
        )
    },
    f"{PLANTILLAS}select.html": _seleccion,
    f"{PLANTILLAS}checkbox_select.html": _varias_entradas,
    f"{PLANTILLAS}radio.html": _varias_entradas,
    f"{PLANTILLAS}multiple_input.html": _varias_entradas,
    f"{PLANTILLAS}textarea.html": _texto_largo,
}


class RenderizadorRapido(DjangoTemplates):
    def render(self, template_name: str, context: dict, request=None) -> SafeString:
        rapida = RAPIDAS.get(template_name)
        html = rapida(context["widget"]) if rapida is not None and "widget" in context else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 (every value escaped above)
