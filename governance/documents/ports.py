"""What the document use cases need from outside the domain: a renderer that turns a document into
a file's bytes, and a checker that says what keeps a file from being accessible. The renderers and
checkers are adapters (``flows/adapters/documents``); tests give simple fakes."""

from typing import Literal, Protocol

from governance.documents.model import Document

Format = Literal["html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf")
STATEMENT = "accessibility statement"
"""The format name under which a publication's accessibility statement page (HTML) is kept."""


class DocumentRenderer(Protocol):
    def render(self, document: Document, fmt: Format) -> bytes:
        """The document as a file of that format (HTML, Word or tagged PDF)."""


class AccessibilityChecker(Protocol):
    def check(self, fmt: str, content: bytes) -> list[str]:
        """What keeps the file from meeting WCAG 2.2 AA, in words; empty when it passes."""
