"""The statutory content checks: what each kind of report must say, each finding citing its law."""

from datetime import date

import pytest

from governance.partnership.model import (
    AgencyOnRecord,
    CaseReviewOnRecord,
    FindingDecision,
    ReviewFinding,
    ReviewKind,
)
from governance.reports.catalogue import run_checks
from governance.reports.checks import Finding, blocking
from governance.reports.model import ReportOnRecord
from governance.vocabulary import ReportKind, Role
from tests.builders import holding, make_board, make_partnership

YEAR = "2025/26"


def para4(letter: str) -> str:
    return f"Care Act 2014 Sch 2 para 4(1)({letter})"


def findings(report: ReportOnRecord, partnership=None, *, citing: str | None = None) -> list[Finding]:
    found = run_checks(report, partnership or make_partnership())
    return [f for f in found if citing is None or f.citation == citing]


def messages(found: list[Finding]) -> list[str]:
    return [f.message for f in found]


# --- the SAB annual report: Care Act 2014 Sch 2 para 4(1) ----------------------------------------

COMPLETE_ANNUAL = dict(
    objective="We held partners to account for adult safeguarding across the district.",
    strategy="We delivered the three priorities of the strategic plan.",
    implementing_findings="Each SAR action plan was tracked by the Learning from Reviews sub-group.",
    alternative_formats="Ask the business unit for large print, Easy Read or another language.",
)


def sab_report(**content: object) -> ReportOnRecord:
    return ReportOnRecord(
        key="bsab-annual-2025-26",
        kind=ReportKind.SAB_ANNUAL_REPORT,
        board_key="bsab",
        period=YEAR,
        title="BSAB annual report 2025/26",
        content={**COMPLETE_ANNUAL, **content},
    )


def sar(
    reference: str,
    *,
    board: str = "bsab",
    initiated_on: date = date(2024, 6, 1),
    concluded_on: date | None = None,
    findings: tuple[ReviewFinding, ...] = (),
) -> CaseReviewOnRecord:
    return CaseReviewOnRecord(
        reference=reference,
        kind=ReviewKind.SAFEGUARDING_ADULTS_REVIEW,
        board_key=board,
        initiated_on=initiated_on,
        concluded_on=concluded_on,
        findings=findings,
    )


def with_reviews(*reviews: CaseReviewOnRecord):
    return make_partnership(case_reviews=reviews)


def test_a_complete_sab_annual_report_has_no_findings():
    assert findings(sab_report()) == []


@pytest.mark.parametrize(
    "letter, part, says",
    [
        ("a", "objective", "What the SAB did during the year to achieve its objective is missing"),
        ("b", "strategy", "What the SAB did during the year to implement its strategy is missing"),
        (
            "f",
            "implementing_findings",
            "What the SAB did to implement the findings of its reviews is missing",
        ),
    ],
)
def test_each_part_the_sab_must_state_is_a_finding_citing_its_letter_when_missing(letter, part, says):
    [finding] = findings(sab_report(**{part: ""}))
    assert finding.message == says
    assert finding.citation == para4(letter)
    assert finding.blocking


def test_a_part_of_only_whitespace_is_missing():
    assert messages(findings(sab_report(objective="  \n "), citing=para4("a"))) == [
        "What the SAB did during the year to achieve its objective is missing"
    ]


def board_with_members():
    return make_partnership(
        agencies=(
            AgencyOnRecord(key="police", name="West Yorkshire Police"),
            AgencyOnRecord(key="council", name="Bradford Council"),
            AgencyOnRecord(key="icb", name="West Yorkshire ICB"),
            AgencyOnRecord(key="fire", name="Fire and Rescue"),
        ),
        people=(
            holding("pc", (Role.MEMBER, "bsab"), agency="police"),
            holding("adass", (Role.AGENCY_REPRESENTATIVE, "bsab"), agency="council"),
            holding("nurse", (Role.MEMBER, "tbp"), agency="icb"),
            holding("officer", (Role.SUB_GROUP_CHAIR, "bsab"), agency="fire"),
        ),
    )


