"""Template helpers of the portal layout: language links, navigation, pagination, form fields,
the error summary of a form that failed."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.forms import BaseForm, BaseFormSet
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

register = template.Library()


def _idiomas(request) -> list[dict]:
    """The current page in each language (same path, other prefix, same query).

    Used twice per page (head links and the switcher): computed once per request and language.
    """
    actual = get_language()
    guardados = getattr(request, "_idiomas_de_la_pagina", None)
    if guardados is not None and guardados[0] == actual:
        return guardados[1]
    query = request.META.get("QUERY_STRING", "")
    idiomas = []
    for code, _nombre in settings.LANGUAGES:
        url = translate_url(request.path, code)
        if query:
            url = f"{url}?{query}"
        idiomas.append({**get_language_info(code), "code": code, "url": url, "actual": code == actual})
    request._idiomas_de_la_pagina = (actual, idiomas)
    return idiomas


@register.simple_tag(takes_context=True)
def idiomas_alternativos(context) -> str:
    """<link rel=alternate hreflang> for every language, for search engines."""
    request = context.get("request")
    if request is None:
        return ""
    base = settings.SITE_URL
    links = [
        format_html('<link rel="alternate" hreflang="{}" href="{}{}">', idioma["code"], base, idioma["url"])
        for idioma in _idiomas(request)
    ]
    return format_html("\n  ".join(["{}"] * len(links)), *links)


@register.simple_tag(takes_context=True)
def idiomas_de_la_pagina(context) -> list[dict]:
    request = context.get("request")
    return _idiomas(request) if request is not None else []


@register.simple_tag(takes_context=True)
def enlace_nav(context, nombre_url: str, texto: str) -> str:
    """A navigation item, marked as current when the page belongs to its section.

    Sections whose app is not installed yet are left out instead of linking to a 404.
    """
    try:
        url = reverse(nombre_url)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    actual = match is not None and f"{match.namespace}:{match.url_name}" == nombre_url
    return format_html(
        '<li><a href="{}"{}>{}</a></li>', url, mark_safe(' aria-current="page"') if actual else "", texto
    )


@register.simple_tag(takes_context=True)
def url_pagina(context, numero: int, parametro: str = "pagina") -> str:
    """The current URL's query string with another page number: filters and search stay."""
    consulta = context["request"].GET.copy()
    consulta[parametro] = numero
    return "?" + consulta.urlencode()


@register.inclusion_tag("includes/paginacion.html", takes_context=True)
def paginacion(context, pagina, parametro: str = "pagina") -> dict:
    """The portal's one pagination: previous/next and the page numbers around the current one,
    with ellipses (a forum may have hundreds of pages); other query parameters (filters, q) are kept."""
    numeros = list(pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2, on_ends=1))
    return {"request": context["request"], "pagina": pagina, "parametro": parametro, "numeros": numeros}


@register.simple_tag
def campo(campo) -> str:
    """One form field: label, widget, help and errors beside it. Usage: ``{% campo form.nombre %}``.

    Written in Python rather than as an included template: a form renders it once per field,
    and the registry's filter form (15 fields, on every list page) spent 6 ms in the includes.
    """
    obligatorio = campo.field.required
    clases = "campo" + (" campo--error" if campo.errors else "") + (" campo--obligatorio" if obligatorio else "")
    marca = mark_safe(' <span class="obligatorio" aria-hidden="true">*</span>') if obligatorio else ""
    # Required only in some cases (a form sets ``field.obligatorio_si``): said before the user submits.
    if condicion := getattr(campo.field, "obligatorio_si", ""):
        marca = format_html('{} <span class="campo__condicion">({})</span>', marca, condicion)
    if campo.widget_type == "checkbox":
        cuerpo = format_html('{} <label for="{}">{}</label>', campo, campo.id_for_label, campo.label)
    elif campo.use_fieldset:  # a group of checkboxes or radios: a legend names the group, each box has its label
        cuerpo = format_html(
            '<fieldset class="campo__grupo">\n<legend>{}{}</legend>\n{}\n</fieldset>', campo.label, marca, campo
        )
    else:
        cuerpo = format_html('<label for="{}">{}{}</label>\n{}', campo.id_for_label, campo.label, marca, campo)
    ayuda = ""
    if campo.help_text:
        ayuda = format_html('\n<p class="ayuda" id="{}_helptext">{}</p>', campo.auto_id, mark_safe(campo.help_text))  # noqa: S308 (help texts are ours)
    errores = ""
    if campo.errors:
        lista = format_html_join("", "<li>{}</li>", ((error,) for error in campo.errors))
        errores = format_html('\n<ul class="errores" id="{}_error">{}</ul>', campo.auto_id, lista)
    return format_html('<div class="{}">\n{}{}{}\n</div>', clases, cuerpo, ayuda, errores)


