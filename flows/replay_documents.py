"""The documents a replay attaches: each one drafted and rendered as HTML, and typeset only if asked.

A board pack or a plan's monthly summary goes out as a PDF. Typesetting one takes about a second,
and a year has some thirty of them. The other cycles of a whole year replay in less time than that.
So by default the replay drafts each document from the copy and renders its HTML, which is where a
document that cannot be made fails. Then it attaches a one-page PDF naming the document instead of
typesetting it. ``govern replay --typeset`` typesets each one, as the live run does.
"""

from html import escape

from flows.adapters.documents.html import render_html
from flows.adapters.documents.pdf import html_to_pdf
from flows.adapters.documents.render import DocumentRenderer, Format
from governance.documents.model import Document

STAND_IN = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1>
<p>Drafted in a replay and not typeset: this page stands in for the PDF the live run would attach
({size:,} characters of HTML). Replay with <code>--typeset</code> to typeset it.</p></body></html>"""


class ReplayDocuments:
    """``DocumentRenderer``'s interface. Every document is drafted and rendered as HTML; a PDF is
    typeset only when ``typeset`` is set, and is otherwise a page that names it."""

    def __init__(self, *, typeset: bool = False) -> None:
        self.typeset = typeset
        self.drafted = 0
        self._real = DocumentRenderer()

    def render(self, document: Document, format: Format | str) -> bytes:
        self.drafted += 1
        if self.typeset or Format(format) is not Format.PDF:
            return self._real.render(document, format)
        html = render_html(document)
        return html_to_pdf(STAND_IN.format(title=escape(document.title), size=len(html)))

    def render_all(self, document: Document) -> dict[Format, bytes]:
        self.drafted += 1
        return self._real.render_all(document)