def test_what_each_member_did_is_checked_per_member_of_the_board():
    report = sab_report(member_contributions={"police": "Trained 400 officers in the Care Act duties."})
    found = findings(report, board_with_members(), citing=para4("c"))
    assert messages(found) == ["What Bradford Council did to implement the strategy is missing"]


def test_agencies_sitting_only_on_another_board_or_in_another_role_are_not_members():
    report = sab_report(
        member_contributions={
            "police": "Trained officers.",
            "council": "Reviewed its adult social care front door.",
        }
    )
    assert findings(report, board_with_members()) == []


def test_a_concluded_sar_the_register_shows_in_the_year_must_be_reported_with_its_findings():
    register = with_reviews(sar("SAR-01", concluded_on=date(2025, 11, 14)))
    [finding] = findings(sab_report(), register)
    assert finding.citation == para4("d")
    assert finding.message == "SAR-01, concluded on 14 November 2025, is not reported with its findings"
    assert (
        findings(sab_report(concluded_reviews={"SAR-01": "Agencies did not share the risk."}), register) == []
    )


def test_a_sar_reported_as_concluded_must_be_concluded_that_year_in_the_register():
    register = with_reviews(sar("SAR-02", concluded_on=date(2025, 2, 10)))
    report = sab_report(concluded_reviews={"SAR-02": "Findings...", "SAR-99": "Findings..."})
    assert messages(findings(report, register, citing=para4("d"))) == [
        "SAR-02 is reported as concluded in 2025/26, but the reviews register does not show it concluded that year",
        "SAR-99 is reported as concluded in 2025/26, but the reviews register does not show it concluded that year",
    ]


def test_only_the_boards_own_safeguarding_adults_reviews_are_expected():
    register = with_reviews(
        sar("OTHER-1", board="tbp", concluded_on=date(2025, 11, 14)),
        CaseReviewOnRecord(
            reference="CSPR-1",
            kind=ReviewKind.CHILD_SAFEGUARDING_PRACTICE_REVIEW,
            board_key="bsab",
            concluded_on=date(2025, 11, 14),
        ),
    )
    assert findings(sab_report(), register) == []


def test_an_annual_report_for_a_period_that_is_not_a_financial_year_is_a_finding():
    report = sab_report().model_copy(update={"period": "2025"})
    assert messages(findings(report, citing=para4("d"))) == [
        "The report's period '2025' is not a financial year such as 2025/26"
    ]


def test_the_sars_ongoing_on_31_march_are_drafted_from_the_register_so_none_need_be_listed_by_hand():
    register = with_reviews(
        sar("SAR-03", initiated_on=date(2025, 9, 1)),
        sar("SAR-04", initiated_on=date(2025, 9, 1), concluded_on=date(2026, 5, 1)),
    )
    assert findings(sab_report(), register) == []
    assert findings(sab_report(ongoing_reviews=["SAR-03", "SAR-04"]), register) == []


def test_a_concluded_sar_whose_findings_the_register_holds_is_reported_from_the_register():
    finding = ReviewFinding(number=1, text="Share the risk assessment.")
    register = with_reviews(sar("SAR-01", concluded_on=date(2025, 11, 14), findings=(finding,)))
    assert findings(sab_report(), register) == []


def test_the_reason_the_register_holds_for_not_implementing_a_finding_fills_para_4_1_g():
    held = not_implemented(2, date(2025, 10, 1)).model_copy(update={"reason": "A regional service exists."})
    assert findings(sab_report(), with_reviews(concluded_last_year(held))) == []


def test_a_sar_listed_as_ongoing_must_be_ongoing_at_the_year_end_in_the_register():
    register = with_reviews(sar("SAR-05", initiated_on=date(2026, 4, 2)))
    assert messages(findings(sab_report(ongoing_reviews=["SAR-05"]), register, citing=para4("e"))) == [
        "SAR-05 is listed as ongoing, but the reviews register does not show it ongoing at the year end"
    ]


def not_implemented(number: int, on: date) -> ReviewFinding:
    return ReviewFinding(
        number=number,
        text="Commission an advocacy service",
        decision=FindingDecision.NOT_IMPLEMENTED,
        decided_on=on,
    )


