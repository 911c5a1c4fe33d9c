from __future__ import annotations

import csv
from collections import defaultdict

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView
from django_countries import countries

from comun.cache import en_cache
from consorcios.models import Consorcio

from . import busqueda, citas, icalendario, services
from .feeds import CANALES
from .forms import BusquedaForm, InscripcionForm, SubirDocumentoForm
from .models import Documento, Evento, Inscripcion, Noticia
from .services import YaSubido, subir_documento

# The pages below marked @en_cache show only the library's published content (and the
# institutions' names), the same for every visitor: anonymous visitors get them from the page
# cache until the library changes (comun/cache.py). What moves with the clock (a scheduled news
# item, an event that ends) shows at the latest when the cached page expires.


def _busqueda(request: HttpRequest) -> tuple[BusquedaForm, dict]:
    """The search form and its cleaned values."""
    form = BusquedaForm(request.GET or None)
    return form, form.valores() if request.GET else {}


@en_cache("biblioteca")
@require_GET
def buscar(request: HttpRequest) -> HttpResponse:
    form, valores = _busqueda(request)
    facetas, pagina = busqueda.resultados(valores, request.GET.get("pagina"))
    contexto = {
        "form": form,
        "q": valores.get("q", ""),
        "valores": valores,
        "pagina": pagina,
        "documentos": pagina.object_list,
        "facetas": facetas,
    }
    return render(request, "biblioteca/buscar.html", contexto)


