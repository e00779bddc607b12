"""The children's safeguarding partnership's yearly report (Working Together 2023; seed 003 §6.4),
drafted from its text and the registry: a part per item Working Together asks for, the practice
reviews of the year named from the reviews register, the figures, and the sign-off by the lead
safeguarding partners."""

from governance.documents.blocks import day, figures, written
from governance.documents.model import Block, Heading, Paragraph, Table
from governance.partnership.model import PartnershipOnRecord
from governance.reports.approvals import approvals_required
from governance.reports.childrens_checks import PARTS, practice_reviews_of_the_year
from governance.reports.content import ChildrensYearlyReportContent
from governance.reports.model import ReportOnRecord
from governance.vocabulary import Role


def childrens_yearly_report_blocks(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Block]:
    content = report.typed()
    assert isinstance(content, ChildrensYearlyReportContent)
    board = p.board(report.board_key)
    blocks: list[Block] = [
        Heading(level=1, text="About this report"),
        Paragraph(
            text=f"The safeguarding partners of {board.name} publish this report on the year {report.period}, "
            "as Working Together to Safeguard Children 2023 asks: what they did as a result of the "
            "arrangements, and how effective the arrangements were."
        ),
    ]
    for field, label, _ in PARTS:
        blocks.append(Heading(level=1, text=label))
        blocks.append(written(getattr(content, field)))
        if field == "practice_reviews":
            blocks.append(_reviews_table(report, p))
    if charts := figures(p.statistics):
        blocks += [Heading(level=1, text="Figures"), *charts]
    blocks += [Heading(level=1, text="Sign-off by the lead safeguarding partners"), _sign_off(report, p)]
    return blocks


def _reviews_table(report: ReportOnRecord, p: PartnershipOnRecord) -> Block:
    reviews = practice_reviews_of_the_year(report, p)
    if not reviews:
        return Paragraph(text="The reviews register holds no practice review open during the year.")
    return Table(
        caption=f"Practice reviews and serious incidents open during {report.period}, from the reviews register",
        header=("Reference", "Kind", "Started", "Concluded", "Published"),
        rows=tuple(
            (
                r.reference,
                r.kind.value,
                day(r.initiated_on or r.became_aware_on),
                day(r.concluded_on, "not yet"),
                day(r.published_on, "not yet"),
            )
            for r in reviews
        ),
    )


def _sign_off(report: ReportOnRecord, p: PartnershipOnRecord) -> Table:
    """Who signs the report off: the lead safeguarding partner of each statutory partner, named from
    the registry. When they signed is kept with their approvals, not in the text they approve."""
    rows = []
    for requirement in approvals_required(report, p):
        holders = [
            person
            for person in p.holders(Role.LEAD_SAFEGUARDING_PARTNER, report.board_key)
            if person.agency_key == requirement.agency_key
        ]
        agency = next((a.name for a in p.agencies if a.key == requirement.agency_key), "")
        rows.append((agency, ", ".join(h.name for h in holders) or "No lead partner on record"))
    return Table(
        caption="The lead safeguarding partners who sign off this report, by statutory partner",
        header=("Statutory partner", "Lead safeguarding partner"),
        rows=tuple(rows),
    )
