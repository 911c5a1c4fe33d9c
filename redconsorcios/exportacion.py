"""A member's copy of their data ("Descargar mis datos", README "Personal data").

The project composes it because it spans the apps: each app offers ``datos_de_miembro(usuario)`` in its
own services (``miembros`` may import no other app), and this module gathers them into a ZIP of JSON
files, the member's uploaded files and a README.txt in the member's language. The ZIP is built by a
background task and stored as ``exportaciones/<member number>-<random>.zip`` in the default storage (the
number lets an erased account take its exports along), a folder the portal never
serves (``views.CARPETAS_PUBLICAS``); the member gets an e-mail with a signed link, valid for
``EXPORTACION_DIAS`` days, that downloads it only for them; ``manage.py retencion`` deletes
the files once the link has expired.
"""

from __future__ import annotations

import io
import json
import logging
import posixpath
import secrets
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import afinidades.services
import biblioteca.services
import boletin.services
import consorcios.services
import conversaciones.services
import foros.services
import miembros.services
import oportunidades.services
import seguimientos.services
from comun.correo import encolar_correo

logger = logging.getLogger(__name__)

CARPETA = "exportaciones/"
SAL = "redconsorcios.exportacion"
VALIDEZ = timedelta(days=getattr(settings, "EXPORTACION_DIAS", 7))

# Every JSON file of the ZIP and what it holds, for the README (in this order).
ARCHIVOS = {
    "perfil": gettext_lazy(
        "Tu cuenta y tu perfil: nombre, rol, institución, país, especialidad, idiomas, qué campos publicas como "
        "promotor/a, idioma y avisos."
    ),
    "instituciones": gettext_lazy("Las instituciones de la Red a las que estás vinculado/a, con tu rol."),
    "correos": gettext_lazy("Las direcciones de correo de tu cuenta y si están verificadas."),
    "verificacion_en_dos_pasos": gettext_lazy(
        "Los métodos de verificación en dos pasos que activaste (solo su tipo y fechas, nunca sus claves)."
    ),
    "consentimientos": gettext_lazy(
        "Tus consentimientos: cuándo, con qué texto y en qué formulario; y si los retiraste."
    ),
    "boletin": gettext_lazy("Tu suscripción al boletín."),
    "consorcios": gettext_lazy("Los consorcios de los que eres responsable, con sus datos de contacto."),
    "historial_consorcios": gettext_lazy("El historial de cambios de esos consorcios, y cuáles hiciste tú."),
    "documentos": gettext_lazy(
        "Los documentos que subiste a la biblioteca; sus archivos están en la carpeta archivos/."
    ),
    "inscripciones_eventos": gettext_lazy("Tus inscripciones en los eventos de la Red, y si asististe."),
    "mensajes_foros": gettext_lazy("Tus mensajes en los foros, con el título del tema."),
    "suscripciones_foros": gettext_lazy("Los temas y foros a los que estás suscrito/a."),
    "reportes_foros": gettext_lazy("Los mensajes que reportaste a la moderación."),
    "seguimientos": gettext_lazy("Lo que sigues en Mi red (consorcios, instituciones, países, sectores, foros)."),
    "preferencias_seguimiento": gettext_lazy("Tu preferencia de resumen por correo de Mi red."),
    "avisos_afinidades": gettext_lazy("Cuándo te avisamos por última vez de consorcios afines a los tuyos."),
    "oportunidades": gettext_lazy("Las oportunidades de cooperación que escribiste, y su estado."),
    "intereses_oportunidades": gettext_lazy("Las oportunidades a las que dijiste «Me interesa»."),
    "conversaciones": gettext_lazy("Las conversaciones privadas en las que participas o participaste."),
    "mensajes_conversaciones": gettext_lazy("Los mensajes privados que escribiste (no los de los demás)."),
    "bloqueos": gettext_lazy("Los miembros que bloqueaste, por su número."),
    "denuncias_conversaciones": gettext_lazy("Los mensajes privados que denunciaste al equipo de la Red."),
}


