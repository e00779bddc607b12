"""Every statutory content check, in one table, and running them on a report."""

from governance.partnership.model import PartnershipOnRecord
from governance.reports.checks import ContentCheck, Finding
from governance.reports.childrens_checks import CHILDRENS_CHECKS
from governance.reports.committee_checks import COMMITTEE_CHECKS
from governance.reports.model import ReportOnRecord
from governance.reports.sab_checks import SAB_CHECKS

CONTENT_CHECKS: tuple[ContentCheck, ...] = SAB_CHECKS + CHILDRENS_CHECKS + COMMITTEE_CHECKS


def run_checks(report: ReportOnRecord, partnership: PartnershipOnRecord) -> list[Finding]:
    """Every finding of every check that applies to the report's kind, in the order of the law."""
    return [
        Finding(check=check.name, citation=check.source.citation, message=message, blocking=check.blocking)
        for check in CONTENT_CHECKS
        if check.applies_to is report.kind
        for message in check.test(report, partnership)
    ]
