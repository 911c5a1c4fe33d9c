"""The portal's own pages say what the founding report says, in Spanish, Portuguese and English."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

PAGINAS = ["portada", "acerca", "privacidad"]


def _pagina(client, nombre: str, idioma: str) -> str:
    with translation.override(idioma):
        url = reverse(nombre)
    respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    return respuesta.content.decode()


def _texto(fragmento: str) -> str:
    """Visible text of an HTML fragment: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragmento)).split())


def _titulos(pagina: str) -> list[str]:
    """Texts of the page's <h1> and <h2> elements, in document order."""
    return [_texto(t) for _nivel, t in re.findall(r"<h([12])[^>]*>(.*?)</h\1>", pagina, flags=re.S)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("idioma", "frases"),
    [
        (
            "es",
            [
                "Consorcios de exportación y consorcios de origen",
                "productos complementarios",
                "consorcios de promoción y consorcios de ventas",
                "monosectorial",
                "alianza voluntaria",
                "La marca colectiva",
                "la marca de certificación",
                "las indicaciones geográficas",
                "la denominación de origen",
            ],
        ),
        (
            "pt",
            [
                "Consórcios de exportação e consórcios de origem",
                "produtos complementares",
                "consórcios de promoção e consórcios de vendas",
                "monossetorial",
                "aliança voluntária",
                "A marca coletiva",
                "a marca de certificação",
                "as indicações geográficas",
                "a denominação de origem",
            ],
        ),
        (
            "en",
            [
                "Export consortia and origin consortia",
                "complementary products",
                "promotional consortia and sales consortia",
                "single-sector",
                "voluntary alliance",
                "A collective mark",
                "a certification mark",
                "geographical indications",
                "a denomination of origin",
            ],
        ),
    ],
)
def test_home_explains_export_and_origin_consortia_in_every_language(client, idioma, frases):
    texto = _texto(_pagina(client, "portada", idioma))
    for frase in frases:
        assert frase in texto, frase
    for ejemplo in ["Pisco", "Tequila", "Montecristi", "Gruyère", "Prosciutto Toscano"]:
        assert ejemplo in texto, ejemplo


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("idioma", "promotores"),
    [
        ("es", "La Organización de las Naciones Unidas para el Desarrollo Industrial (ONUDI) lidera y coordina la Red"),
        ("pt", "A Organização das Nações Unidas para o Desenvolvimento Industrial (ONUDI) lidera e coordena a Rede"),
        ("en", "The United Nations Industrial Development Organization (UNIDO) leads and coordinates the Network"),
    ],
)
def test_home_says_who_promotes_the_network_and_figures_from_the_report(client, idioma, promotores):
    texto = _texto(_pagina(client, "portada", idioma))
    assert promotores in texto
    assert "(SELA)" in texto
    assert "(Federexport)" in texto
    for cifra in ["548", "2300", "240"]:
        assert cifra in texto


@pytest.mark.django_db
@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
def test_home_leads_a_visitor_to_signup_then_the_registration_form(client, idioma):
    pagina = _pagina(client, "portada", idioma)
    with translation.override(idioma):
        alta, entrar, acerca = reverse("account_signup"), reverse("account_login"), reverse("acerca")
        registrar, foros = reverse("consorcios:registrar"), reverse("foros:indice")
    assert f'href="{alta}?next={registrar}"' in pagina
    assert f'href="{entrar}?next={foros}"' in pagina
    assert f'href="{acerca}"' in pagina


@pytest.mark.django_db
@pytest.mark.parametrize("idioma", ["es", "pt", "en"])
def test_home_offers_a_member_the_registration_form_and_no_signup_or_login(cliente_promotor, idioma):
    pagina = _pagina(cliente_promotor, "portada", idioma)
    with translation.override(idioma):
        alta, entrar, registrar = reverse("account_signup"), reverse("account_login"), reverse("consorcios:registrar")
    assert pagina.count(f'href="{registrar}"') == 2
    assert alta not in pagina and f'href="{entrar}' not in pagina


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("idioma", "onudi", "papeles"),
    [
        ("es", "ONUDI", "El papel de la ONUDI, el SELA y Federexport"),
        ("pt", "ONUDI", "O papel da ONUDI, do SELA e da Federexport"),
        ("en", "UNIDO", "The roles of UNIDO, SELA and Federexport"),
    ],
)
def test_about_names_unido_sela_and_federexport_and_their_roles(client, idioma, onudi, papeles):
    pagina = _pagina(client, "acerca", idioma)
    texto = _texto(pagina)
    assert papeles in _titulos(pagina)
    for nombre in [onudi, "SELA", "Federexport"]:
        assert nombre in texto
    for sigla in ["MIPRO", "ProEcuador", "INTA", "FIBL", "IEPI", "INDECOPI", "Agrorural", "Conexport", "DINAPYME"]:
        assert f"<dt>{sigla}</dt>" in pagina, sigla


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("idioma", "compromisos"),
    [
        ("es", ["base de datos", "biblioteca virtual", "foros", "boletines informativos", "seminario regional"]),
        ("pt", ["banco de dados", "biblioteca virtual", "fóruns", "boletins informativos", "seminário regional"]),
        ("en", ["database", "virtual library", "forums", "newsletter", "regional seminar"]),
    ],
)
def test_about_lists_the_commitments_of_the_network(client, idioma, compromisos):
    texto = _texto(_pagina(client, "acerca", idioma))
    for compromiso in compromisos:
        assert compromiso in texto, compromiso


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("idioma", "frases"),
    [
        ("es", ["consentimiento", "no recibes ninguna cookie", "rectificación", "Ley 25.326", "Ley 1581"]),
        ("pt", ["consentimento", "não recebe nenhum cookie", "retificação", "Lei 25.326", "Lei 1581"]),
        ("en", ["consent", "you get no cookies", "rectification", "Law 25.326", "Law 1581"]),
    ],
)
def test_privacy_page_mentions_lgpd_consent_and_rights(client, idioma, frases):
    texto = _texto(_pagina(client, "privacidad", idioma))
    for frase in ["LGPD", "LOPDP", *frases]:
        assert frase in texto, frase


@pytest.mark.django_db
@pytest.mark.parametrize("nombre", PAGINAS)
@pytest.mark.parametrize("idioma", ["pt", "en"])
def test_portuguese_and_english_pages_have_no_spanish_headings_left(client, nombre, idioma):
    en_espanol = _titulos(_pagina(client, nombre, "es"))
    traducidos = _titulos(_pagina(client, nombre, idioma))
    assert len(traducidos) == len(en_espanol) > 1
    for original, traducido in zip(en_espanol, traducidos, strict=True):
        assert traducido != original, traducido
