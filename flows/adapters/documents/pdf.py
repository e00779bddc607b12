"""A document as tagged PDF, printed by WeasyPrint from the same HTML as the web page.

``pdf/ua-1`` (WeasyPrint ≥ 61, checked on 70) tags headings, paragraphs, lists, tables and figures
and sets the title, the language and ``MarkInfo``. Charts stay SVG, so they are vector in the PDF.
WeasyPrint needs Pango at run time: where it is missing, ``PdfUnavailable`` says how to install it.
"""

PDF_VARIANT = "pdf/ua-1"
PANGO = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(RuntimeError):
    """PDF cannot be made on this machine; the message says why in one sentence."""


def _weasyprint():
    try:
        import weasyprint
    except ImportError as error:
        raise PdfUnavailable(f"PDF needs WeasyPrint: pip install weasyprint ({error})") from error
    except OSError as error:  # WeasyPrint loads Pango with ctypes when it is imported
        raise PdfUnavailable(f"PDF needs Pango, which is not installed: {PANGO}") from error
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF of one HTML page (its <title>, lang and author become the PDF's)."""
    weasyprint = _weasyprint()
    return weasyprint.HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
