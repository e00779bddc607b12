"""The recurring duties, each tested as it reads: which deadlines the obligations produce, when."""

from datetime import date

from governance.deadlines.model import DeadlineState, Duty
from governance.deadlines.obligations import OBLIGATIONS, obligation_for, occurrences
from governance.lifecycles import ReportState
from governance.partnership.model import (
    AgencyOnRecord,
    CaseReviewOnRecord,
    EnquiryOnRecord,
    MeetingOnRecord,
    ProtocolReviewOnRecord,
    ReportSummary,
    ResolutionOnRecord,
    ReviewKind,
    SubGroupOnRecord,
)
from governance.policy import GovernancePolicy
from governance.sources import Authority
from governance.vocabulary import AgencyKind, ReportKind, Role
from tests.builders import holding, make_board, make_partnership

YEAR_START, YEAR_END = date(2026, 4, 1), date(2027, 3, 31)
AAE = SubGroupOnRecord(key="aae", name="All-Age Exploitation", reports_to=("tbp", "bsab"))
LEAD = holding("lead", (Role.SUB_GROUP_LEAD, "aae"))


def deadlines(duty: Duty, start: date = YEAR_START, end: date = YEAR_END, **partnership: object):
    return [d for d in occurrences(make_partnership(**partnership), start, end) if d.duty is duty]


def with_people(*extra):
    return make_partnership().people + tuple(extra)


def test_every_duty_has_one_obligation_with_a_source():
    assert sorted(o.duty for o in OBLIGATIONS) == sorted(Duty)
    assert all(o.source.citation and o.rule and o.owner for o in OBLIGATIONS)


def test_a_sub_group_serving_two_boards_gets_one_deadline_per_board_meeting():
    tbp = make_board("tbp", "children's safeguarding partnership", date(2026, 5, 19), date(2026, 7, 14))
    bsab = make_board("bsab", "safeguarding adults board", date(2026, 5, 26))
    found = deadlines(Duty.SUB_GROUP_REPORT, boards=(tbp, bsab), sub_groups=(AAE,), people=with_people(LEAD))
    assert sorted((d.board_key, d.period) for d in found) == [
        ("bsab", "2026-05-26"),
        ("tbp", "2026-05-19"),
        ("tbp", "2026-07-14"),
    ]
    assert {d.owner_key for d in found} == {"lead"}


def test_a_sub_group_report_is_due_ten_working_days_before_the_meeting():
    tbp = make_board("tbp", "children's safeguarding partnership", date(2026, 5, 12))
    (found,) = deadlines(
        Duty.SUB_GROUP_REPORT, boards=(tbp,), sub_groups=(AAE.model_copy(update={"reports_to": ("tbp",)}),)
    )
    assert found.due_on == date(2026, 4, 27)  # Monday 4 May, a bank holiday, is not counted


def test_the_working_days_before_a_meeting_are_a_setting():
    tbp = make_board("tbp", "children's safeguarding partnership", date(2026, 5, 19))
    policy = GovernancePolicy(sub_group_report_working_days=5)
    (found,) = deadlines(
        Duty.SUB_GROUP_REPORT,
        boards=(tbp,),
        sub_groups=(AAE.model_copy(update={"reports_to": ("tbp",)}),),
        policy=policy,
    )
    assert found.due_on == date(2026, 5, 12)


def test_a_sub_group_without_a_lead_reports_through_the_business_manager():
    tbp = make_board("tbp", "children's safeguarding partnership", date(2026, 5, 19))
    (found,) = deadlines(
        Duty.SUB_GROUP_REPORT, boards=(tbp,), sub_groups=(AAE.model_copy(update={"reports_to": ("tbp",)}),)
    )
    assert found.owner_key == "manager"


def test_the_sab_annual_report_falls_due_after_the_financial_year_on_the_target_day():
    (found,) = deadlines(Duty.SAB_ANNUAL_REPORT)
    assert (found.period, found.due_on, found.opens_on, found.board_key) == (
        "2025/26",
        date(2026, 9, 30),
        date(2026, 4, 1),
        "bsab",
    )


