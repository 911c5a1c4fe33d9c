"""Upload checks shared by the apps: by content, never by the file's name."""

from __future__ import annotations

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

FORMATOS_IMAGEN = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}


def validar_tamano(archivo: UploadedFile, maximo: int | None = None) -> None:
    maximo = maximo or settings.UPLOAD_MAX_BYTES
    if archivo.size == 0:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if archivo.size > maximo:
        raise ValidationError(
            _("El archivo pesa %(peso)s; el máximo es %(maximo)s.")
            % {"peso": filesizeformat(archivo.size), "maximo": filesizeformat(maximo)},
            code="demasiado_grande",
        )


def validar_imagen(archivo: UploadedFile, maximo: int = 2 * 1024 * 1024) -> str:
    """Check that the upload is a real PNG, JPEG, WebP or GIF of at most
    IMAGEN_MAX_PIXELES pixels; return its extension."""
    validar_tamano(archivo, maximo)
    archivo.seek(0)
    try:
        # Opening reads only the header; a few kilobytes can declare billions of pixels
        # (a decompression bomb), so the size is checked before anything is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(archivo) as imagen:
                formato = imagen.format
                ancho, alto = imagen.size
                if ancho * alto > settings.IMAGEN_MAX_PIXELES:
                    raise ValidationError(
                        _("La imagen mide %(ancho)d × %(alto)d píxeles; el máximo es %(maximo)s megapíxeles.")
                        % {"ancho": ancho, "alto": alto, "maximo": settings.IMAGEN_MAX_PIXELES // 1_000_000},
                        code="demasiados_pixeles",
                    )
                imagen.verify()  # reads the whole file: truncated or forged data fails here
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("El archivo no es una imagen válida (se aceptan PNG, JPEG, WebP y GIF)."), code="no_imagen"
        ) from None
    finally:
        archivo.seek(0)
    if formato not in FORMATOS_IMAGEN:
        raise ValidationError(_("Formato de imagen no admitido: use PNG, JPEG, WebP o GIF."), code="formato")
    return FORMATOS_IMAGEN[formato]
