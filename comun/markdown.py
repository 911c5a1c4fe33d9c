"""User Markdown to safe HTML, once, at write time.

Raw HTML in the source is escaped (never passed through), the result is then
cleaned by nh3 with a short allow-list, and links get rel="nofollow ugc noopener".
Store the returned HTML; never render Markdown per request.
"""

import markdown as md
import nh3

ETIQUETAS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ATRIBUTOS = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ESQUEMAS = {"http", "https", "mailto"}


class _SinHtml(md.Extension):
    """Drop python-markdown's raw-HTML processors so "<script>" stays text."""

    def extendMarkdown(self, markdown: md.Markdown) -> None:
        markdown.preprocessors.deregister("html_block")
        markdown.inlinePatterns.deregister("html")


def a_html(fuente: str) -> str:
    html = md.markdown(fuente or "", extensions=[_SinHtml(), "fenced_code", "tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=ETIQUETAS,
        attributes=ATRIBUTOS,
        url_schemes=ESQUEMAS,
        link_rel="nofollow ugc noopener",
    )