def concluded_last_year(*review_findings: ReviewFinding) -> CaseReviewOnRecord:
    return sar(
        "SAR-06", initiated_on=date(2023, 5, 1), concluded_on=date(2024, 12, 1), findings=review_findings
    )


def test_sab_report_missing_reasons_for_an_unimplemented_finding_cannot_be_approved():
    register = with_reviews(concluded_last_year(not_implemented(2, date(2025, 10, 1))))
    [finding] = findings(sab_report(), register)
    assert finding.citation == "Care Act 2014 Sch 2 para 4(1)(g)"
    assert finding.message == "The reasons for deciding not to implement finding SAR-06/2 are missing"
    assert finding.blocking


def test_the_reasons_for_not_implementing_a_finding_are_given_under_reference_slash_number():
    register = with_reviews(concluded_last_year(not_implemented(2, date(2025, 10, 1))))
    assert (
        findings(
            sab_report(findings_not_implemented={"SAR-06/2": "A regional service was commissioned instead."}),
            register,
        )
        == []
    )
    assert (
        findings(
            sab_report(findings_not_implemented={"SAR-06/1": "Wrong finding."}), register, citing=para4("g")
        )
        != []
    )


def test_a_finding_decided_not_implemented_in_an_earlier_year_needs_no_reasons_this_year():
    register = with_reviews(concluded_last_year(not_implemented(2, date(2025, 3, 31))))
    assert findings(sab_report(), register) == []


def test_findings_accepted_or_implemented_need_no_reasons():
    accepted = ReviewFinding(
        number=1, text="x", decision=FindingDecision.ACCEPTED, decided_on=date(2025, 10, 1)
    )
    implemented = ReviewFinding(
        number=3, text="x", decision=FindingDecision.IMPLEMENTED, decided_on=date(2025, 10, 1)
    )
    assert findings(sab_report(), with_reviews(concluded_last_year(accepted, implemented))) == []


def test_saying_how_to_get_the_report_in_other_formats_is_advisory():
    [finding] = findings(sab_report(alternative_formats=""))
    assert finding.message == "How to ask for the report in an alternative format is missing"
    assert finding.citation == "Care and support statutory guidance ch 14 (SAB annual report)"
    assert not finding.blocking
    assert blocking([finding]) == []


def test_findings_are_given_in_the_order_of_the_law():
    empty = sab_report(objective="", strategy="", implementing_findings="", alternative_formats="")
    register = with_reviews(sar("SAR-07", concluded_on=date(2025, 6, 1)))
    assert [f.citation for f in findings(empty, register)] == [
        para4("a"),
        para4("b"),
        para4("d"),
        para4("f"),
        "Care and support statutory guidance ch 14 (SAB annual report)",
    ]


# --- the SAB strategic plan: Care Act 2014 Sch 2 para 3 ------------------------------------------

COMPLETE_PLAN = dict(
    strategy="Three priorities: self-neglect, transitions, exploitation.",
    healthwatch_consultation="Healthwatch Bradford commented on the draft in January.",
    community_involvement="Two community events and an online survey.",
)


def strategic_plan(**content: object) -> ReportOnRecord:
    return ReportOnRecord(
        key="bsab-plan-2025-26",
        kind=ReportKind.SAB_STRATEGIC_PLAN,
        board_key="bsab",
        period=YEAR,
        title="BSAB strategic plan",
        content={**COMPLETE_PLAN, **content},
    )


def test_a_complete_strategic_plan_has_no_findings():
    assert findings(strategic_plan()) == []


def test_a_strategic_plan_records_how_local_healthwatch_was_consulted():
    [finding] = findings(strategic_plan(healthwatch_consultation=""))
    assert finding.message == "The consultation of Local Healthwatch is missing"
    assert finding.citation == "Care Act 2014 Sch 2 para 3(2)(a)"


def test_a_strategic_plan_records_how_the_community_was_involved():
    [finding] = findings(strategic_plan(community_involvement=""))
    assert finding.message == "How the community was involved is missing"
    assert finding.citation == "Care Act 2014 Sch 2 para 3(2)(b)"


