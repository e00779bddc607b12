"""Checks of the SAB annual report (Care Act 2014 Sch 2 para 4) and strategic plan (para 3)."""

from governance.partnership.model import PartnershipOnRecord
from governance.reports import sab_register as register_of
from governance.reports.checks import ContentCheck, missing, said
from governance.reports.content import SabAnnualReportContent, SabStrategicPlanContent
from governance.reports.model import ReportOnRecord
from governance.sources import CARE_ACT_SCH2_PARA3, CARE_ACT_SCH2_PARA4, law, practice
from governance.vocabulary import ReportKind

ANNUAL = ReportKind.SAB_ANNUAL_REPORT
PLAN = ReportKind.SAB_STRATEGIC_PLAN


def _annual(report: ReportOnRecord) -> SabAnnualReportContent:
    content = report.typed()
    assert isinstance(content, SabAnnualReportContent)
    return content


def _plan(report: ReportOnRecord) -> SabStrategicPlanContent:
    content = report.typed()
    assert isinstance(content, SabStrategicPlanContent)
    return content


def states_what_it_did_to_achieve_its_objective(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return (
        []
        if said(_annual(report).objective)
        else missing("What the SAB did during the year to achieve its objective")
    )


def states_what_it_did_to_implement_its_strategy(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return (
        []
        if said(_annual(report).strategy)
        else missing("What the SAB did during the year to implement its strategy")
    )


def states_what_each_member_did(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    said_by = _annual(report).member_contributions
    return [
        f"What {a.name} did to implement the strategy is missing"
        for a in p.member_agencies(report.board_key)
        if not said(said_by.get(a.key, ""))
    ]


def reports_the_findings_of_each_sar_concluded_in_the_year(
    report: ReportOnRecord, p: PartnershipOnRecord
) -> list[str]:
    """The findings the register holds are drafted into the report; a concluded SAR with none
    recorded must have them written."""
    year = report.financial_year
    if year is None:
        return [f"The report's period {report.period!r} is not a financial year such as 2025/26"]
    register = {r.reference: r for r in register_of.concluded_in_the_year(report, p)}
    reported = _annual(report).concluded_reviews
    problems = [
        f"{ref}, concluded on {r.concluded_on:%d %B %Y}, is not reported with its findings"
        for ref, r in register.items()
        if not (said(reported.get(ref, "")) or r.findings)
    ]
    problems += [
        f"{ref} is reported as concluded in {year}, but the reviews register does not show it concluded that year"
        for ref in reported
        if ref not in register
    ]
    return problems


def lists_the_sars_ongoing_at_the_year_end(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    """The SARs ongoing at the year end are drafted from the register; one listed by hand that the
    register does not show ongoing is a finding."""
    if report.financial_year is None:
        return []
    register = {r.reference for r in register_of.ongoing_at_the_year_end(report, p)}
    reported = set(_annual(report).ongoing_reviews)
    return [
        f"{ref} is listed as ongoing, but the reviews register does not show it ongoing at the year end"
        for ref in sorted(reported - register)
    ]


def states_what_it_did_to_implement_sar_findings(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return (
        []
        if said(_annual(report).implementing_findings)
        else missing("What the SAB did to implement the findings of its reviews")
    )


def states_reasons_for_unimplemented_sar_findings(
    report: ReportOnRecord, p: PartnershipOnRecord
) -> list[str]:
    """The reasons the register holds fill the report; where it holds none, they must be written."""
    return [
        f"The reasons for deciding not to implement finding {item.key} are missing"
        for item in register_of.not_implemented_in_the_year(report, _annual(report), p)
        if not said(item.reason)
    ]


def says_how_to_get_it_in_other_formats(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return (
        []
        if said(_annual(report).alternative_formats)
        else missing("How to ask for the report in an alternative format")
    )


def plan_sets_out_the_strategy(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return [] if said(_plan(report).strategy) else missing("The strategy")


def plan_says_what_each_member_is_to_do(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    actions = _plan(report).member_actions
    return [
        f"What {a.name} is to do is missing"
        for a in p.member_agencies(report.board_key)
        if not said(actions.get(a.key, ""))
    ]


def plan_records_the_healthwatch_consultation(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return (
        []
        if said(_plan(report).healthwatch_consultation)
        else missing("The consultation of Local Healthwatch")
    )


def plan_records_community_involvement(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    return [] if said(_plan(report).community_involvement) else missing("How the community was involved")


def _para4(letter: str) -> str:
    return f"{CARE_ACT_SCH2_PARA4}(1)({letter})"


SAB_CHECKS = (
    ContentCheck(
        name="annual_report_states_what_the_sab_did_to_achieve_its_objective",
        requirement="(a) what the SAB did to achieve its objective",
        source=law(_para4("a")),
        applies_to=ANNUAL,
        test=states_what_it_did_to_achieve_its_objective,
    ),
    ContentCheck(
        name="annual_report_states_what_the_sab_did_to_implement_its_strategy",
        requirement="(b) what it did to implement its strategy",
        source=law(_para4("b")),
        applies_to=ANNUAL,
        test=states_what_it_did_to_implement_its_strategy,
    ),
    ContentCheck(
        name="annual_report_states_what_each_member_did",
        requirement="(c) what each member of the board did to implement the strategy",
        source=law(_para4("c")),
        applies_to=ANNUAL,
        test=states_what_each_member_did,
    ),
    ContentCheck(
        name="annual_report_gives_the_findings_of_sars_concluded_in_the_year",
        requirement="(d) the findings of the SARs concluded in the year, as the reviews register has them",
        source=law(_para4("d")),
        applies_to=ANNUAL,
        test=reports_the_findings_of_each_sar_concluded_in_the_year,
    ),
    ContentCheck(
        name="annual_report_lists_the_sars_ongoing_at_the_year_end",
        requirement="(e) the SARs ongoing at the end of the year, as the reviews register has them",
        source=law(_para4("e")),
        applies_to=ANNUAL,
        test=lists_the_sars_ongoing_at_the_year_end,
    ),
    ContentCheck(
        name="annual_report_states_what_the_sab_did_to_implement_sar_findings",
        requirement="(f) what it did to implement the findings of its SARs",
        source=law(_para4("f")),
        applies_to=ANNUAL,
        test=states_what_it_did_to_implement_sar_findings,
    ),
    ContentCheck(
        name="annual_report_states_reasons_for_unimplemented_sar_findings",
        requirement="(g) the reasons for each decision in the year not to implement a SAR finding",
        source=law(_para4("g")),
        applies_to=ANNUAL,
        test=states_reasons_for_unimplemented_sar_findings,
    ),
    ContentCheck(
        name="annual_report_says_how_to_get_it_in_other_formats",
        requirement="the report is available in alternative formats on request",
        source=practice("Care and support statutory guidance ch 14 (SAB annual report)", unconfirmed=True),
        applies_to=ANNUAL,
        test=says_how_to_get_it_in_other_formats,
        blocking=False,
    ),
    ContentCheck(
        name="strategic_plan_sets_out_the_strategy",
        requirement="the strategy for achieving the SAB's objective",
        source=law(f"{CARE_ACT_SCH2_PARA3}(1)"),
        applies_to=PLAN,
        test=plan_sets_out_the_strategy,
    ),
    ContentCheck(
        name="strategic_plan_says_what_each_member_is_to_do",
        requirement="what each member is to do to implement the strategy",
        source=law(f"{CARE_ACT_SCH2_PARA3}(1)"),
        applies_to=PLAN,
        test=plan_says_what_each_member_is_to_do,
    ),
    ContentCheck(
        name="strategic_plan_records_the_healthwatch_consultation",
        requirement="Local Healthwatch consulted in preparing the plan",
        source=law(f"{CARE_ACT_SCH2_PARA3}(2)(a)", unconfirmed=True),
        applies_to=PLAN,
        test=plan_records_the_healthwatch_consultation,
    ),
    ContentCheck(
        name="strategic_plan_records_community_involvement",
        requirement="the community involved in preparing the plan",
        source=law(f"{CARE_ACT_SCH2_PARA3}(2)(b)", unconfirmed=True),
        applies_to=PLAN,
        test=plan_records_community_involvement,
    ),
)
