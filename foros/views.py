"""Views of the forums. Reading is public; writing needs an account; moderating needs staff.

Views orchestrate: forms validate, ``foros.services`` decides and writes. A GET
never writes: read marks arrive through a small POST from static/js/foros/leido.js.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Func, QuerySet, TextField
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from comun.cache import en_cache, guardado
from comun.markdown import a_html
from comun.paginacion import PaginadorContado

from . import services
from .forms import EdicionForm, MensajeForm, MoverForm, OcultarForm, PreguntaForm, ReporteForm, ResolverForm, TemaForm
from .models import (
    ESTADOS_PREGUNTA,
    Foro,
    Lectura,
    Mensaje,
    Reporte,
    Suscripcion,
    Tema,
    nombre_del_autor,
    tiene_respuesta_aceptada,
)
from .templatetags.foros_extras import FIN_RESALTADO, INICIO_RESALTADO


def _exigir_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


def url_del_mensaje(mensaje: Mensaje) -> str:
    """The topic page that shows the post, with its anchor."""
    pagina = services.pagina_del_mensaje(mensaje)
    url = mensaje.tema.get_absolute_url()
    if pagina > 1:
        url += "?" + urlencode({"pagina": pagina})
    return f"{url}#m{mensaje.pk}"


# --- Reading ------------------------------------------------------------------------------


@en_cache("foros")
def indice(request: HttpRequest) -> HttpResponse:
    """Every forum with its topic and post counts and last activity (one query, run only when the
    table's kept fragment has to be rendered again: the queryset is evaluated by the template)."""
    return render(request, "foros/indice.html", {"foros": Foro.objects.con_estadisticas()})


def _estado_pedido(request: HttpRequest) -> str:
    """The ?estado= filter of a list of questions; anything unknown lists them all."""
    estado = request.GET.get("estado", "")
    return estado if estado in ESTADOS_PREGUNTA else ""


def _filtros_de_preguntas(temas: QuerySet[Tema], estado: str) -> list[dict]:
    """The answered/unanswered filters with their counts (one query), for the lists of questions."""
    cuentas = temas.cuentas_de_preguntas()
    return [
        {"clave": clave, "nombre": nombre, "cuenta": cuentas[clave], "actual": clave == estado}
        for clave, nombre in ESTADOS_PREGUNTA.items()
    ]


@en_cache("foros")
def foro(request: HttpRequest, foro: str) -> HttpResponse:
    foro = get_object_or_404(Foro, slug=foro)
    temas = Tema.objects.filter(foro=foro)
    contexto: dict = {"foro": foro}
    if foro.de_preguntas:
        estado = _estado_pedido(request)
        contexto.update(estado=estado, filtros=_filtros_de_preguntas(temas, estado))
        temas = temas.con_respuesta().por_estado(estado)
    temas = temas.para_lista().con_lectura(request.user)
    pagina = Paginator(temas, settings.FOROS_TEMAS_POR_PAGINA).get_page(request.GET.get("pagina"))
    suscrito = request.user.is_authenticated and Suscripcion.objects.filter(usuario=request.user, foro=foro).exists()
    contexto.update(pagina=pagina, suscrito=suscrito, puede_abrir=foro.admite_temas_de(request.user))
    return render(request, "foros/foro.html", contexto)


@en_cache("foros")
def preguntas(request: HttpRequest) -> HttpResponse:
    """The questions of every forum of questions, answered or not (?estado=), newest activity first."""
    estado = _estado_pedido(request)
    temas = Tema.objects.preguntas()
    filtros = _filtros_de_preguntas(temas, estado)
    temas = temas.con_respuesta().por_estado(estado).para_lista().con_lectura(request.user)
    pagina = Paginator(temas, settings.FOROS_TEMAS_POR_PAGINA).get_page(request.GET.get("pagina"))
    foros_de_preguntas = Foro.objects.filter(tipo=Foro.Tipo.PREGUNTAS).order_by("orden", "nombre")
    return render(
        request,
        "foros/preguntas.html",
        {"pagina": pagina, "estado": estado, "filtros": filtros, "foros_de_preguntas": foros_de_preguntas},
    )


# It names its consortium (and links it while published): a save of that consortium makes the forums
# stale too (foros/apps.py), so the page stays in the forums' section alone.
@en_cache("foros")
def tema(request: HttpRequest, foro: str, slug: str, pk: int) -> HttpResponse:
    # The author's public name comes in the same query, for the page's JSON-LD (foros/metadatos.py).
    tema = get_object_or_404(
        Tema.objects.select_related("foro", "sector", "consorcio", "institucion").annotate(
            nombre_autor=nombre_del_autor()
        ),
        pk=pk,
    )
    if tema.foro.slug != foro or tema.slug != slug:
        # Moved or renamed: one canonical address per topic.
        destino = tema.get_absolute_url()
        if request.GET:
            destino += "?" + request.GET.urlencode()
        return redirect(destino, permanent=True)
    mensajes = Mensaje.objects.del_tema(tema)
    # The number of posts is kept until the forums change; a visitor's page of posts is a kept
    # fragment (tema.html), so its rows are read only when it is made again.
    contar = partial(guardado, "foros", f"tema:{tema.pk}:cuenta", mensajes.count)
    pagina = PaginadorContado(mensajes, settings.FOROS_MENSAJES_POR_PAGINA, contar=contar).get_page(
        request.GET.get("pagina")
    )
    contexto = {"tema": tema, "foro": tema.foro, "pagina": pagina}
    if tema.foro.de_preguntas:
        # Lazy: read only when the kept fragment of the accepted answer has to be made again.
        contexto["aceptadas"] = Mensaje.objects.del_tema(tema).filter(aceptada=True)[:1]
    usuario = request.user
    if usuario.is_authenticated:
        leido_hasta = (
            Lectura.objects.filter(usuario=usuario, tema=tema).values_list("ultimo_leido_id", flat=True).first() or 0
        )
        ultimo_de_pagina = pagina.object_list[len(pagina.object_list) - 1] if pagina.object_list else None
        contexto.update(
            leido_hasta=leido_hasta,
            marcar_hasta=ultimo_de_pagina.pk if ultimo_de_pagina and ultimo_de_pagina.pk > leido_hasta else None,
            suscrito=Suscripcion.objects.filter(usuario=usuario, tema=tema).exists(),
            puede_responder=not tema.cerrado or usuario.is_staff,
            form=MensajeForm(),
        )
        if usuario.is_staff:
            contexto["form_mover"] = MoverForm(initial={"foro": tema.foro})
        if tema.aceptacion_permitida_a(usuario):
            # The question itself opens the first page; it cannot be its own answer.
            inicial = pagina.object_list[0] if pagina.number == 1 and pagina.object_list else None
            contexto.update(puede_aceptar=True, inicial_id=inicial.pk if inicial else None)
    return render(request, "foros/tema.html", contexto)


def ir_a_mensaje(request: HttpRequest, pk: int) -> HttpResponse:
    """A permanent link to a post: redirects to its page and anchor (used in e-mails)."""
    mensaje = get_object_or_404(Mensaje.objects.select_related("tema__foro"), pk=pk)
    return redirect(url_del_mensaje(mensaje))


class TextoDeHtml(Func):
    """The text of a post's stored HTML, without its tags: a snippet shows what the reader reads,
    not the Markdown typed (its entities are decoded by the ``resaltar_html`` filter)."""

    template = r"regexp_replace(regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g'), '\s+', ' ', 'g')"
    output_field = TextField()


def resultados_de_busqueda(q: str) -> QuerySet[Mensaje]:
    """Visible posts matching ``q`` (es_unaccent: with or without accents), ranked, with highlighted
    title and snippet. Also used by the portal's site search (redconsorcios.views.buscar)."""
    consulta = SearchQuery(q, config="es_unaccent", search_type="websearch")
    opciones = {"config": "es_unaccent", "start_sel": INICIO_RESALTADO, "stop_sel": FIN_RESALTADO}
    return (
        Mensaje.objects.visibles()
        .filter(busqueda=consulta)
        .select_related("tema__foro", "autor__perfil")
        .annotate(
            # A result of a question says whether it has an accepted answer.
            pregunta_respondida=tiene_respuesta_aceptada("tema_id"),
            rango=SearchRank(F("busqueda"), consulta),
            fragmento=SearchHeadline(TextoDeHtml("html"), consulta, max_words=35, min_words=15, **opciones),
            titulo_resaltado=SearchHeadline("tema__titulo", consulta, highlight_all=True, **opciones),
        )
        .order_by("-rango", "-creado", "-pk")
    )


@en_cache("foros")
def buscar(request: HttpRequest) -> HttpResponse:
    """Full text over titles and posts, ranked, highlighted."""
    q = request.GET.get("q", "").strip()[:200]
    if "\x00" in q:
        raise BadRequest("NUL en la búsqueda")  # PostgreSQL cannot store or compare it
    pagina = None
    if q:
        pagina = Paginator(resultados_de_busqueda(q), 20).get_page(request.GET.get("pagina"))
    return render(request, "foros/buscar.html", {"q": q, "pagina": pagina})


# --- Writing -------------------------------------------------------------------------------


def _vista_previa(request: HttpRequest, form) -> str | None:
    """The sanitised HTML of what the member typed, when they asked for a preview (nothing is saved).

    Previews are rate-limited like posts: past the limit the error sits beside the message, which
    also makes the form invalid, so the view does not take the request for a submit.
    """
    if "vista_previa" not in request.POST or not form.is_valid():
        return None
    try:
        services.contar_vista_previa(usuario=request.user)
    except ValidationError as error:
        form.add_error("fuente", error)
        return None
    return a_html(form.cleaned_data["fuente"])


@login_required
def nuevo_tema(request: HttpRequest, foro: str) -> HttpResponse:
    foro = get_object_or_404(Foro, slug=foro)
    if not foro.admite_temas_de(request.user):
        raise PermissionDenied
    form = (PreguntaForm if foro.de_preguntas else TemaForm)(request.POST or None, usuario=request.user)
    vista_previa = _vista_previa(request, form)
    if request.method == "POST" and vista_previa is None and form.is_valid():
        try:
            tema = services.abrir_tema(
                foro=foro,
                autor=request.user,
                titulo=form.cleaned_data["titulo"],
                fuente=form.cleaned_data["fuente"],
                token=form.cleaned_data["token"],
                pais=form.cleaned_data.get("pais", ""),
                sector=form.cleaned_data.get("sector"),
                consorcio=form.cleaned_data.get("consorcio"),
                institucion=form.cleaned_data.get("institucion"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tema publicado."))
            return redirect(tema)
    return render(request, "foros/nuevo_tema.html", {"foro": foro, "form": form, "vista_previa": vista_previa})


def _cita(tema: Tema, pk: str | None) -> str:
    """A Markdown quote of a visible post of the same topic, to prefill the reply."""
    if not pk or not pk.isdigit():
        return ""
    citado = Mensaje.objects.visibles().filter(pk=pk, tema=tema).select_related("autor__perfil").first()
    if citado is None:
        return ""
    lineas = "\n".join(f"> {linea}".rstrip() for linea in citado.fuente.splitlines())
    encabezado = _("%(autor)s escribió:") % {"autor": services.firma(citado.autor)}
    return f"> **{encabezado}**\n>\n{lineas}\n\n"


@login_required
def responder(request: HttpRequest, pk: int) -> HttpResponse:
    tema = get_object_or_404(Tema.objects.select_related("foro"), pk=pk)
    if tema.cerrado and not request.user.is_staff:
        raise PermissionDenied
    form = MensajeForm(request.POST or None, initial={"fuente": _cita(tema, request.GET.get("cita"))})
    vista_previa = _vista_previa(request, form)
    if request.method == "POST" and vista_previa is None and form.is_valid():
        try:
            mensaje = services.responder(
                tema=tema, autor=request.user, fuente=form.cleaned_data["fuente"], token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Respuesta publicada."))
            return redirect(url_del_mensaje(mensaje))
    return render(
        request, "foros/responder.html", {"tema": tema, "foro": tema.foro, "form": form, "vista_previa": vista_previa}
    )


@login_required
def editar(request: HttpRequest, pk: int) -> HttpResponse:
    mensaje = get_object_or_404(Mensaje.objects.select_related("tema__foro"), pk=pk)
    if not mensaje.editable_por(request.user):
        raise PermissionDenied
    form = EdicionForm(request.POST or None, initial={"fuente": mensaje.fuente})
    vista_previa = _vista_previa(request, form)
    if request.method == "POST" and vista_previa is None and form.is_valid():
        try:
            services.editar_mensaje(mensaje=mensaje, usuario=request.user, fuente=form.cleaned_data["fuente"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mensaje editado."))
            return redirect(url_del_mensaje(mensaje))
    return render(
        request,
        "foros/editar.html",
        {
            "mensaje": mensaje,
            "tema": mensaje.tema,
            "foro": mensaje.tema.foro,
            "form": form,
            "vista_previa": vista_previa,
            "ventana": settings.FOROS_VENTANA_EDICION_MINUTOS,
        },
    )


@login_required
def reportar(request: HttpRequest, pk: int) -> HttpResponse:
    mensaje = get_object_or_404(Mensaje.objects.select_related("tema__foro"), pk=pk)
    form = ReporteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reportar(mensaje=mensaje, usuario=request.user, motivo=form.cleaned_data["motivo"])
        messages.success(request, _("Gracias: el equipo de moderación revisará el mensaje."))
        return redirect(url_del_mensaje(mensaje))
    return render(
        request,
        "foros/reportar.html",
        {"mensaje": mensaje, "tema": mensaje.tema, "foro": mensaje.tema.foro, "form": form},
    )


@require_POST
@login_required
def respuesta_aceptada(request: HttpRequest, pk: int) -> HttpResponse:
    """The asker or staff mark a reply as the accepted answer (``mensaje``), or unmark it (``accion=quitar``).

    404 when there is no such question (a topic of a discussion forum has no accepted answer);
    403 for a member who sees the question but did not ask it.
    """
    tema = get_object_or_404(Tema.objects.select_related("foro"), pk=pk, foro__tipo=Foro.Tipo.PREGUNTAS)
    if not tema.aceptacion_permitida_a(request.user):
        raise PermissionDenied
    quitar = request.POST.get("accion") == "quitar"
    mensaje_id = request.POST.get("mensaje", "")
    if not quitar and not mensaje_id.isdigit():
        raise BadRequest("Falta el mensaje")
    try:
        respuesta = services.aceptar_respuesta(
            tema=tema, mensaje_id=None if quitar else int(mensaje_id), por=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(tema)
    if respuesta is None:
        messages.success(request, _("La pregunta ya no tiene respuesta aceptada."))
        return redirect(tema)
    messages.success(request, _("Respuesta aceptada: aparece bajo la pregunta."))
    return redirect(tema.get_absolute_url() + "#respuesta-aceptada")


@require_POST
@login_required
def suscripcion_tema(request: HttpRequest, pk: int) -> HttpResponse:
    tema = get_object_or_404(Tema.objects.select_related("foro"), pk=pk)
    if request.POST.get("accion") == "baja":
        services.desuscribir(usuario=request.user, tema=tema)
        messages.success(request, _("Ya no recibirá avisos de este tema."))
    else:
        services.suscribir(usuario=request.user, tema=tema)
        messages.success(request, _("Recibirá un aviso por correo con cada respuesta."))
    return redirect(tema)


@require_POST
@login_required
def suscripcion_foro(request: HttpRequest, foro: str) -> HttpResponse:
    foro = get_object_or_404(Foro, slug=foro)
    if request.POST.get("accion") == "baja":
        services.desuscribir(usuario=request.user, foro=foro)
        messages.success(request, _("Ya no recibirá avisos de este foro."))
    else:
        services.suscribir(usuario=request.user, foro=foro)
        messages.success(request, _("Recibirá un aviso por correo con cada mensaje nuevo del foro."))
    return redirect(foro)


@require_POST
def leido(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the member's read mark (posted by static/js/foros/leido.js once the topic page has loaded).

    Why a POST from the page rather than the GET itself: a GET never writes (it must stay safe
    for caches, crawlers and link prefetchers, and needs no CSRF protection), and marking reads
    only when the member posts would leave every topic they read without replying unread forever.
    The mark moves to the newest post of the page actually shown, never backwards, so unread later
    pages stay unread; posting also moves it (services.responder).
    """
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    tema = get_object_or_404(Tema, pk=pk)
    mensaje_id = request.POST.get("mensaje", "")
    if mensaje_id.isdigit():
        services.marcar_leido(usuario=request.user, tema=tema, mensaje_id=int(mensaje_id))
    return HttpResponse(status=204)


@csrf_exempt  # the signed token is the credential; mail clients POST it without cookies (RFC 8058)
def baja(request: HttpRequest, token: str) -> HttpResponse:
    """Unsubscribe through the signed link of an e-mail, without logging in.

    The GET shows one button (a GET never writes); the POST, from that button or
    from the mail client's List-Unsubscribe-Post, removes the subscription.
    """
    datos = services.leer_token_baja(token)
    if datos is None:
        return render(request, "foros/baja.html", {"invalido": True}, status=404)
    hecho = False
    if request.method == "POST":
        services.dar_de_baja(baja=datos)
        hecho = True
    return render(request, "foros/baja.html", {"datos": datos, "hecho": hecho})


# --- Moderation ----------------------------------------------------------------------------------

ACCIONES_TEMA = {
    "fijar": (services.fijar, True),
    "desfijar": (services.fijar, False),
    "cerrar": (services.cerrar, True),
    "reabrir": (services.cerrar, False),
    "destacar": (services.destacar, True),
    "quitar-destacado": (services.destacar, False),
}


@require_POST
@login_required
def moderar_tema(request: HttpRequest, pk: int, accion: str) -> HttpResponse:
    _exigir_staff(request)
    tema = get_object_or_404(Tema.objects.select_related("foro"), pk=pk)
    if accion == "mover":
        form = MoverForm(request.POST)
        if form.is_valid():
            services.mover(tema=tema, por=request.user, foro=form.cleaned_data["foro"])
            messages.success(request, _("Tema movido."))
        return redirect(tema)
    if accion not in ACCIONES_TEMA:
        raise PermissionDenied
    funcion, valor = ACCIONES_TEMA[accion]
    funcion(tema=tema, por=request.user, valor=valor)
    messages.success(request, _("Tema actualizado."))
    return redirect(tema)


@require_POST
@login_required
def ocultar(request: HttpRequest, pk: int) -> HttpResponse:
    _exigir_staff(request)
    mensaje = get_object_or_404(Mensaje.objects.select_related("tema__foro"), pk=pk)
    form = OcultarForm(request.POST)
    if form.is_valid():
        services.ocultar(mensaje=mensaje, por=request.user, motivo=form.cleaned_data["motivo"])
        messages.success(request, _("Mensaje ocultado."))
    else:
        messages.error(request, _("Indique el motivo de la ocultación."))
    if request.POST.get("volver") == "moderacion":
        return redirect("foros:moderacion")
    return redirect(url_del_mensaje(mensaje))


@require_POST
@login_required
def mostrar(request: HttpRequest, pk: int) -> HttpResponse:
    _exigir_staff(request)
    mensaje = get_object_or_404(Mensaje.objects.select_related("tema__foro"), pk=pk)
    services.mostrar(mensaje=mensaje, por=request.user)
    messages.success(request, _("Mensaje visible de nuevo."))
    return redirect(url_del_mensaje(mensaje))


@login_required
def moderacion(request: HttpRequest) -> HttpResponse:
    """The queue of pending reports, oldest first."""
    _exigir_staff(request)
    reportes = (
        Reporte.objects.filter(estado=Reporte.Estado.PENDIENTE)
        .select_related("mensaje__tema__foro", "mensaje__autor__perfil", "usuario__perfil")
        .order_by("creado", "pk")
    )
    pagina = Paginator(reportes, 30).get_page(request.GET.get("pagina"))
    return render(request, "foros/moderacion.html", {"pagina": pagina})


@require_POST
@login_required
def resolver(request: HttpRequest, pk: int) -> HttpResponse:
    _exigir_staff(request)
    reporte = get_object_or_404(Reporte, pk=pk)
    form = ResolverForm(request.POST)
    if form.is_valid():
        services.resolver_reporte(reporte=reporte, por=request.user, estado=form.cleaned_data["estado"])
        messages.success(request, _("Reporte cerrado."))
    return redirect(reverse("foros:moderacion"))