def _destino(campo) -> str:
    """The id of a field's first focusable element: the first box of a group, else the input."""
    if campo.use_fieldset:
        return f"{campo.auto_id}_0"
    return campo.id_for_label or campo.auto_id


def _errores_de(form, fila: int | None = None) -> list[tuple[str, str]]:
    """(target id or "", text) of each error of a bound form, in the order of its fields."""
    if not form.is_bound or not form.errors:
        return []
    visibles = form.visible_fields()
    primero = _destino(visibles[0]) if visibles else ""
    errores = [(primero, str(error)) for error in form.non_field_errors()]
    for campo in form:
        for error in campo.errors:
            if campo.is_hidden:
                errores.append(("", str(error)))
                continue
            if campo.widget_type == "checkbox":  # its label is a statement ("I confirm…"): the message says enough
                errores.append((_destino(campo), str(error)))
                continue
            etiqueta = str(campo.label)
            if fila is not None:
                etiqueta = _("%(campo)s (fila %(fila)s)") % {"campo": etiqueta, "fila": fila}
            errores.append((_destino(campo), _("%(campo)s: %(error)s") % {"campo": etiqueta, "error": error}))
    return errores


def _tiene_errores(objeto) -> bool:
    # type(), not isinstance(): isinstance would evaluate the context's lazy objects (the user,
    # hence the session), and a page that reads the session is no longer kept in the page cache.
    clase = type(objeto)
    if issubclass(clase, BaseFormSet):
        return objeto.is_bound and objeto.total_error_count() > 0
    return issubclass(clase, BaseForm) and objeto.is_bound and bool(objeto.errors)


@register.simple_tag(takes_context=True)
def prefijo_error(context) -> str:
    """ "Error: " in front of the page title when a submitted form on the page has errors (GOV.UK's
    error summary pattern: a screen reader hears it first). Looks at the forms and formsets of the
    context, which the view has already validated."""
    if any(_tiene_errores(valor) for valor in context.flatten().values()):
        return _("Error:") + " "
    return ""


@register.simple_tag
def resumen_errores(*formularios) -> str:
    """GOV.UK's error summary: "Hay un problema" and each error as a link to its field, focused on
    load by static/js/resumen_errores.js (without JavaScript it is still the first thing of the form).
    Takes forms and formsets; a form summarised once is not summarised again (the shared form
    include calls this too, so a page may place the summary above its heading first)."""
    errores: list[tuple[str, str]] = []
    for formulario in formularios:
        if not isinstance(formulario, BaseForm | BaseFormSet) or getattr(formulario, "_resumen_errores_hecho", False):
            continue  # not a form (a page without one), or already summarised
        if isinstance(formulario, BaseFormSet):
            if not formulario.is_bound:
                continue
            errores += [(f"formset-{formulario.prefix}", str(e)) for e in formulario.non_form_errors()]
            for numero, subformulario in enumerate(formulario.forms, start=1):
                errores += _errores_de(subformulario, fila=numero)
                subformulario._resumen_errores_hecho = True
        else:
            errores += _errores_de(formulario)
        formulario._resumen_errores_hecho = True
    if not errores:
        return ""
    elementos = format_html_join(
        "\n", "<li>{}</li>", ((format_html('<a href="#{}">{}</a>', d, t) if d else t,) for d, t in errores)
    )
    return format_html(
        '<div class="resumen-errores" role="alert" tabindex="-1" aria-labelledby="resumen-errores-titulo"'
        " data-resumen-errores>\n"
        '<h2 class="resumen-errores__titulo" id="resumen-errores-titulo">{}</h2>\n'
        '<ul class="resumen-errores__lista">\n{}\n</ul>\n</div>\n<script src="{}" defer></script>',
        _("Hay un problema"),
        elementos,
        static("js/resumen_errores.js"),
    )


@register.filter(expects_localtime=True)
def iso8601(valor) -> str:
    """A moment for <time datetime>: 2012-08-29T10:30:00-05:00 (the date filter parses its format on every call)."""
    if not valor:
        return ""
    return valor.isoformat(timespec="seconds")


@register.filter
def huella(formulario) -> str:
    """What a GET form's rendering depends on besides the content and the language: whether it is
    bound and its own fields' values, in a fixed order (a ``{% cache %}`` key; other parameters
    such as the page do not split it). Takes a form or a django-filter FilterSet."""
    if not formulario.is_bound:
        return ""
    return huella_de(formulario.filters if hasattr(formulario, "filters") else formulario.fields, formulario.data)


def huella_de(nombres, datos) -> str:
    """``huella`` of a form with the fields ``nombres`` bound to ``datos`` (None: not bound), for a
    view that knows both without building the form (consorcios.views.contexto_filtros)."""
    if datos is None:
        return ""
    return "?" + urlencode(sorted((nombre, valor) for nombre in nombres for valor in datos.getlist(nombre)))