FORMATOS_CITA = {
    "bib": ("application/x-bibtex; charset=utf-8", citas.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", citas.ris),
}


def _respuesta_cita(documentos, formato: str, nombre: str) -> HttpResponse:
    tipo, generador = FORMATOS_CITA[formato]
    respuesta = HttpResponse(generador(documentos, base_url=settings.SITE_URL), content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.{formato}"'
    return respuesta


@en_cache("biblioteca")
@require_GET
def exportar(request: HttpRequest, formato: str) -> HttpResponse:
    """BibTeX or RIS of the search results page the researcher is looking at."""
    _form, valores = _busqueda(request)
    pagina = busqueda.pagina(valores, request.GET.get("pagina"))
    return _respuesta_cita(pagina.object_list, formato, "biblioteca-resultados")


@en_cache("biblioteca")
@require_GET
def legislacion(request: HttpRequest) -> HttpResponse:
    """For each country, its legislation and support programmes (one query)."""
    documentos = Documento.objects.publicados().filter(tipo__in=[Documento.Tipo.LEGISLACION, Documento.Tipo.INCENTIVO])
    por_pais: dict[str, list[Documento]] = defaultdict(list)
    regionales: list[Documento] = []
    for documento in documentos.order_by("titulo"):
        if not documento.paises:
            regionales.append(documento)
        for pais in documento.paises:
            por_pais[pais.code].append(documento)
    paises = sorted(
        ({"codigo": codigo, "nombre": countries.name(codigo), "documentos": docs} for codigo, docs in por_pais.items()),
        key=lambda p: p["nombre"],
    )
    return render(request, "biblioteca/legislacion.html", {"paises": paises, "regionales": regionales})


@en_cache("biblioteca")
class DocumentoView(DetailView):
    template_name = "biblioteca/documento.html"
    context_object_name = "documento"

    def get_queryset(self):
        return Documento.objects.visibles_para(self.request.user).prefetch_related("temas")

    def get_context_data(self, **kwargs):
        # Where it was presented: the sessions of published events that list it (one query); the
        # published consortia it is about (one more).
        sesiones = self.object.sesiones.filter(evento__estado=Evento.Estado.PUBLICADO).select_related("evento")
        return super().get_context_data(**kwargs) | {
            "sesiones": sesiones,
            "consorcios": _consorcios_publicados(self.object.consorcios),
        }


@require_GET
def descargar(request: HttpRequest, slug: str) -> FileResponse:
    """The file as an attachment under its original name (RFC 5987) with the extension of its
    detected type, never rendered inline."""
    documento = get_object_or_404(Documento.objects.visibles_para(request.user), slug=slug)
    if not documento.archivo:
        raise Http404
    respuesta = FileResponse(
        documento.archivo.open("rb"),
        as_attachment=True,
        filename=documento.nombre_descarga,
        content_type=documento.tipo_mime or "application/octet-stream",
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


@en_cache("biblioteca")
@require_GET
def cita(request: HttpRequest, slug: str, formato: str) -> HttpResponse:
    documento = get_object_or_404(Documento.objects.visibles_para(request.user), slug=slug)
    return _respuesta_cita([documento], formato, documento.slug[:60])


def subir(request: HttpRequest) -> HttpResponse:
    """Members upload documents; visitors see what is asked and a link to sign in."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "biblioteca/subir.html", {"form": None})
    form = SubirDocumentoForm(request.POST or None, request.FILES or None, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="documento_subida", user=request.user):
            form.add_error(
                None, _("Ha subido muchos documentos en poco tiempo. Inténtelo de nuevo dentro de una hora.")
            )
            return render(request, "biblioteca/subir.html", {"form": form}, status=429)
        try:
            documento = subir_documento(
                documento=form.save(commit=False),
                formato=form.formato,
                subido_por=request.user,
                clave_envio=form.cleaned_data["clave_envio"],
                guardar_relaciones=form.save_m2m,
            )
        except YaSubido as doble:
            return redirect(doble.documento)  # a double submit: the first one already created it
        messages.success(request, _("Gracias: tu documento quedó pendiente de revisión por el equipo de la Red."))
        return redirect(documento)
    return render(request, "biblioteca/subir.html", {"form": form})


@en_cache("biblioteca")
class NoticiasView(ListView):
    template_name = "biblioteca/noticias.html"
    context_object_name = "noticias"
    paginate_by = 10
    page_kwarg = "pagina"

    def get_queryset(self):
        return Noticia.objects.publicados()


@en_cache("biblioteca")
class NoticiaView(DetailView):
    template_name = "biblioteca/noticia.html"
    context_object_name = "noticia"

    def get_queryset(self):
        # Staff preview drafts and scheduled news; everyone else sees what is due.
        return Noticia.objects.all() if self.request.user.is_staff else Noticia.objects.publicados()

    def get_context_data(self, **kwargs):
        # Four constant queries besides the news item: its events, consortia and institutions.
        return super().get_context_data(**kwargs) | {
            "eventos": self.object.eventos.publicados().order_by("inicio"),
            "consorcios": _consorcios_publicados(self.object.consorcios),
            "instituciones": self.object.instituciones.order_by("nombre"),
        }


@en_cache("biblioteca")
class EventosView(ListView):
    template_name = "biblioteca/eventos.html"
    context_object_name = "eventos"
    paginate_by = 20
    page_kwarg = "pagina"
    pasados = False

    def get_queryset(self):
        return Evento.objects.pasados() if self.pasados else Evento.objects.proximos()

    def get_context_data(self, **kwargs):
        return super().get_context_data(pasados=self.pasados, **kwargs)


@en_cache("biblioteca")
class EventoView(DetailView):
    template_name = "biblioteca/evento.html"
    context_object_name = "evento"

    def get_queryset(self):
        return Evento.objects.all() if self.request.user.is_staff else Evento.objects.publicados()

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        evento = self.object
        # The programme with its published presentations, and the news about the event: three queries.
        contexto["sesiones"] = evento.sesiones.prefetch_related(
            Prefetch("documentos", queryset=Documento.objects.publicados().order_by("titulo"))
        )
        contexto["noticias"] = evento.noticias.publicados().order_by("-publicada_en")[:10]
        # Who organises it and the consortia taking part, linked to their pages: two more.
        contexto["instituciones"] = evento.organizadores.order_by("nombre")
        contexto["consorcios"] = _consorcios_publicados(evento.consorcios)
        if evento.inscripciones_abiertas:
            # Two constant queries: the places taken, and the reader's own registration.
            contexto["confirmadas"] = evento.inscripciones.filter(estado=Inscripcion.Estado.CONFIRMADA).count()
            if evento.cupo is not None:
                contexto["plazas_libres"] = max(0, evento.cupo - contexto["confirmadas"])
            if self.request.user.is_authenticated:
                contexto["inscripcion"] = (
                    Inscripcion.objects.vigentes().filter(evento=evento, usuario=self.request.user).first()
                )
                contexto["form_inscripcion"] = InscripcionForm()
        return contexto


def _consorcios_publicados(relacionados):
    """The published ones of a record's consortia, with only what a link prints (one query)."""
    return relacionados.filter(estado=Consorcio.Estado.PUBLICADO).only("nombre", "slug").order_by("nombre")


@login_required
@require_POST
def inscribirse(request: HttpRequest, slug: str) -> HttpResponse:
    evento = get_object_or_404(Evento.objects.publicados(), slug=slug)
    form = InscripcionForm(request.POST)
    form.is_valid()  # one optional checkbox: always valid
    try:
        inscripcion = services.inscribir(
            evento=evento, usuario=request.user, compartir_datos=form.cleaned_data.get("compartir_datos", False)
        )
    except services.InscripcionCerrada as error:
        messages.error(request, error.messages[0])
    else:
        if inscripcion.estado == Inscripcion.Estado.CONFIRMADA:
            messages.success(
                request, _("Tu inscripción está confirmada. Te enviamos un correo con el evento para tu calendario.")
            )
        else:
            messages.success(
                request,
                _(
                    "El cupo está completo: quedaste en la lista de espera. "
                    "Te avisaremos por correo si se libera una plaza."
                ),
            )
    return redirect(evento)


@login_required
@require_POST
def cancelar_inscripcion(request: HttpRequest, slug: str) -> HttpResponse:
    inscripcion = get_object_or_404(
        Inscripcion.objects.vigentes().select_related("evento"), evento__slug=slug, usuario=request.user
    )
    services.cancelar_inscripcion(inscripcion=inscripcion)
    messages.success(request, _("Cancelaste tu inscripción."))
    return redirect(inscripcion.evento)


def cancelar_por_enlace(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the registration e-mail: a page with a button (a GET never writes)."""
    inscripcion = services.leer_enlace_cancelacion(token)
    if inscripcion is None:
        raise Http404
    if request.method == "POST":
        services.cancelar_inscripcion(inscripcion=inscripcion)
        inscripcion.refresh_from_db()
    return render(request, "biblioteca/cancelar_inscripcion.html", {"inscripcion": inscripcion})


def _evento_de_staff(request: HttpRequest, slug: str) -> Evento:
    """Attendee lists are staff's: everyone else gets 404, as if the page did not exist."""
    if not request.user.is_staff:
        raise Http404
    return get_object_or_404(Evento, slug=slug)


@login_required
def asistentes(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff's check-in list: the confirmed attendees, ticked as they arrive (one POST for the page)."""
    evento = _evento_de_staff(request, slug)
    confirmadas = evento.inscripciones.filter(estado=Inscripcion.Estado.CONFIRMADA).select_related(
        "usuario__perfil__institucion"
    )
    if request.method == "POST":
        presentes = [int(pk) for pk in request.POST.getlist("asistio") if pk.isdigit()]
        # Two updates for the whole list (no public page shows attendance: nothing to invalidate).
        confirmadas.filter(pk__in=presentes).update(asistio=True)
        confirmadas.exclude(pk__in=presentes).update(asistio=False)
        messages.success(request, _("Asistencia guardada."))
        return redirect("biblioteca:asistentes", slug=evento.slug)
    espera = evento.inscripciones.filter(estado=Inscripcion.Estado.EN_ESPERA).count()
    return render(
        request, "biblioteca/asistentes.html", {"evento": evento, "confirmadas": confirmadas, "en_espera": espera}
    )


@login_required
@require_GET
def asistentes_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The attendee list for the organisers: name, institution, country and e-mail only of those who
    consented; the others are counted, never named."""
    evento = _evento_de_staff(request, slug)
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="asistentes-{evento.slug[:60]}.csv"'
    escritor = csv.writer(respuesta)
    escritor.writerow(
        [_("estado"), _("inscrita el"), _("nombre"), _("institución"), _("país"), _("correo"), _("asistió")]
    )
    for inscripcion in evento.inscripciones.vigentes().select_related("usuario__perfil__institucion"):
        datos = ["", "", "", ""]
        if inscripcion.compartir_datos:
            perfil = getattr(inscripcion.usuario, "perfil", None)
            datos = [
                getattr(perfil, "nombre", ""),
                str(perfil.institucion) if perfil and perfil.institucion else "",
                perfil.pais.name if perfil and perfil.pais else "",
                inscripcion.usuario.email,
            ]
        else:
            datos[0] = _("(no compartió sus datos)")
        escritor.writerow(
            [
                inscripcion.get_estado_display(),
                inscripcion.creada.date().isoformat(),
                *datos,
                _("sí") if inscripcion.asistio else "",
            ]
        )
    return respuesta


def _respuesta_ics(texto: str, nombre: str) -> HttpResponse:
    respuesta = HttpResponse(texto, content_type="text/calendar; charset=utf-8")
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}.ics"'
    return respuesta


@en_cache("biblioteca")
@require_GET
def evento_ics(request: HttpRequest, slug: str) -> HttpResponse:
    evento = get_object_or_404(Evento.objects.publicados(), slug=slug)
    return _respuesta_ics(icalendario.calendario([evento], nombre=evento.titulo), evento.slug[:60])


@en_cache("biblioteca")  # public content only: nothing in the feeds depends on the visitor
@require_GET
def canal(request: HttpRequest, canal: str, formato: str) -> HttpResponse:
    """RSS/Atom of documents, news and events; iCalendar of the upcoming events."""
    if formato == "ics":
        if canal != "eventos":
            raise Http404
        eventos = Evento.objects.proximos()[:200]
        return _respuesta_ics(icalendario.calendario(eventos, nombre=_("Eventos de la Red de Consorcios")), "eventos")
    return CANALES[(canal, formato)]()(request)


@login_required
def mios(request: HttpRequest) -> HttpResponse:
    """The documents a member uploaded, with their review state (the account menu links here)."""
    documentos = Documento.objects.filter(subido_por=request.user).only(
        "titulo", "slug", "tipo", "estado", "motivo_rechazo", "creado"
    )
    return render(request, "biblioteca/mios.html", {"documentos": documentos.order_by("-creado", "-pk")})
