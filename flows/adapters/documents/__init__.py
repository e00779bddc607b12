"""Renderers of documents (``governance.documents.model.Document``) to accessible HTML, Word and
tagged PDF, and the accessibility checks a publication must pass."""

from flows.adapters.documents.accessibility import AccessibilityChecker
from flows.adapters.documents.pdf import PdfUnavailable
from flows.adapters.documents.render import DocumentRenderer, Format, file_name, render_all

__all__ = ["AccessibilityChecker", "DocumentRenderer", "Format", "PdfUnavailable", "file_name", "render_all"]