def test_the_sab_annual_report_target_day_is_a_setting():
    (found,) = deadlines(Duty.SAB_ANNUAL_REPORT, policy=GovernancePolicy(sab_annual_report_due="07-31"))
    assert found.due_on == date(2026, 7, 31)


def test_a_published_sab_report_is_sent_to_its_recipients_within_the_set_days():
    published = ReportSummary(
        key="r",
        kind=ReportKind.SAB_ANNUAL_REPORT,
        board_key="bsab",
        period="2025/26",
        published_on=date(2026, 9, 24),
        state=ReportState.PUBLISHED,
    )
    (found,) = deadlines(Duty.SAB_REPORT_DISTRIBUTION, reports=(published,))
    assert (found.due_on, found.state) == (date(2026, 10, 8), DeadlineState.OPEN)


def test_the_sab_report_once_sent_to_every_recipient_has_met_its_distribution_deadline():
    sent = ReportSummary(
        key="r",
        kind=ReportKind.SAB_ANNUAL_REPORT,
        board_key="bsab",
        period="2025/26",
        published_on=date(2026, 9, 24),
        state=ReportState.DISTRIBUTED,
    )
    (found,) = deadlines(Duty.SAB_REPORT_DISTRIBUTION, reports=(sent,))
    assert found.state is DeadlineState.SUBMITTED


def test_the_sab_strategic_plan_for_a_year_is_due_before_the_year_starts():
    (found,) = deadlines(Duty.SAB_STRATEGIC_PLAN)
    assert (found.period, found.due_on) == ("2027/28", date(2027, 3, 31))


def test_the_childrens_yearly_report_is_due_by_the_end_of_september_after_the_period():
    (found,) = deadlines(Duty.CHILDRENS_YEARLY_REPORT)
    assert (found.period, found.due_on, found.board_key) == ("2025/26", date(2026, 9, 30), "tbp")


def test_the_childrens_yearly_report_comes_at_least_once_every_12_months():
    last = ReportSummary(
        key="r",
        kind=ReportKind.CHILDRENS_YEARLY_REPORT,
        board_key="tbp",
        period="2024/25",
        published_on=date(2025, 8, 15),
        state=ReportState.DISTRIBUTED,
    )
    (found,) = deadlines(Duty.CHILDRENS_YEARLY_REPORT, reports=(last,))
    assert found.due_on == date(2026, 8, 15)


def test_the_yearly_report_goes_to_the_panel_and_what_works_within_7_days_of_publication():
    published = ReportSummary(
        key="r",
        kind=ReportKind.CHILDRENS_YEARLY_REPORT,
        board_key="tbp",
        period="2025/26",
        published_on=date(2026, 9, 24),
        state=ReportState.PUBLISHED,
    )
    (found,) = deadlines(Duty.YEARLY_REPORT_DISPATCH, reports=(published,))
    assert found.due_on == date(2026, 10, 1)


def test_a_further_report_in_12_months_is_due_a_year_after_the_resolution_to_its_action_owner():
    keighley = make_board("keighley", "area committee", date(2026, 1, 22))
    resolution = ResolutionOnRecord(
        key="k-r2",
        board_key="keighley",
        resolved_on=date(2026, 1, 22),
        number=2,
        text="a further report in 12 months' time",
        action_owner_key="chief-exec",
        further_report_months=12,
    )
    found = deadlines(
        Duty.COMMITTEE_RETURN,
        date(2026, 1, 1),
        date(2027, 12, 31),
        boards=(keighley,),
        resolutions=(resolution,),
        people=with_people(holding("chief-exec")),
    )
    assert [(d.due_on, d.owner_key, d.board_key) for d in found] == [
        (date(2027, 1, 22), "chief-exec", "keighley")
    ]


