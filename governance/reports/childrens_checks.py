"""Checks of the children's safeguarding partnership's yearly report (Working Together; seed 003 §6.4)."""

from collections.abc import Callable

from governance.partnership.model import CaseReviewOnRecord, PartnershipOnRecord, ReviewKind
from governance.reports.checks import ContentCheck, missing, names, said
from governance.reports.content import ChildrensYearlyReportContent
from governance.reports.model import ReportOnRecord
from governance.sources import WORKING_TOGETHER, Source, guidance
from governance.vocabulary import ReportKind

YEARLY = ReportKind.CHILDRENS_YEARLY_REPORT
PRACTICE_REVIEWS = (ReviewKind.CHILD_SAFEGUARDING_PRACTICE_REVIEW, ReviewKind.SERIOUS_INCIDENT)


def _yearly(report: ReportOnRecord) -> ChildrensYearlyReportContent:
    content = report.typed()
    assert isinstance(content, ChildrensYearlyReportContent)
    return content


def _part(field: str, label: str) -> Callable[[ReportOnRecord, PartnershipOnRecord], list[str]]:
    def test(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
        return [] if said(getattr(_yearly(report), field)) else missing(label)

    test.__name__ = f"states_{field}"
    return test


def practice_reviews_of_the_year(report: ReportOnRecord, p: PartnershipOnRecord) -> list[CaseReviewOnRecord]:
    """The board's practice reviews and serious incidents open at some time in the report's year."""
    year = report.financial_year
    if year is None:
        return []
    return [
        r for r in p.case_reviews
        if r.kind in PRACTICE_REVIEWS and r.board_key == report.board_key
        and (r.initiated_on or r.became_aware_on or year.starts_on) <= year.ends_on
        and (r.published_on or r.concluded_on or year.ends_on) >= year.starts_on
    ]  # fmt: skip


def names_each_practice_review_of_the_year(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    """Each review open during the period (by the register) is named by its reference."""
    year = report.financial_year
    if year is None:
        return [f"The report's period {report.period!r} is not a financial year such as 2025/26"]
    text = _yearly(report).practice_reviews
    return [
        f"Practice review {r.reference} (active in {year}) is not named in the part on practice reviews"
        for r in practice_reviews_of_the_year(report, p)
        if not names(text, r.reference)
    ]


def _wt(topic: str) -> Source:
    return guidance(f"{WORKING_TOGETHER} ({topic}); seed 003 §6.4")


PARTS = (
    (
        "what_partners_did",
        "What the safeguarding partners did as a result of the arrangements",
        "what partners did",
    ),
    ("practice_reviews", "What the partners did on child safeguarding practice reviews", "practice reviews"),
    ("effectiveness", "How effective the arrangements were in practice", "effectiveness"),
    (
        "impact_on_outcomes",
        "Evidence of impact on outcomes, from early help to looked-after children and care leavers",
        "impact",
    ),
    ("training_impact", "The impact of multi-agency training", "training"),
    (
        "little_or_no_progress",
        "An analysis of priorities with little or no evidence of progress",
        "little or no progress",
    ),
    (
        "review_recommendations",
        "Actions on local and national review recommendations",
        "review recommendations",
    ),
    (
        "voice_of_children_and_families",
        "How children's and families' views were sought and used",
        "voice of children and families",
    ),
    ("independent_scrutiny", "The contribution of independent scrutiny", "independent scrutiny"),
)

CHILDRENS_CHECKS = tuple(
    ContentCheck(
        name=f"yearly_report_states_{field}",
        requirement=label,
        source=_wt(topic),
        applies_to=YEARLY,
        test=_part(field, label),
    )
    for field, label, topic in PARTS
) + (
    ContentCheck(
        name="yearly_report_names_each_practice_review_of_the_year",
        requirement="each child safeguarding practice review active in the year, named by its reference",
        source=_wt("practice reviews"),
        applies_to=YEARLY,
        test=names_each_practice_review_of_the_year,
    ),
)
