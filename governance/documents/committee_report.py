"""A report to a council committee in the council's structure (seeds 001 and 003): the cover, then
sections 1–12, section 7's implications numbered 7.1…, the recommendations, the appendices (an
exempt one kept in an exempt part with its Schedule 12A paragraph and public interest test) and the
background documents."""

from governance.dates import spoken
from governance.documents.blocks import figures, written
from governance.documents.model import Block, BulletList, ExemptPart, Fields, Heading, Paragraph
from governance.partnership.model import PartnershipOnRecord
from governance.reports.content import OTHER_IMPLICATIONS, Appendix, CommitteeReportContent
from governance.reports.model import ReportOnRecord
from governance.vocabulary import BoardKind

SECTIONS = (
    "Summary",
    "Background",
    "Other considerations",
    "Financial & resource appraisal",
    "Risk management and governance issues",
    "Legal appraisal",
    "Other implications",
    "Not for publication documents",
    "Options",
    "Recommendations",
    "Appendices",
    "Background documents",
)
"""Sections 1–12, in the council's order and words (seeds 001 and 003)."""

IMPLICATION_HEADINGS = {
    "equality and diversity": "Equality & diversity",
    "sustainability": "Sustainability implications",
    "greenhouse gas emissions": "Greenhouse gas emissions impacts",
    "community safety": "Community safety implications",
    "human rights act": "Human Rights Act",
    "trade union": "Trade union",
    "ward implications": "Ward implications",
    "area committee action plan": "Area Committee action plan implications",
    "corporate parenting": "Implications for corporate parenting",
    "privacy impact assessment": "Issues arising from privacy impact assessment",
}


def committee_report_blocks(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Block]:
    content = report.typed()
    assert isinstance(content, CommitteeReportContent)
    texts = (
        content.summary,
        content.background,
        content.other_considerations,
        content.financial_appraisal,
        content.risk_management,
        content.legal_appraisal,
    )
    blocks: list[Block] = [_cover(report, content, p)]
    for number, text in enumerate(texts, start=1):
        blocks += [_section(number), written(text)]
        if number == 2:
            blocks += figures(p.statistics)
    blocks += [_section(7), *_implications(report, content, p)]
    blocks += [_section(8), written(content.not_for_publication, "None")]
    blocks += [_section(9), written(content.options, "None")]
    blocks += [_section(10), _numbered(content.recommendations, "[No recommendation yet.]")]
    blocks += [_section(11), *_appendices(content.appendices)]
    blocks += [_section(12), _numbered(content.background_documents, "None", ordered=False)]
    return blocks


def _section(number: int) -> Heading:
    return Heading(level=1, number=str(number), text=SECTIONS[number - 1])


def _cover(report: ReportOnRecord, content: CommitteeReportContent, p: PartnershipOnRecord) -> Fields:
    contact = content.contact
    board = p.board(report.board_key)
    return Fields(
        caption="About this report",
        pairs=(
            ("Report of", content.report_of),
            ("To the meeting of", board.name),
            ("To be held on", spoken(report.meeting_on) if report.meeting_on else "not yet fixed"),
            ("Document", content.document_letter),
            ("Subject", content.subject),
            ("Summary statement", content.summary_statement),
            ("Portfolio", content.portfolio),
            (
                "Report contact",
                ", ".join(v for v in (contact.name, contact.role, contact.phone, contact.email) if v),
            ),
            ("Overview & Scrutiny Area", content.overview_scrutiny_area),
        ),
    )


def _implications(
    report: ReportOnRecord, content: CommitteeReportContent, p: PartnershipOnRecord
) -> list[Block]:
    said = {k.strip().lower(): v for k, v in content.other_implications.items()}
    area = p.board(report.board_key).kind is BoardKind.AREA_COMMITTEE
    headings = [h for h in OTHER_IMPLICATIONS if h != "area committee action plan" or area or h in said]
    blocks: list[Block] = []
    for number, heading in enumerate(headings, start=1):
        blocks.append(Heading(level=2, number=f"7.{number}", text=IMPLICATION_HEADINGS[heading]))
        blocks.append(written(said.get(heading, "")))
    return blocks


def _numbered(items: list[str], gap: str, *, ordered: bool = True) -> Block:
    items = [i.strip() for i in items if i.strip()]
    return BulletList(items=tuple(items), ordered=ordered) if items else Paragraph(text=gap)


def _appendices(appendices: list[Appendix]) -> list[Block]:
    if not appendices:
        return [Paragraph(text="None")]
    listed = BulletList(
        items=tuple(
            f"Appendix {a.letter}: {a.title}"
            + (
                f" (not for publication: Schedule 12A paragraph {a.exempt_paragraph})"
                if a.exempt_paragraph
                else ""
            )
            for a in appendices
        ),
        ordered=False,
    )
    blocks: list[Block] = [listed]
    for a in appendices:
        title = f"Appendix {a.letter}: {a.title}"
        if a.exempt_paragraph:
            blocks.append(
                ExemptPart(
                    title=title,
                    paragraph=a.exempt_paragraph,
                    public_interest_test=a.public_interest_test,
                    blocks=(Heading(level=2, text=title), written(a.text)),
                )
            )
        elif a.text.strip():
            blocks += [Heading(level=2, text=title), Paragraph(text=a.text.strip())]
    return blocks
