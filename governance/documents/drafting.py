"""A stored report drafted as a document, from its text and what the registry holds; and the
version people read, approve and edit from, which is that document's fingerprint.

A draft opens with the statutory checks' findings (marked not for publication); an approved
document carries none. Drafting is pure: the same report and registry give the same document.
"""

from collections.abc import Callable, Sequence

from governance.dates import spoken, today_in_london
from governance.documents.blocks import with_findings
from governance.documents.childrens_yearly_report import childrens_yearly_report_blocks
from governance.documents.committee_report import committee_report_blocks
from governance.documents.model import Block, Document, Findings, Heading, Table
from governance.documents.sab_annual_report import sab_annual_report_blocks
from governance.documents.sab_strategic_plan import sab_strategic_plan_blocks
from governance.lifecycles import ReportState
from governance.partnership.model import PartnershipOnRecord
from governance.reports.catalogue import run_checks
from governance.reports.model import Approval, ReportOnRecord
from governance.vocabulary import ReportKind

Drafter = Callable[[ReportOnRecord, PartnershipOnRecord], list[Block]]

DRAFTERS: dict[ReportKind, Drafter] = {
    ReportKind.SAB_ANNUAL_REPORT: sab_annual_report_blocks,
    ReportKind.SAB_STRATEGIC_PLAN: sab_strategic_plan_blocks,
    ReportKind.CHILDRENS_YEARLY_REPORT: childrens_yearly_report_blocks,
    ReportKind.COMMITTEE_REPORT: committee_report_blocks,
}

FROZEN = (ReportState.APPROVED, ReportState.PUBLISHED, ReportState.DISTRIBUTED)
"""States in which a report is the document its approvers approved: frozen, with its files kept."""


def _subtitle(report: ReportOnRecord, p: PartnershipOnRecord) -> str:
    board = p.board(report.board_key)
    if report.kind is ReportKind.COMMITTEE_REPORT:
        return f"Report to {board.name}"
    year = report.financial_year
    span = f" (1 April {year.starts_on.year} to 31 March {year.ends_on.year})" if year else ""
    return f"{board.name}: {report.kind.value} {report.period}{span}"


def draft_report(report: ReportOnRecord, p: PartnershipOnRecord) -> Document:
    """The restricted document as an approver reads it: every part, and the checks' findings."""
    blocks = DRAFTERS[report.kind](report, p)
    return Document(
        key=report.key,
        title=report.title,
        subtitle=_subtitle(report, p),
        author=p.board(report.board_key).name,
        draft=True,
        blocks=with_findings(blocks, run_checks(report, p), draft=True),
    )


def approved(document: Document, approvals: Sequence[Approval] = ()) -> Document:
    """The document as approved: no longer marked draft, the findings gone, and closing with who
    approved it (or signed it off) and when."""
    blocks: list[Block] = [b for b in document.blocks if not isinstance(b, Findings)]
    if approvals:
        blocks += [
            Heading(level=1, text="Approval"),
            Table(
                caption="Who approved this report, and when",
                header=("Name", "Role", "Approved on"),
                rows=tuple((a.person_name, a.role.value, spoken(today_in_london(a.at))) for a in approvals),
            ),
        ]
    return document.model_copy(update={"draft": False, "blocks": tuple(blocks)})


def stamped(report: ReportOnRecord, p: PartnershipOnRecord, *, frozen_version: str | None) -> ReportOnRecord:
    """The report with the version people read: a report being drafted or reviewed is the fingerprint
    of its drafted document (registry facts drawn into it included); an approved one is the version
    frozen with its approval (or, approved before documents were drafted, its text's)."""
    if report.state in FROZEN:
        approved_as = frozen_version or (report.approvals[-1].version if report.approvals else "")
        return report.model_copy(update={"drafted_as": approved_as})
    return report.model_copy(update={"drafted_as": draft_report(report, p).fingerprint})
