"""User Markdown to safe HTML, once, at write time.

markdown-it-py (CommonMark, plus tables) renders in time linear in the
length of its input: python-markdown's inline patterns cost the square of it (issue 23: 19,000
``[`` kept a worker busy for 30 s). Raw HTML in the source is escaped (never passed through),
bare addresses (``https://…``, ``www.…``) become links (linkify-it-py), and the result is then
cleaned by nh3 with a short allow-list, links getting rel="nofollow ugc noopener".
Store the returned HTML; never render Markdown per request.
"""

import nh3
from markdown_it import MarkdownIt

ETIQUETAS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ATRIBUTOS = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ESQUEMAS = {"http", "https", "mailto"}

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": True})
    .enable(["table", "linkify"])
    # No raw HTML; no images either: nh3 would drop <img> (no hot-linked pictures in posts), so
    # "![plan](https://…)" is better shown as "!" and a link to the picture.
    .disable(["html_block", "html_inline", "image"])
)
# Bare addresses are found once per text node after parsing (the core rule). The inline rule,
# which looks for them while parsing, searches all the pending text again at each "://" and
# costs the square of the length on inputs like "<http://<http://…" (markdown-it-py 4.3).
_md.inline.ruler.disable(["linkify"])


def a_html(fuente: str) -> str:
    return nh3.clean(
        _md.render(fuente or "").strip(),
        tags=ETIQUETAS,
        attributes=ATRIBUTOS,
        url_schemes=ESQUEMAS,
        link_rel="nofollow ugc noopener",
    )
