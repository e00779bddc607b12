"""The accessibility statement page published with a report (Public Sector Bodies (Websites and
Mobile Applications) Accessibility Regulations 2018, SI 2018/952, reg 8)."""

from datetime import date

from governance.dates import spoken
from governance.documents.model import Audience, BulletList, Document, Heading, Paragraph
from governance.partnership.model import PartnershipOnRecord
from governance.reports.model import ReportOnRecord

FORMAT_NAMES = {"html": "a web page (HTML)", "docx": "a Word document", "pdf": "a tagged PDF"}


def accessibility_statement(
    report: ReportOnRecord, p: PartnershipOnRecord, *, checked_on: date, formats: tuple[str, ...]
) -> Document:
    """What the public is told about the accessibility of a published report, and how to ask for it
    in another format or report a problem."""
    manager = p.business_manager()
    alternative = str(report.content.get("alternative_formats") or "").strip()
    return Document(
        key=f"{report.key}-accessibility-statement",
        title=f"Accessibility statement: {report.title}",
        author=p.board(report.board_key).name,
        audience=Audience.PUBLIC,
        draft=False,
        blocks=(
            Heading(level=1, text="How accessible this document is"),
            Paragraph(
                text=f"We publish this document as {', '.join(FORMAT_NAMES.get(f, f) for f in formats)}. "
                "Each was made from one source, with headings, table headers, a title, its language and "
                "a text alternative and a data table for every chart, to meet the Web Content "
                f"Accessibility Guidelines (WCAG) 2.2 at level AA. Each file was checked on {spoken(checked_on)} "
                "before it was published, and passed."
            ),
            Heading(level=1, text="Other formats"),
            Paragraph(
                text=alternative
                or f"Ask {manager.name}, the Safeguarding Business Unit, for an easy-read, large-print or "
                "translated version."
            ),
            Heading(level=1, text="Reporting accessibility problems"),
            Paragraph(
                text=f"If you find a problem not listed here, or cannot use this document, write to "
                f"{manager.name} at {manager.email}. We reply within 10 working days."
            ),
            Heading(level=1, text="Enforcement procedure"),
            Paragraph(
                text="The Equality and Human Rights Commission enforces the accessibility regulations. If you "
                "are not happy with how we respond, contact the Equality Advisory and Support Service (EASS)."
            ),
            Heading(level=1, text="Technical information"),
            BulletList(
                items=(
                    "The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
                    "Regulations 2018 (SI 2018/952)",
                    "Web Content Accessibility Guidelines version 2.2, level AA",
                ),
            ),
        ),
    )