def test_a_strategic_plan_sets_out_the_strategy_and_what_each_member_is_to_do():
    found = findings(
        strategic_plan(strategy="", member_actions={"council": "Lead the transitions work."}),
        board_with_members(),
    )
    assert [(f.citation, f.message) for f in found] == [
        ("Care Act 2014 Sch 2 para 3(1)", "The strategy is missing"),
        ("Care Act 2014 Sch 2 para 3(1)", "What West Yorkshire Police is to do is missing"),
    ]


# --- the children's partnership yearly report: Working Together 2023 ------------------------------

COMPLETE_YEARLY = dict(
    what_partners_did="We launched the neglect strategy.",
    practice_reviews="No practice reviews were active this year.",
    effectiveness="Audits show threshold decisions are consistent.",
    impact_on_outcomes="Fewer repeat referrals to children's social care.",
    training_impact="Evaluation of the neglect training three months on.",
    little_or_no_progress="Progress on education attendance has stalled.",
    review_recommendations="All national panel recommendations were considered.",
    voice_of_children_and_families="The youth forum reviewed the strategy.",
    independent_scrutiny="The scrutineer attended every executive meeting.",
)


def yearly_report(**content: object) -> ReportOnRecord:
    return ReportOnRecord(
        key="tbp-yearly-2025-26",
        kind=ReportKind.CHILDRENS_YEARLY_REPORT,
        board_key="tbp",
        period=YEAR,
        title="Yearly report 2025/26",
        content={**COMPLETE_YEARLY, **content},
    )


def test_a_complete_yearly_report_has_no_findings():
    assert findings(yearly_report()) == []


@pytest.mark.parametrize(
    "part, says",
    [
        ("what_partners_did", "What the safeguarding partners did as a result of the arrangements"),
        ("practice_reviews", "What the partners did on child safeguarding practice reviews"),
        ("effectiveness", "How effective the arrangements were in practice"),
        ("impact_on_outcomes", "Evidence of impact on outcomes"),
        ("training_impact", "The impact of multi-agency training"),
        ("little_or_no_progress", "An analysis of priorities with little or no evidence of progress"),
        ("review_recommendations", "Actions on local and national review recommendations"),
        ("voice_of_children_and_families", "How children's and families' views were sought and used"),
        ("independent_scrutiny", "The contribution of independent scrutiny"),
    ],
)
def test_each_part_working_together_asks_of_the_yearly_report_is_a_finding_when_missing(part, says):
    [finding] = findings(yearly_report(**{part: ""}))
    assert finding.message.startswith(says) and finding.message.endswith("is missing")
    assert finding.citation.startswith("Working Together to Safeguard Children 2023 (")
    assert finding.blocking


def practice_review(reference: str, board: str = "tbp", **dates: date) -> CaseReviewOnRecord:
    return CaseReviewOnRecord(
        reference=reference, kind=ReviewKind.CHILD_SAFEGUARDING_PRACTICE_REVIEW, board_key=board, **dates
    )


def test_each_practice_review_active_in_the_year_must_be_named_by_its_reference():
    register = with_reviews(practice_review("LCSPR-07", initiated_on=date(2025, 5, 1)))
    [finding] = findings(yearly_report(), register)
    assert (
        finding.message
        == "Practice review LCSPR-07 (active in 2025/26) is not named in the part on practice reviews"
    )
    assert finding.citation == "Working Together to Safeguard Children 2023 (practice reviews); seed 003 §6.4"
    assert findings(yearly_report(practice_reviews="LCSPR-07 looked at neglect of a baby."), register) == []


def test_a_serious_incident_under_rapid_review_in_the_year_must_be_named_too():
    incident = CaseReviewOnRecord(
        reference="SI-2025-03",
        kind=ReviewKind.SERIOUS_INCIDENT,
        board_key="tbp",
        became_aware_on=date(2026, 2, 1),
    )
    assert messages(findings(yearly_report(), with_reviews(incident))) == [
        "Practice review SI-2025-03 (active in 2025/26) is not named in the part on practice reviews"
    ]