def test_a_resolution_that_asks_for_no_further_report_makes_no_deadline():
    keighley = make_board("keighley", "area committee")
    noted = ResolutionOnRecord(
        key="k-r1",
        board_key="keighley",
        resolved_on=date(2026, 1, 22),
        number=1,
        text="noted",
        action_owner_key="manager",
    )
    assert (
        deadlines(
            Duty.COMMITTEE_RETURN,
            date(2026, 1, 1),
            date(2030, 1, 1),
            boards=(keighley,),
            resolutions=(noted,),
        )
        == []
    )


def test_an_area_committee_receives_an_update_every_six_months():
    keighley = make_board("keighley", "area committee", date(2026, 1, 22), updates_since=date(2026, 1, 22))
    found = deadlines(Duty.AREA_COMMITTEE_UPDATE, boards=(keighley,))
    assert [d.due_on for d in found] == [date(2026, 7, 22), date(2027, 1, 22)]


def test_other_council_committees_ask_for_no_six_monthly_update():
    executive = make_board("executive", "council committee", date(2026, 1, 22))
    assert deadlines(Duty.AREA_COMMITTEE_UPDATE, boards=(executive,)) == []


def test_a_report_to_a_council_meeting_is_published_five_clear_working_days_before():
    executive = make_board("executive", "council committee", date(2027, 2, 2))
    report = ReportSummary(
        key="exec",
        kind=ReportKind.COMMITTEE_REPORT,
        board_key="executive",
        period="2027-02-02",
        meeting_on=date(2027, 2, 2),
    )
    (found,) = deadlines(Duty.COMMITTEE_PAPERS, boards=(executive,), reports=(report,))
    assert found.due_on == date(
        2027, 1, 25
    )  # Tue 2 Feb: clear days Mon 1, Fri 29, Thu 28, Wed 27, Tue 26 Jan


def test_a_councillors_enquiry_is_answered_within_seven_days():
    keighley = make_board("keighley", "area committee")
    enquiry = EnquiryOnRecord(
        reference="ENQ-1",
        board_key="keighley",
        received_on=date(2026, 11, 20),
        subject="figures",
        owner_key="manager",
    )
    (found,) = deadlines(Duty.COUNCILLOR_ENQUIRY, boards=(keighley,), enquiries=(enquiry,))
    assert (found.due_on, found.state) == (date(2026, 11, 27), DeadlineState.OPEN)


def test_an_answered_enquiry_has_met_its_deadline():
    keighley = make_board("keighley", "area committee")
    enquiry = EnquiryOnRecord(
        reference="ENQ-1",
        board_key="keighley",
        received_on=date(2026, 6, 18),
        subject="figures",
        owner_key="manager",
        answered_on=date(2026, 6, 23),
    )
    (found,) = deadlines(Duty.COUNCILLOR_ENQUIRY, boards=(keighley,), enquiries=(enquiry,))
    assert found.state is DeadlineState.SUBMITTED


def test_the_all_age_exploitation_sub_group_reviews_the_child_exploitation_protocol_every_year():
    aae = AAE.model_copy(
        update={
            "protocol_reviews": (
                ProtocolReviewOnRecord(
                    document="Child Exploitation Protocol", last_reviewed_on=date(2025, 10, 14)
                ),
            )
        }
    )
    found = deadlines(
        Duty.PROTOCOL_REVIEW,
        date(2026, 1, 1),
        date(2027, 12, 31),
        sub_groups=(aae,),
        people=with_people(LEAD),
    )
    assert [(d.due_on, d.owner_key, d.sub_group_key) for d in found] == [
        (date(2026, 10, 14), "lead", "aae"),
        (date(2027, 10, 14), "lead", "aae"),
    ]


def test_5_working_days_to_notify_a_serious_incident_from_the_thursday_before_easter():
    incident = CaseReviewOnRecord(
        reference="SI-1", kind=ReviewKind.SERIOUS_INCIDENT, board_key="tbp", became_aware_on=date(2026, 4, 2)
    )
    (found,) = deadlines(Duty.SERIOUS_INCIDENT_NOTIFICATION, case_reviews=(incident,))
    assert found.due_on == date(2026, 4, 13)  # Good Friday and Easter Monday are not working days


