"""A link to any page, shared, shows a title, a description and a preview image (OpenGraph, Twitter card)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from PIL import Image

RAIZ = Path(__file__).resolve().parents[2]


def etiquetas(html: str) -> dict[str, list[str]]:
    encontradas: dict[str, list[str]] = {}
    for clave, valor in re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">', html):
        encontradas.setdefault(clave, []).append(valor)
    return encontradas


@pytest.mark.parametrize(
    ("url", "tipo", "imagen"),
    [
        ("/", "website", "/static/img/og/red.png"),
        ("/consorcios/", "website", "/static/img/og/consorcios.png"),
        ("/consorcios/nativa/", "profile", "/static/img/og/consorcios.png"),
        ("/biblioteca/documentos/ley-29733/", "article", "/static/img/og/biblioteca.png"),
        ("/biblioteca/noticias/nace/", "article", "/static/img/og/biblioteca.png"),
        ("/biblioteca/eventos/quito/", "website", "/static/img/og/biblioteca.png"),
        ("/foros/", "website", "/static/img/og/foros.png"),
        ("/datos-abiertos/", "website", "/static/img/og/datos.png"),
        ("/acerca/", "website", "/static/img/og/red.png"),
    ],
)
def test_every_page_type_has_opengraph_and_twitter_tags_with_absolute_urls(client, contenido, url, tipo, imagen):
    html = client.get(url).content.decode()
    og = etiquetas(html)
    for propiedad in ["og:title", "og:description", "og:url", "og:type", "og:image", "og:locale", "og:site_name"]:
        assert len(og.get(propiedad, [])) == 1, (url, propiedad)
    assert og["og:type"] == [tipo]
    assert og["og:url"] == [settings.SITE_URL + url]
    assert og["og:image"] == [settings.SITE_URL + imagen]
    assert og["og:locale"] == ["es_LA"]
    assert sorted(og["og:locale:alternate"]) == ["en_US", "pt_BR"]
    assert og["twitter:card"] == ["summary_large_image"]


def test_a_page_shares_its_own_title_and_in_its_language(client, contenido):
    og = etiquetas(client.get("/pt/consorcios/nativa/").content.decode())
    assert og["og:title"] == ["Consorcio Nativa Ecuador"]
    assert og["og:url"] == [settings.SITE_URL + "/pt/consorcios/nativa/"]
    assert og["og:locale"] == ["pt_BR"]
    assert og["og:description"] == ["Plantas nativas para té"]


def test_a_consortium_with_a_logo_shares_its_logo(client, contenido):
    from django.core.files.base import ContentFile

    from .test_json_ld import png

    contenido["consorcio"].logo.save("logo.png", ContentFile(png()))
    og = etiquetas(client.get("/consorcios/nativa/").content.decode())
    assert og["og:image"][0].startswith(settings.SITE_URL + settings.MEDIA_URL + "consorcios/logos/")
    assert client.get(urlsplit(og["og:image"][0]).path).status_code == 200


@pytest.mark.parametrize("nombre", ["red", "consorcios", "biblioteca", "foros", "datos"])
def test_each_default_preview_image_is_a_1200_by_630_png(nombre):
    with Image.open(RAIZ / "static" / "img" / "og" / f"{nombre}.png") as imagen:
        assert imagen.format == "PNG"
        assert imagen.size == (1200, 630)