def test_practice_reviews_outside_the_year_or_of_another_board_need_not_be_named():
    register = with_reviews(
        practice_review(
            "ENDED",
            initiated_on=date(2023, 5, 1),
            concluded_on=date(2024, 3, 1),
            published_on=date(2025, 3, 1),
        ),
        practice_review("LATER", initiated_on=date(2026, 4, 1)),
        practice_review("ELSEWHERE", board="bsab", initiated_on=date(2025, 5, 1)),
    )
    assert findings(yearly_report(), register) == []


def test_a_review_concluded_last_year_but_published_this_year_was_active_this_year():
    register = with_reviews(
        practice_review(
            "LCSPR-05",
            initiated_on=date(2024, 1, 1),
            concluded_on=date(2025, 3, 1),
            published_on=date(2025, 6, 1),
        )
    )
    assert len(findings(yearly_report(), register)) == 1


def test_naming_a_different_review_whose_reference_contains_this_one_does_not_name_it():
    register = with_reviews(
        practice_review("LCSPR-1", initiated_on=date(2025, 5, 1)),
        practice_review("LCSPR-10", initiated_on=date(2025, 5, 1)),
    )
    assert messages(findings(yearly_report(practice_reviews="LCSPR-10 is under way."), register)) == [
        "Practice review LCSPR-1 (active in 2025/26) is not named in the part on practice reviews"
    ]


# --- a report to a council committee: the council's structure, LGA 1972 s100D and Sch 12A ---------

SEVEN = (
    "equality and diversity",
    "sustainability",
    "greenhouse gas emissions",
    "community safety",
    "human rights act",
    "trade union",
    "ward implications",
    "corporate parenting",
    "privacy impact assessment",
)

COMPLETE_COMMITTEE = dict(
    report_of="Strategic Director, Children's Services",
    document_letter="F",
    subject="Bradford Safeguarding Adults Board annual report 2025/26",
    summary_statement="The Board's work over the year.",
    portfolio="Healthy People and Places",
    contact=dict(
        name="Mo Manager", role="Business Manager", phone="01274 000000", email="mo@bradford.example"
    ),
    overview_scrutiny_area="Health and Social Care",
    summary="The annual report is attached.",
    background="The Care Act 2014 requires the report.",
    other_considerations="None",
    financial_appraisal="None",
    risk_management="None",
    legal_appraisal="The report meets Sch 2 para 4.",
    other_implications=dict.fromkeys(SEVEN, "None"),
    not_for_publication="None",
    options="None",
    recommendations=["That the committee notes the report."],
    background_documents=["None"],
)


def committees():
    return make_partnership(
        boards=(make_board("hsc", "council committee"), make_board("keighley", "area committee"))
    )


def committee_report(
    board: str = "hsc", meeting_on: date | None = date(2026, 7, 14), **content: object
) -> ReportOnRecord:
    return ReportOnRecord(
        key="hsc-2026-07-14",
        kind=ReportKind.COMMITTEE_REPORT,
        board_key=board,
        period="2026-07-14",
        title="BSAB annual report",
        meeting_on=meeting_on,
        content={**COMPLETE_COMMITTEE, **content},
    )


def committee_findings(report: ReportOnRecord) -> list[str]:
    return messages(findings(report, committees()))


STRUCTURE = "seeds 001 and 003 (the council's report structure)"


def test_a_complete_committee_report_has_no_findings():
    assert committee_findings(committee_report()) == []


def test_the_cover_names_what_it_lacks():
    [finding] = findings(committee_report(subject=""), committees())
    assert finding.message == "The cover lacks the subject"
    assert finding.citation == STRUCTURE


def test_the_cover_needs_each_part_of_the_report_contact():
    report = committee_report(contact=dict(name="Mo Manager", role="Business Manager", phone="", email=""))
    assert committee_findings(report) == [
        "The report contact lacks a phone number",
        "The report contact lacks an e-mail address",
    ]


def test_the_cover_needs_the_date_of_the_meeting():
    assert committee_findings(committee_report(meeting_on=None)) == [
        "The cover lacks the date of the meeting it goes to"
    ]