def test_a_rapid_review_is_due_15_working_days_after_the_notification():
    incident = CaseReviewOnRecord(
        reference="SI-1",
        kind=ReviewKind.SERIOUS_INCIDENT,
        board_key="tbp",
        became_aware_on=date(2026, 4, 2),
        notified_on=date(2026, 4, 9),
    )
    (notify,) = deadlines(Duty.SERIOUS_INCIDENT_NOTIFICATION, case_reviews=(incident,))
    (rapid,) = deadlines(Duty.RAPID_REVIEW, case_reviews=(incident,))
    assert notify.state is DeadlineState.SUBMITTED
    assert rapid.due_on == date(2026, 4, 30)


def test_an_incident_not_yet_notified_has_no_rapid_review_clock_until_it_is():
    incident = CaseReviewOnRecord(
        reference="SI-1",
        kind=ReviewKind.SERIOUS_INCIDENT,
        board_key="tbp",
        became_aware_on=date(2026, 11, 19),
    )
    assert deadlines(Duty.RAPID_REVIEW, case_reviews=(incident,)) == []
    notified_late = incident.model_copy(update={"notified_on": date(2026, 12, 4)})
    assert [d.due_on for d in deadlines(Duty.RAPID_REVIEW, case_reviews=(notified_late,))] == [
        date(2026, 12, 29)
    ]


def test_a_practice_review_is_published_within_six_months_and_a_sar_completed_within_the_set_months():
    lcspr = CaseReviewOnRecord(
        reference="LCSPR-1",
        kind=ReviewKind.CHILD_SAFEGUARDING_PRACTICE_REVIEW,
        board_key="tbp",
        initiated_on=date(2026, 5, 11),
    )
    sar = CaseReviewOnRecord(
        reference="SAR-1",
        kind=ReviewKind.SAFEGUARDING_ADULTS_REVIEW,
        board_key="bsab",
        initiated_on=date(2026, 8, 31),
    )
    policy = GovernancePolicy(sar_completion_months=6)
    assert [
        d.due_on for d in deadlines(Duty.LCSPR_PUBLICATION, case_reviews=(lcspr, sar), policy=policy)
    ] == [date(2026, 11, 11)]
    assert [d.due_on for d in deadlines(Duty.SAR_COMPLETION, case_reviews=(lcspr, sar), policy=policy)] == [
        date(2027, 2, 28)
    ]


def test_a_thematic_review_runs_no_statutory_clock():
    thematic = CaseReviewOnRecord(
        reference="TR-1", kind=ReviewKind.THEMATIC_REVIEW, board_key="tbp", initiated_on=date(2026, 5, 1)
    )
    assert [
        d
        for d in occurrences(make_partnership(case_reviews=(thematic,)), YEAR_START, YEAR_END)
        if d.subject == "TR-1"
    ] == []


def test_section_11_runs_for_each_agency_it_applies_to_every_other_year_when_biennial():
    agencies = (
        AgencyOnRecord(key="police", name="Police", section_11=True),
        AgencyOnRecord(key="other", name="Other"),
    )
    rep = holding("rep", (Role.AGENCY_REPRESENTATIVE, "tbp"), agency="police")
    policy = GovernancePolicy(section_11_every_years=2, section_11_first_year=2026)
    found = deadlines(
        Duty.SECTION_11_AUDIT,
        date(2026, 1, 1),
        date(2028, 12, 31),
        agencies=agencies,
        people=with_people(rep),
        policy=policy,
    )
    assert [(d.subject, d.due_on, d.owner_key) for d in found] == [
        ("section-11/police", date(2026, 10, 31), "rep"),
        ("section-11/police", date(2028, 10, 31), "rep"),
    ]