def datos_de(usuario) -> dict[str, list[dict]]:
    """Everything tied to the account, from each app. A fixed number of queries, whatever the rows."""
    datos: dict[str, list[dict]] = {}
    servicios = (
        miembros.services,
        boletin.services,
        consorcios.services,
        biblioteca.services,
        foros.services,
        seguimientos.services,
        afinidades.services,
        oportunidades.services,
        conversaciones.services,
    )
    for servicio in servicios:
        datos |= servicio.datos_de_miembro(usuario)
    return datos


def construir_zip(usuario, *, idioma: str) -> bytes:
    datos = datos_de(usuario)
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as archivo_zip:
        for nombre in ARCHIVOS:
            contenido = json.dumps(datos.get(nombre, []), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            archivo_zip.writestr(f"{nombre}.json", contenido)
        for documento in datos["documentos"]:
            for campo in ("archivo", "portada"):
                ruta = documento[campo]
                if not ruta:
                    continue
                try:
                    with default_storage.open(ruta, "rb") as origen:
                        archivo_zip.writestr(f"archivos/{ruta}", origen.read())
                except OSError:  # a file lost from storage must not cost the member the rest
                    logger.warning("Exportación: falta el archivo %s", ruta)
        with translation.override(idioma):
            leeme = render_to_string(
                "portal/mis_datos/LEEME.txt",
                {"archivos": [(f"{n}.json", d) for n, d in ARCHIVOS.items()], "dias": VALIDEZ.days},
            )
        archivo_zip.writestr("README.txt", leeme)
    return salida.getvalue()


def firmar(*, usuario_id: int, nombre: str) -> str:
    return signing.TimestampSigner(salt=SAL).sign_object({"u": usuario_id, "a": nombre})


def leer_enlace(token: str, *, usuario) -> str | None:
    """The storage name of the export the link points to, if it is ``usuario``'s and not expired."""
    try:
        datos = signing.TimestampSigner(salt=SAL).unsign_object(token, max_age=VALIDEZ)
    except signing.BadSignature:  # SignatureExpired included
        return None
    nombre = datos.get("a", "")
    if datos.get("u") != usuario.pk or posixpath.dirname(nombre) + "/" != CARPETA:
        return None
    return nombre if default_storage.exists(nombre) else None


@task()
def preparar_exportacion(*, usuario_id: int) -> str:
    """Build the member's ZIP, store it and e-mail them the link. Returns the storage name."""
    usuario = get_user_model().objects.select_related("perfil").get(pk=usuario_id)
    perfil = getattr(usuario, "perfil", None)
    idioma = getattr(perfil, "idioma", "") or settings.LANGUAGE_CODE
    nombre = default_storage.save(
        f"{CARPETA}{usuario.pk}-{secrets.token_urlsafe(24)}.zip", ContentFile(construir_zip(usuario, idioma=idioma))
    )
    with translation.override(idioma):
        enlace = settings.SITE_URL + reverse("descarga_mis_datos", args=[firmar(usuario_id=usuario.pk, nombre=nombre)])
        texto = render_to_string("portal/correo/mis_datos.txt", {"enlace": enlace, "dias": VALIDEZ.days})
        encolar_correo(asunto=_("Sus datos de la Red de Consorcios"), texto=texto, destinatarios=[usuario.email])
    return nombre


def solicitar_exportacion(*, usuario) -> None:
    """Enqueue the export once the current transaction commits (the task reads committed rows)."""
    transaction.on_commit(lambda: preparar_exportacion.enqueue(usuario_id=usuario.pk))


def borrar_de(*, usuario_id: int) -> None:
    """Delete a member's exports (their account is being erased), once the transaction commits."""

    def borrar() -> None:
        try:
            _carpetas, archivos = default_storage.listdir(CARPETA)
        except FileNotFoundError:
            return
        for archivo in archivos:
            if archivo.startswith(f"{usuario_id}-"):
                default_storage.delete(CARPETA + archivo)

    transaction.on_commit(borrar)


def purgar(*, ahora=None) -> int:
    """Delete the exports whose link has expired. Returns how many files were deleted."""
    limite = (ahora or timezone.now()) - VALIDEZ
    try:
        _carpetas, archivos = default_storage.listdir(CARPETA)
    except FileNotFoundError:
        return 0
    borrados = 0
    for archivo in archivos:
        nombre = CARPETA + archivo
        if default_storage.get_modified_time(nombre) < limite:
            default_storage.delete(nombre)
            borrados += 1
    return borrados