@pytest.mark.parametrize(
    "section, label",
    [
        ("summary", "1 Summary"),
        ("financial_appraisal", "4 Financial & resource appraisal"),
        ("not_for_publication", "8 Not for publication documents"),
        ("options", "9 Options"),
    ],
)
def test_each_numbered_section_is_written_even_if_only_none(section, label):
    assert committee_findings(committee_report(**{section: ""})) == [
        f"Section {label} is missing (write 'None' where there is nothing to say)"
    ]


def test_a_report_needs_at_least_one_recommendation():
    assert committee_findings(committee_report(recommendations=[" "])) == [
        "Section 10 Recommendations is missing"
    ]


def test_section_7_needs_each_heading():
    headings = {h: "None" for h in SEVEN if h != "trade union"}
    [finding] = findings(committee_report(other_implications=headings), committees())
    assert (
        finding.message
        == "Section 7 lacks the heading 'trade union' (write 'None' where there is nothing to say)"
    )
    assert finding.citation == STRUCTURE


def test_section_7_headings_are_matched_whatever_their_case():
    assert committee_findings(committee_report(other_implications={h.title(): "None" for h in SEVEN})) == []


def test_the_area_committee_action_plan_heading_is_needed_only_for_an_area_committee():
    assert committee_findings(committee_report(board="keighley")) == [
        "Section 7 lacks the heading 'area committee action plan' (write 'None' where there is nothing to say)"
    ]
    with_plan = {
        **dict.fromkeys(SEVEN, "None"),
        "area committee action plan": "Priority 3 of the Keighley plan.",
    }
    assert committee_findings(committee_report(board="keighley", other_implications=with_plan)) == []


def test_the_background_documents_are_listed_or_none_is_written():
    [finding] = findings(committee_report(background_documents=[]), committees())
    assert (
        finding.message
        == "Section 12 Background documents is empty: list the background papers, or write 'None'"
    )
    assert finding.citation == "Local Government Act 1972 s100D(1)"


def exempt_appendix(
    public_interest_test: str = "Disclosure would identify a family; that outweighs the public interest.",
) -> dict:
    return dict(
        letter="B",
        title="Case summary",
        exempt_paragraph=2,
        public_interest_test=public_interest_test,
        text="...",
    )


def test_an_exempt_appendix_named_in_section_8_with_its_public_interest_test_passes():
    report = committee_report(
        appendices=[exempt_appendix()],
        not_for_publication="Appendix B is not for publication (Sch 12A para 2).",
    )
    assert committee_findings(report) == []


def test_an_exempt_appendix_needs_its_public_interest_test():
    report = committee_report(
        appendices=[exempt_appendix(public_interest_test="")], not_for_publication="Appendix B (para 2)."
    )
    [finding] = findings(report, committees())
    assert (
        finding.message
        == "Appendix B (Case summary) is exempt under paragraph 2 but states no public interest test"
    )
    assert finding.citation == "Local Government Act 1972 Sch 12A Part 1"


def test_an_exempt_appendix_must_be_named_in_section_8():
    [finding] = findings(committee_report(appendices=[exempt_appendix()]), committees())
    assert (
        finding.message
        == "Appendix B (Case summary) is exempt but section 8 Not for publication documents does not name it"
    )
    assert finding.citation == "Local Government Act 1972 Sch 12A Part 1"


def test_an_appendix_that_is_not_exempt_needs_neither():
    report = committee_report(appendices=[dict(letter="A", title="The annual report", text="...")])
    assert committee_findings(report) == []


def test_naming_another_appendix_whose_letter_begins_with_this_ones_does_not_name_it():
    appendices = [
        exempt_appendix() | dict(letter="A"),
        exempt_appendix() | dict(letter="AA", title="Chronology"),
    ]
    report = committee_report(appendices=appendices, not_for_publication="Appendix AA (Sch 12A para 2).")
    assert committee_findings(report) == [
        "Appendix A (Case summary) is exempt but section 8 Not for publication documents does not name it"
    ]