def test_each_school_returns_its_section_175_audit_every_year():
    schools = (
        AgencyOnRecord(key="school-a", name="School A", kind=AgencyKind.SCHOOL),
        AgencyOnRecord(key="school-b", name="School B", kind=AgencyKind.SCHOOL),
    )
    dsl = holding("dsl", (Role.DESIGNATED_SAFEGUARDING_LEAD, None), agency="school-a")
    found = deadlines(Duty.SECTION_175_AUDIT, agencies=schools, people=with_people(dsl))
    assert [(d.subject, d.owner_key) for d in found] == [
        ("section-175/school-a", "dsl"),
        ("section-175/school-b", "manager"),
    ]


def test_the_csp_assesses_plans_and_meets_in_public_each_year():
    csp = make_board("csp", "community safety partnership", date(2026, 9, 9))
    found = occurrences(make_partnership(boards=(csp,)), YEAR_START, YEAR_END)
    assert sorted((d.duty, d.period) for d in found) == [
        (Duty.CSP_PARTNERSHIP_PLAN, "2027/28"),
        (Duty.CSP_PUBLIC_MEETING, "2026/27"),
        (Duty.CSP_STRATEGIC_ASSESSMENT, "2027/28"),
    ]


def test_a_public_meeting_on_the_calendar_meets_the_csp_duty_to_meet_in_public():
    private = make_board("csp", "community safety partnership", date(2026, 9, 9))
    public = make_board(
        "csp",
        "community safety partnership",
        meetings=(MeetingOnRecord(held_on=date(2026, 9, 9), public=True),),
    )
    assert [d.state for d in deadlines(Duty.CSP_PUBLIC_MEETING, boards=(private,))] == [DeadlineState.OPEN]
    assert [d.state for d in deadlines(Duty.CSP_PUBLIC_MEETING, boards=(public,))] == [
        DeadlineState.SUBMITTED
    ]


def test_the_csp_plan_is_new_every_three_years_and_refreshed_in_between():
    csp = make_board("csp", "community safety partnership")
    titles = [
        d.title
        for d in deadlines(Duty.CSP_PARTNERSHIP_PLAN, date(2026, 1, 1), date(2029, 12, 31), boards=(csp,))
    ]
    assert ["new 3-year" in t for t in titles] == [
        False,
        False,
        True,
        False,
    ]  # plans from 2026/27 … 2029/30; 2025/26 started one


def test_timescales_set_by_law_or_statutory_guidance_are_not_extendable():
    fixed = {o.duty for o in OBLIGATIONS if not o.extendable}
    assert {Duty.SERIOUS_INCIDENT_NOTIFICATION, Duty.RAPID_REVIEW, Duty.COMMITTEE_PAPERS} <= fixed
    assert obligation_for(Duty.SERIOUS_INCIDENT_NOTIFICATION).source.authority is Authority.LAW


def test_occurrences_are_listed_soonest_first_and_each_once():
    incident = CaseReviewOnRecord(
        reference="SI-1", kind=ReviewKind.SERIOUS_INCIDENT, board_key="tbp", became_aware_on=date(2026, 4, 2)
    )
    found = occurrences(make_partnership(case_reviews=(incident,)), YEAR_START, YEAR_END)
    assert [d.due_on for d in found] == sorted(d.due_on for d in found)
    assert len({d.key for d in found}) == len(found)


def test_a_later_review_checks_the_action_plans_evidence_of_impact_on_the_date_it_sets():
    from governance.partnership.model import PlanOnRecord

    plan = PlanOnRecord(
        key="cse",
        title="CSE plan",
        board_key="tbp",
        lead_sub_group_key="aae",
        impact_review_on=date(2026, 10, 30),
    )
    (found,) = deadlines(
        Duty.ACTION_PLAN_IMPACT_REVIEW, plans=(plan,), sub_groups=(AAE,), people=with_people(LEAD)
    )
    assert (found.due_on, found.owner_key, found.board_key) == (date(2026, 10, 30), "lead", "tbp")
