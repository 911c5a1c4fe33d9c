"""Pages of the registry. Views orchestrate; the workflows live in services.py."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView

from . import services
from .forms import (
    ActividadesFormSet,
    ConsorcioForm,
    EmpresasFormSet,
    IndicadoresFormSet,
    ResponsableForm,
)
from .graficos import grafico_indicadores
from .models import Consorcio


def _contexto_mapa() -> dict:
    """The tile server for the map scripts (data- attributes); an empty URL draws no tiles (tests)."""
    return {"mapa_teselas": settings.MAP_TILES_URL, "mapa_atribucion": settings.MAP_TILES_ATTRIBUTION}


class SeccionMixin:
    """What every page of the section needs: the map settings for the templates."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_contexto_mapa()}


class ListaView(SeccionMixin, ListView):
    template_name = "consorcios/lista.html"
    context_object_name = "consorcios"
    paginate_by = 24

    def get_queryset(self):
        return Consorcio.objects.publicados().para_lista()


class DetalleView(SeccionMixin, DetailView):
    template_name = "consorcios/detalle.html"
    context_object_name = "consorcio"

    def get_queryset(self):
        # Outsiders get 404 on what is not published; responsables and staff may preview.
        return Consorcio.objects.visibles_para(self.request.user).para_detalle()

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        consorcio = self.object
        indicadores = list(consorcio.indicadores.all())
        contexto.update(
            indicadores=indicadores,
            grafico=grafico_indicadores(indicadores),
            ver_contacto=self.request.user.is_authenticated and consorcio.publicar_contacto,
            # One more query, for members only (anonymous pages stay cacheable and constant).
            puede_editar=self.request.user.is_authenticated
            and consorcio.responsables.filter(pk=self.request.user.pk).exists(),
        )
        return contexto


class MapaView(SeccionMixin, TemplateView):
    template_name = "consorcios/mapa.html"


@require_GET
def mapa_geojson(request: HttpRequest) -> JsonResponse:
    """Published consortia as an RFC 7946 FeatureCollection (longitude first, 6 decimals)."""
    filas = (
        Consorcio.objects.publicados().order_by("nombre").values_list("nombre", "slug", "tipo", "longitud", "latitud")
    )
    base = reverse("consorcios:detalle", args=["_"])[:-2]
    tipos = dict(Consorcio.Tipo.choices)
    datos = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
                "properties": {
                    "nombre": nombre,
                    "tipo": tipo,
                    "tipo_nombre": str(tipos[tipo]),
                    "url": f"{base}{slug}/",
                },
            }
            for nombre, slug, tipo, lon, lat in filas
        ],
    }
    respuesta = JsonResponse(datos, json_dumps_params={"ensure_ascii": False})
    respuesta["Content-Type"] = "application/geo+json"
    return respuesta


@login_required
def mios(request: HttpRequest) -> HttpResponse:
    consorcios = Consorcio.objects.de_responsable(request.user).order_by("-actualizado")
    return render(request, "consorcios/mios.html", {"consorcios": consorcios})


@login_required
def registrar(request: HttpRequest) -> HttpResponse:
    """One form with sections and the firms inline; a double submit creates one consortium."""
    if request.method == "POST":
        form = ConsorcioForm(request.POST, request.FILES)
        empresas = EmpresasFormSet(request.POST, instance=Consorcio(), prefix="empresas")
        token = request.POST.get("token_envio", "")
        repetido = _ya_enviado(request.user, token)
        if repetido is not None:
            return redirect("consorcios:mios")
        if form.is_valid() and empresas.is_valid():
            consorcio = form.save(commit=False)
            consorcio.token_envio = form.cleaned_data["token_envio"] or uuid.uuid4()

            def guardar_relaciones(c: Consorcio) -> None:
                form.save_m2m()
                empresas.instance = c
                empresas.save()

            try:
                services.registrar_consorcio(
                    consorcio=consorcio, usuario=request.user, guardar_relaciones=guardar_relaciones
                )
            except IntegrityError:
                # The same token arrived twice at once: the other request created it.
                if _ya_enviado(request.user, token) is not None:
                    return redirect("consorcios:mios")
                raise
            messages.success(
                request, _("Recibimos «%(nombre)s». El equipo de la Red lo revisará pronto.") % {"nombre": consorcio}
            )
            return redirect("consorcios:mios")
    else:
        form = ConsorcioForm(initial={"token_envio": uuid.uuid4()})
        empresas = EmpresasFormSet(instance=Consorcio(), prefix="empresas")
    return render(
        request,
        "consorcios/registrar.html",
        {"form": form, "empresas": empresas, **_contexto_mapa()},
    )


def _ya_enviado(usuario, token: str) -> Consorcio | None:
    try:
        token_uuid = uuid.UUID(token)
    except ValueError:
        return None
    return Consorcio.objects.filter(token_envio=token_uuid, responsables=usuario).first()


def _consorcio_editable(request: HttpRequest, slug: str) -> Consorcio:
    """404 if the person may not see it, 403 if they may see it but not edit it."""
    consorcio = get_object_or_404(Consorcio.objects.visibles_para(request.user), slug=slug)
    if not consorcio.responsables.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    return consorcio


@login_required
def editar(request: HttpRequest, slug: str) -> HttpResponse:
    consorcio = _consorcio_editable(request, slug)
    datos = request.POST if request.method == "POST" else None
    archivos = request.FILES if request.method == "POST" else None
    form = ConsorcioForm(datos, archivos, instance=consorcio)
    formsets = {
        "empresas": EmpresasFormSet(datos, instance=consorcio, prefix="empresas"),
        "indicadores": IndicadoresFormSet(datos, instance=consorcio, prefix="indicadores"),
        "actividades": ActividadesFormSet(datos, instance=consorcio, prefix="actividades"),
    }
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        campos = list(form.changed_data)
        campos += [nombre for nombre, f in formsets.items() if f.has_changed()]

        def guardar(c: Consorcio) -> None:
            form.save()
            for f in formsets.values():
                f.save()

        services.actualizar(consorcio=consorcio, usuario=request.user, campos=campos, guardar=guardar)
        messages.success(request, _("Los cambios se guardaron."))
        return redirect("consorcios:mios")
    return render(
        request,
        "consorcios/editar.html",
        {
            "consorcio": consorcio,
            "form": form,
            **formsets,
            "responsable_form": ResponsableForm(),
            **_contexto_mapa(),
        },
    )


@login_required
@require_POST
def agregar_responsable(request: HttpRequest, slug: str) -> HttpResponse:
    consorcio = _consorcio_editable(request, slug)
    form = ResponsableForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                colega = services.agregar_responsable(
                    consorcio=consorcio, usuario=request.user, correo=form.cleaned_data["correo"]
                )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("%(correo)s ahora puede editar este consorcio.") % {"correo": colega.email})
    else:
        messages.error(request, _("Escriba un correo válido."))
    return redirect("consorcios:editar", slug=consorcio.slug)
