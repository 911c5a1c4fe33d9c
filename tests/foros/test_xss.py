"""Hostile Markdown: posted through the site, stored, rendered. Nothing executable survives."""

import re
import uuid

import html5lib
import pytest

from foros.models import Mensaje

from .conftest import antiguo

PAYLOADS = [
    # Script and style tags
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\n>alert(1)</script\n>",
    "<<script>alert(1);//<</script>",
    "<style>body{display:none}</style>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "`<script>alert(1)</script>` and <script>alert(2)</script>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # Event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    '<a href="https://ok.example" onclick="alert(1)">click</a>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    "<marquee onstart=alert(1)>x</marquee>",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    '<p style="background:url(javascript:alert(1))">x</p>',
    # javascript: and data: links
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "[ref][1]\n\n[1]: data:text/html,<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    # SVG, MathML and embedded documents
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    # Malformed Markdown and entity tricks
    "[a](<javascript:alert(1)>)",
    "**<script>**alert(1)**</script>**",
    "> <script>alert(1)</script>\n> quoted",
    "- item <img src=x onerror=alert(1)>\n- item",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '[x](https://ok.example"onmouseover="alert(1))',
    '<a href="https://ok.example"\nonclick=alert(1)>x</a>',
    "<img src=`x` onerror=`alert(1)`>",
    '<a/href="javascript:alert(1)">x</a>',
]

# Never allowed in a stored post (the allow-list is much shorter still).
PROHIBIDAS_EN_MENSAJE = {"script", "style", "iframe", "svg", "math", "object", "embed", "form", "input", "meta",
                         "base", "link", "img", "video", "source", "marquee", "details", "noscript"}  # fmt: skip
# Never allowed anywhere in a rendered page (except the page's own external scripts).
PROHIBIDAS_EN_PAGINA = {"script", "style", "iframe", "svg", "math", "object", "embed", "base"}


def _problemas(html: str, *, documento: bool = False) -> list[str]:
    """Executable markup found in ``html`` (a stored fragment, or a whole page when ``documento``)."""
    analizar = html5lib.parse if documento else html5lib.parseFragment
    arbol = analizar(html, treebuilder="etree", namespaceHTMLElements=False)
    prohibidas = PROHIBIDAS_EN_PAGINA if documento else PROHIBIDAS_EN_MENSAJE
    problemas = []
    for elemento in arbol.iter():
        etiqueta = elemento.tag if isinstance(elemento.tag, str) else ""
        # The page's own external scripts, and its JSON-LD block: a data block, never executed
        # (a hostile title that broke out of it would show here as another <script>).
        propio = etiqueta == "script" and (
            (elemento.get("src") or "").startswith("/static/") or elemento.get("type") == "application/ld+json"
        )
        if etiqueta in prohibidas and not propio:
            problemas.append(f"<{etiqueta}>")
        for nombre, valor in elemento.attrib.items():
            nombre = nombre.lower()
            if nombre.startswith("on") or nombre in {"style", "srcdoc"}:
                problemas.append(f"{etiqueta}[{nombre}]")
            if nombre in {"href", "src", "action", "formaction", "xlink:href", "data"}:
                # As browsers read URLs (WHATWG): outer spaces and controls trimmed, tabs and newlines removed.
                esquema = re.sub(r"[\t\n\r]", "", valor.strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c")).lower()
                if esquema.startswith(("javascript:", "data:", "vbscript:")):
                    problemas.append(f"{etiqueta}[{nombre}={valor}]")
    return problemas


def test_the_table_has_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_markdown_is_stored_and_rendered_without_executable_markup(client, miembro, tema, payload):
    antiguo(miembro)
    client.force_login(miembro)
    respuesta = client.post(f"/foros/tema/{tema.pk}/responder/", {"fuente": payload, "token": str(uuid.uuid4())})
    assert respuesta.status_code == 302, respuesta.content.decode()[:500]
    mensaje = Mensaje.objects.filter(tema=tema, autor=miembro).get()
    assert _problemas(mensaje.html) == []

    pagina = client.get(tema.get_absolute_url()).content.decode()
    assert _problemas(pagina, documento=True) == []


ORDINARIO = [
    ("[la Red](https://www.redconsorcios.org)", 'href="https://www.redconsorcios.org"'),
    ("[la Red](https://www.redconsorcios.org)", 'rel="nofollow ugc noopener"'),
    ("- uno\n- dos", "<li>uno</li>"),
    ("1. uno\n2. dos", "<ol>"),
    ("*cursiva* y **negrita**", "<em>cursiva</em> y <strong>negrita</strong>"),
    ("`código`", "<code>código</code>"),
    ("```\nprint(1)\n```", "<pre><code>print(1)"),
    ("> una cita", "<blockquote>"),
    ("escriba a [nosotros](mailto:red@example.org)", 'href="mailto:red@example.org"'),
    ("5 < 6 & 7 > 3", "5 &lt; 6 &amp; 7 &gt; 3"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fuente", "esperado"), ORDINARIO)
def test_ordinary_markdown_renders(client, miembro, tema, fuente, esperado):
    antiguo(miembro)
    client.force_login(miembro)
    client.post(f"/foros/tema/{tema.pk}/responder/", {"fuente": fuente, "token": str(uuid.uuid4())})
    mensaje = Mensaje.objects.get(tema=tema, autor=miembro)
    assert esperado in mensaje.html
    assert esperado in client.get(tema.get_absolute_url()).content.decode()
