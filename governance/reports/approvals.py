"""Who must approve each kind of report. An approval counts only for the version it was given to."""

from pydantic import BaseModel, ConfigDict

from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.reports.model import Approval, ReportOnRecord
from governance.vocabulary import ReportKind, Role


class Requirement(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: Role
    board_key: str | None
    agency_key: str | None = None
    label: str

    def met_by(self, approval: Approval) -> bool:
        return approval.role is self.role and (
            self.agency_key is None or approval.agency_key == self.agency_key
        )

    def can_be_met_by(self, person: PersonOnRecord) -> bool:
        return person.holds_on(self.role, self.board_key) and (
            self.agency_key is None or person.agency_key == self.agency_key
        )


def approvals_required(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Requirement]:
    """SAB reports and plans: the board's independent chair. The children's yearly report: the lead
    safeguarding partner of each statutory partner. A committee report: the business manager."""
    board = p.board(report.board_key)
    if report.kind in (ReportKind.SAB_ANNUAL_REPORT, ReportKind.SAB_STRATEGIC_PLAN):
        return [
            Requirement(
                role=Role.INDEPENDENT_CHAIR,
                board_key=board.key,
                label=f"the independent chair of {board.short_name}",
            )
        ]
    if report.kind is ReportKind.CHILDRENS_YEARLY_REPORT:
        return [
            Requirement(
                role=Role.LEAD_SAFEGUARDING_PARTNER,
                board_key=board.key,
                agency_key=a.key,
                label=f"the lead safeguarding partner for {a.name}",
            )
            for a in p.agencies
            if a.statutory_partner
        ]
    return [Requirement(role=Role.BUSINESS_MANAGER, board_key=None, label="the business manager")]


def outstanding_approvals(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Requirement]:
    current = report.current_approvals()
    return [r for r in approvals_required(report, p) if not any(r.met_by(a) for a in current)]


def requirement_met_by(
    person: PersonOnRecord, report: ReportOnRecord, p: PartnershipOnRecord
) -> Requirement | None:
    """The outstanding approval ``person`` can give, if any."""
    return next((r for r in outstanding_approvals(report, p) if r.can_be_met_by(person)), None)
