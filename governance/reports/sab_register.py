"""What the reviews register says for a SAB annual report's year: the SARs concluded in it, those
ongoing at its end, and the decisions in it not to implement a finding, with their reasons.

The statutory checks and the drafted document both read these, so a report is checked against what
it will say: a reason the register holds fills para 4(1)(g) without being typed again.
"""

from pydantic import BaseModel, ConfigDict

from governance.partnership.model import (
    CaseReviewOnRecord,
    FindingDecision,
    PartnershipOnRecord,
    ReviewFinding,
    ReviewKind,
)
from governance.reports.content import SabAnnualReportContent
from governance.reports.model import ReportOnRecord


class FindingNotImplemented(BaseModel):
    model_config = ConfigDict(frozen=True)

    review: CaseReviewOnRecord
    finding: ReviewFinding
    reason: str
    """The report's own words where it gives them, else the reason the register holds."""

    @property
    def key(self) -> str:
        return f"{self.review.reference}/{self.finding.number}"


def sars(report: ReportOnRecord, p: PartnershipOnRecord) -> list[CaseReviewOnRecord]:
    return [
        r
        for r in p.case_reviews
        if r.kind is ReviewKind.SAFEGUARDING_ADULTS_REVIEW and r.board_key == report.board_key
    ]


def concluded_in_the_year(report: ReportOnRecord, p: PartnershipOnRecord) -> list[CaseReviewOnRecord]:
    year = report.financial_year
    if year is None:
        return []
    return [r for r in sars(report, p) if r.concluded_in(year.starts_on, year.ends_on)]


def ongoing_at_the_year_end(report: ReportOnRecord, p: PartnershipOnRecord) -> list[CaseReviewOnRecord]:
    year = report.financial_year
    if year is None:
        return []
    return [r for r in sars(report, p) if r.ongoing_on(year.ends_on)]


def not_implemented_in_the_year(
    report: ReportOnRecord, content: SabAnnualReportContent, p: PartnershipOnRecord
) -> list[FindingNotImplemented]:
    """Each finding the board decided in the year not to implement, with its reasons (may be empty)."""
    year = report.financial_year
    if year is None:
        return []
    found = []
    for review in sars(report, p):
        for finding in review.findings:
            decided = finding.decided_on is not None and finding.decided_on in year
            if finding.decision is FindingDecision.NOT_IMPLEMENTED and decided:
                written = content.findings_not_implemented.get(f"{review.reference}/{finding.number}", "")
                reason = written.strip() or finding.reason.strip()
                found.append(FindingNotImplemented(review=review, finding=finding, reason=reason))
    return found
