"""One source, three outputs: a document rendered as HTML, Word and PDF, named as the files are.

The renderer renders the document it is given, for the audience that document says. The public
version is ``document.public()``, made in the domain, so no renderer can let an exempt part through.
"""

from enum import StrEnum

from flows.adapters.documents.html import render_html
from flows.adapters.documents.pdf import html_to_pdf
from flows.adapters.documents.word import render_docx
from governance.documents.model import Audience, Document


class Format(StrEnum):
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]


MEDIA_TYPES = {
    Format.HTML: "text/html; charset=utf-8",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
}


def file_name(document: Document, format: Format) -> str:
    """``<key>.<ext>`` for the public version, ``<key>-restricted.<ext>`` for the restricted one."""
    suffix = "-restricted" if document.audience is Audience.RESTRICTED else ""
    return f"{document.key}{suffix}.{Format(format).value}"


class DocumentRenderer:
    """Renders a document in one format, or in all three (the HTML is made once and printed to PDF)."""

    def render(self, document: Document, format: Format | str) -> bytes:
        match Format(format):
            case Format.HTML:
                return render_html(document).encode("utf-8")
            case Format.DOCX:
                return render_docx(document)
            case Format.PDF:
                return html_to_pdf(render_html(document))

    def render_all(self, document: Document) -> dict[Format, bytes]:
        return render_all(document)


def render_all(document: Document) -> dict[Format, bytes]:
    """HTML, Word and PDF of one document."""
    html = render_html(document)
    return {
        Format.HTML: html.encode("utf-8"),
        Format.DOCX: render_docx(document),
        Format.PDF: html_to_pdf(html),
    }
