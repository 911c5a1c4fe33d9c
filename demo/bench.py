"""The page types of the benchmark. Each entry: nombre, ruta, privada (logged-in).

Routes that need a row (a consortium, the topic with 50 posts) are looked up in the
benchmark database, so this is called from ``manage.py paginas_bench``.
"""

from __future__ import annotations

from urllib.parse import urlencode

# Three filters on the consortium list and two on the map: kind, country and sector.
FILTROS_LISTA = {"tipo": "origen", "pais": "PE", "sector": "cafe-y-cacao"}
FILTROS_MAPA = {"tipo": "origen", "pais": "PE"}
# Library searches: a word in most documents, a word in one in two thousand, a phrase, and two
# frequent words together.
PALABRA_FRECUENTE = "consorcio"
PALABRA_RARA = "tagua"
FRASE = '"consorcios de origen"'
DOS_PALABRAS = "consorcios exportación"


def paginas() -> list[dict]:
    from consorcios.models import Consorcio
    from demo.sinteticos.foros import tema_de_referencia
    from miembros.models import Institucion, Perfil
    from oportunidades.models import Oportunidad

    # A consortium with firms, yearly figures and milestones (the fullest detail page).
    consorcio = (
        Consorcio.objects.publicados()
        .filter(indicadores__isnull=False, actividades__isnull=False)
        .order_by("pk")
        .first()
    ) or Consorcio.objects.publicados().order_by("pk").first()
    tema = tema_de_referencia()
    lista = [
        {"nombre": "inicio", "ruta": "/"},
        {"nombre": "consorcios: lista", "ruta": "/consorcios/"},
        {"nombre": "consorcios: lista con 3 filtros", "ruta": f"/consorcios/?{urlencode(FILTROS_LISTA)}"},
    ]
    if consorcio is not None:
        lista.append({"nombre": "consorcio: ficha", "ruta": consorcio.get_absolute_url()})
    # The JSON API: never from the page cache (its SQL is counted in every pass, bench/run.py).
    lista.append({"nombre": "API: consorcios", "ruta": "/api/v1/consorcios/", "api": True})
    if consorcio is not None:
        lista.append({"nombre": "API: consorcio", "ruta": f"/api/v1/consorcios/{consorcio.slug}/", "api": True})
    # The network: institutions and promoters, their profiles, "Únete".
    institucion = Institucion.objects.miembros().filter(consorcios_promovidos__isnull=False).order_by("pk").first()
    promotor = Perfil.objects.publicos().filter(usuario__consorcios__isnull=False).order_by("pk").first()
    promotor = promotor or Perfil.objects.publicos().order_by("pk").first()
    lista.append({"nombre": "red: instituciones", "ruta": "/red/instituciones/"})
    if institucion is not None:
        lista.append({"nombre": "red: institución", "ruta": institucion.get_absolute_url()})
    lista.append({"nombre": "red: promotores", "ruta": "/red/promotores/"})
    if promotor is not None:
        lista.append({"nombre": "red: promotor/a", "ruta": promotor.get_absolute_url()})
    lista.append({"nombre": "red: únete", "ruta": "/red/unete/"})
    oportunidad = Oportunidad.objects.publicadas().order_by("pk").first()
    lista.append({"nombre": "oportunidades: lista", "ruta": "/oportunidades/"})
    if oportunidad is not None:
        lista.append({"nombre": "oportunidad: ficha", "ruta": oportunidad.get_absolute_url()})
        lista.append({"nombre": "API: oportunidades", "ruta": "/api/v1/oportunidades/", "api": True})
    lista += [
        {"nombre": "mapa GeoJSON: todos", "ruta": "/consorcios/mapa.geojson"},
        {"nombre": "mapa GeoJSON: filtrado", "ruta": f"/consorcios/mapa.geojson?{urlencode(FILTROS_MAPA)}"},
        {"nombre": "biblioteca: palabra frecuente", "ruta": f"/biblioteca/?{urlencode({'q': PALABRA_FRECUENTE})}"},
        {"nombre": "biblioteca: palabra rara", "ruta": f"/biblioteca/?{urlencode({'q': PALABRA_RARA})}"},
        {"nombre": "biblioteca: frase", "ruta": f"/biblioteca/?{urlencode({'q': FRASE})}"},
        {"nombre": "biblioteca: dos palabras frecuentes", "ruta": f"/biblioteca/?{urlencode({'q': DOS_PALABRAS})}"},
        {"nombre": "foros: índice", "ruta": "/foros/"},
    ]
    if tema is not None:
        lista.append({"nombre": "foros: tema de 50 mensajes", "ruta": tema.get_absolute_url()})
    # A member's pages: never from the page cache (the target: ≥ 10 % of the floor).
    lista.append({"nombre": "perfil (con sesión)", "ruta": "/miembros/perfil/", "privada": True})
    lista.append({"nombre": "mi red (con sesión)", "ruta": "/mi-red/", "privada": True})
    lista.append({"nombre": "conversaciones (con sesión)", "ruta": "/conversaciones/", "privada": True})
    if tema is not None:
        lista.append(
            {"nombre": "foros: tema de 50 mensajes (con sesión)", "ruta": tema.get_absolute_url(), "privada": True}
        )
    return lista
