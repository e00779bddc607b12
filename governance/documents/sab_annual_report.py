"""The SAB annual report, drafted from the report's text and the registry: a part per item of Care
Act 2014 Sch 2 para 4(1), (c) by member agency, (d)–(g) from the reviews register, the figures, who
it is sent to under para 4(2) and when, and how to ask for it in another format."""

from governance.documents.blocks import day, figures, written
from governance.documents.model import Block, BulletList, Heading, Paragraph, Table
from governance.partnership.model import PartnershipOnRecord
from governance.reports import sab_register as register
from governance.reports.content import SabAnnualReportContent
from governance.reports.model import RECIPIENTS, ReportOnRecord

NOT_YET_RECEIVED = "Not yet received"


def sab_annual_report_blocks(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Block]:
    content = report.typed()
    assert isinstance(content, SabAnnualReportContent)
    board = p.board(report.board_key)
    return [
        Heading(level=1, text="About this report"),
        Paragraph(
            text=f"{board.name} publishes this report for the financial year {report.period}, as the "
            "Care Act 2014 Schedule 2 paragraph 4 requires. Each part below answers one item the Act lists."
        ),
        Heading(level=1, number="(a)", text="What the Board did to achieve its objective"),
        written(content.objective),
        Heading(level=1, number="(b)", text="What the Board did to implement its strategy"),
        written(content.strategy),
        Heading(level=1, number="(c)", text="What each member did to implement the strategy"),
        _members(report, content, p),
        Heading(level=1, number="(d)", text="Safeguarding adults reviews concluded in the year"),
        *_concluded(report, content, p),
        Heading(level=1, number="(e)", text="Safeguarding adults reviews ongoing at the end of the year"),
        *_ongoing(report, p),
        Heading(level=1, number="(f)", text="What the Board did to implement the findings of its reviews"),
        written(content.implementing_findings),
        *_decisions(report, p),
        Heading(level=1, number="(g)", text="Findings the Board decided not to implement, and why"),
        *_not_implemented(report, content, p),
        *_figures(p),
        Heading(level=1, text="Who this report is sent to"),
        _distribution(report),
        Heading(level=1, text="This report in other formats"),
        written(content.alternative_formats),
    ]


def _members(report: ReportOnRecord, content: SabAnnualReportContent, p: PartnershipOnRecord) -> Table:
    said = content.member_contributions
    return Table(
        caption="What each member of the Board did to implement the strategy, by member agency",
        header=("Member agency", "What it did"),
        rows=tuple(
            (a.name, said.get(a.key, "").strip() or NOT_YET_RECEIVED)
            for a in p.member_agencies(report.board_key)
        ),
    )


def _concluded(
    report: ReportOnRecord, content: SabAnnualReportContent, p: PartnershipOnRecord
) -> list[Block]:
    reviews = register.concluded_in_the_year(report, p)
    if not reviews:
        return [Paragraph(text="No safeguarding adults review was concluded in the year.")]
    blocks: list[Block] = []
    for review in reviews:
        blocks.append(
            Heading(level=2, text=f"{review.reference}{': ' + review.title if review.title else ''}")
        )
        blocks.append(Paragraph(text=f"Concluded on {day(review.concluded_on)}."))
        if text := content.concluded_reviews.get(review.reference, "").strip():
            blocks.append(Paragraph(text=text))
        if review.findings:
            blocks.append(
                BulletList(
                    items=tuple(f"Finding {f.number}: {f.text}" for f in review.findings), ordered=False
                )
            )
    return blocks


def _ongoing(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Block]:
    reviews = register.ongoing_at_the_year_end(report, p)
    if not reviews:
        return [Paragraph(text="No safeguarding adults review was ongoing at the end of the year.")]
    return [
        BulletList(
            items=tuple(f"{r.reference}, initiated on {day(r.initiated_on)}" for r in reviews), ordered=False
        )
    ]


def _decisions(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Block]:
    rows = tuple(
        (f"{r.reference}/{f.number}", f.text, f.decision.value, day(f.decided_on, "not yet decided"))
        for r in register.sars(report, p)
        for f in r.findings
    )
    if not rows:
        return []
    return [
        Table(
            caption="The Board's decisions on the findings of its reviews, as the reviews register holds them",
            header=("Finding", "What it says", "Decision", "Decided on"),
            rows=rows,
        )
    ]


def _not_implemented(
    report: ReportOnRecord, content: SabAnnualReportContent, p: PartnershipOnRecord
) -> list[Block]:
    items = register.not_implemented_in_the_year(report, content, p)
    if not items:
        return [Paragraph(text="The Board did not decide in the year against implementing any finding.")]
    return [
        Table(
            caption="Findings the Board decided in the year not to implement, with its reasons",
            header=("Finding", "What it says", "Decided on", "Reasons"),
            rows=tuple(
                (i.key, i.finding.text, day(i.finding.decided_on), i.reason or "[Not yet written.]")
                for i in items
            ),
        )
    ]


def _figures(p: PartnershipOnRecord) -> list[Block]:
    blocks = figures(p.statistics)
    return [Heading(level=1, text="Figures"), *blocks] if blocks else []


def _distribution(report: ReportOnRecord) -> Table:
    sent = {d.recipient: d for d in report.dispatches}
    return Table(
        caption="Who the report is sent to under the Care Act 2014 Schedule 2 paragraph 4(2), and when",
        header=("Recipient", "Sent to", "Sent on"),
        rows=tuple(
            (r.value, sent[r].sent_to, day(sent[r].sent_on)) if r in sent else (r.value, "Not yet sent", "")
            for r in RECIPIENTS[report.kind]
        ),
    )
