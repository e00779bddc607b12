"""A report's life: approved only by those named, bound to the version read, published accessibly and sent."""

from datetime import UTC, date, datetime

import pytest

from governance.lifecycles import ReportState, TransitionRefused
from governance.partnership.model import AgencyOnRecord
from governance.reports.approvals import approvals_required, outstanding_approvals
from governance.reports.model import Recipient, ReportOnRecord
from governance.reports.workflow import (
    approve,
    edit,
    is_complete,
    publish,
    record_dispatch,
    return_to_draft,
    send_for_review,
)
from governance.rules import (
    A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED,
    A_REPORT_IS_SENT_ONLY_TO_ITS_RECIPIENTS,
    AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
    EACH_APPROVER_APPROVES_A_VERSION_ONCE,
    EACH_RECIPIENT_IS_SENT_ONE_COPY,
    ONLY_NAMED_APPROVERS_APPROVE_REPORTS,
    PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE,
    RuleBroken,
)
from governance.vocabulary import ReportKind, Role
from tests.builders import holding, make_partnership

AT = datetime(2026, 10, 1, 9, tzinfo=UTC)
P = make_partnership()

ANNUAL = dict(
    objective="We held partners to account.",
    strategy="We delivered the plan's priorities.",
    implementing_findings="SAR actions were tracked monthly.",
    alternative_formats="Ask the business unit for Easy Read.",
)
YEARLY = dict.fromkeys(
    (
        "what_partners_did",
        "practice_reviews",
        "effectiveness",
        "impact_on_outcomes",
        "training_impact",
        "little_or_no_progress",
        "review_recommendations",
        "voice_of_children_and_families",
        "independent_scrutiny",
    ),
    "Said.",
)
PLAN = dict(
    strategy="Three priorities.",
    healthwatch_consultation="Healthwatch commented.",
    community_involvement="Two events.",
)


def sab_report(**content: object) -> ReportOnRecord:
    return ReportOnRecord(
        key="bsab-annual",
        kind=ReportKind.SAB_ANNUAL_REPORT,
        board_key="bsab",
        period="2025/26",
        title="BSAB annual report 2025/26",
        content={**ANNUAL, **content},
    )


def strategic_plan() -> ReportOnRecord:
    return ReportOnRecord(
        key="bsab-plan",
        kind=ReportKind.SAB_STRATEGIC_PLAN,
        board_key="bsab",
        period="2025/26",
        title="BSAB strategic plan",
        content=PLAN,
    )


def yearly_report() -> ReportOnRecord:
    return ReportOnRecord(
        key="tbp-yearly",
        kind=ReportKind.CHILDRENS_YEARLY_REPORT,
        board_key="tbp",
        period="2025/26",
        title="Yearly report 2025/26",
        content=YEARLY,
    )


def in_review(report: ReportOnRecord, p=P) -> ReportOnRecord:
    return send_for_review(report, p)


def approved_by(report: ReportOnRecord, *keys: str, p=P) -> ReportOnRecord:
    for key in keys:
        report = approve(report, p.person(key), version=report.version, at=AT, p=p)
    return report


def approved_annual_report() -> ReportOnRecord:
    return approved_by(in_review(sab_report()), "bsab-chair")


def refusal(move) -> RuleBroken:
    with pytest.raises(RuleBroken) as refused:
        move()
    return refused.value


# --- approval -------------------------------------------------------------------------------------


def test_the_independent_chair_of_the_board_approves_the_sab_annual_report():
    report = in_review(sab_report())
    approved = approved_by(report, "bsab-chair")
    assert approved.state is ReportState.APPROVED
    [approval] = approved.current_approvals()
    assert (approval.person_key, approval.role, approval.version, approval.at) == (
        "bsab-chair",
        Role.INDEPENDENT_CHAIR,
        report.version,
        AT,
    )


def test_a_report_that_fails_a_blocking_check_cannot_be_approved():
    report = in_review(sab_report(objective=""))
    refused = refusal(lambda: approved_by(report, "bsab-chair"))
    assert refused.rule is A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED
    assert "Care Act 2014 Sch 2 para 4(1)(a)" in str(refused)


def test_an_advisory_finding_does_not_stop_approval():
    report = in_review(sab_report(alternative_formats=""))
    assert approved_by(report, "bsab-chair").state is ReportState.APPROVED


def test_a_draft_is_sent_for_review_before_it_is_approved():
    with pytest.raises(TransitionRefused):
        approved_by(sab_report(), "bsab-chair")


def test_only_the_independent_chair_of_that_board_approves_the_sab_annual_report():
    report = in_review(sab_report())
    for someone_else in ("tbp-chair", "manager", "scrutineer"):
        refused = refusal(lambda who=someone_else: approved_by(report, who))
        assert refused.rule is ONLY_NAMED_APPROVERS_APPROVE_REPORTS
        assert "the independent chair of BSAB" in str(refused)


def test_the_sab_strategic_plan_is_approved_by_the_boards_independent_chair_too():
    assert [r.label for r in approvals_required(strategic_plan(), P)] == ["the independent chair of BSAB"]


def test_an_approval_is_bound_to_the_version_read_so_approving_a_stale_version_is_refused():
    read = in_review(sab_report())
    changed = in_review(edit(read, title=read.title, content={**ANNUAL, "objective": "Rewritten."}))
    refused = refusal(lambda: approve(changed, P.person("bsab-chair"), version=read.version, at=AT, p=P))
    assert refused.rule is AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED


def test_any_change_of_title_or_content_makes_a_new_version():
    report = sab_report()
    assert edit(report, title="New title", content=ANNUAL).version != report.version
    assert (
        edit(report, title=report.title, content={**ANNUAL, "strategy": "Other."}).version != report.version
    )
    assert edit(report, title=report.title, content=ANNUAL).version == report.version


def test_editing_after_approval_sends_the_report_back_to_draft_and_the_old_approval_no_longer_counts():
    approved = approved_annual_report()
    edited = edit(approved, title=approved.title, content={**ANNUAL, "strategy": "Corrected figures."})
    assert edited.state is ReportState.DRAFT
    assert len(edited.approvals) == 1 and edited.current_approvals() == []
    assert [r.label for r in outstanding_approvals(edited, P)] == ["the independent chair of BSAB"]


def test_the_new_version_can_be_approved_after_an_edit():
    approved = approved_annual_report()
    edited = in_review(
        edit(approved, title=approved.title, content={**ANNUAL, "strategy": "Corrected figures."})
    )
    reapproved = approved_by(edited, "bsab-chair")
    assert reapproved.state is ReportState.APPROVED
    assert [a.version for a in reapproved.current_approvals()] == [edited.version]


def test_saving_an_approved_report_unchanged_keeps_it_approved():
    approved = approved_annual_report()
    assert edit(approved, title=approved.title, content=approved.content) == approved


def test_a_text_changed_and_changed_back_is_approved_again_when_sent_for_review():
    approved = approved_annual_report()
    changed = edit(approved, title=approved.title, content={**ANNUAL, "strategy": "Corrected figures."})
    back = edit(changed, title=approved.title, content=approved.content)
    assert back.state is ReportState.DRAFT and back.version == approved.version
    assert in_review(back).state is ReportState.APPROVED


def test_a_report_in_review_can_be_returned_to_draft():
    assert return_to_draft(in_review(sab_report())).state is ReportState.DRAFT


# --- the children's yearly report: every lead safeguarding partner --------------------------------

PARTNERS = make_partnership(
    agencies=(
        AgencyOnRecord(key="council", name="Bradford Council", statutory_partner=True),
        AgencyOnRecord(key="icb", name="West Yorkshire ICB", statutory_partner=True),
        AgencyOnRecord(key="police", name="West Yorkshire Police", statutory_partner=True),
        AgencyOnRecord(key="school", name="A School"),
    ),
    people=(
        holding("manager", (Role.BUSINESS_MANAGER, None)),
        holding("tbp-chair", (Role.INDEPENDENT_CHAIR, "tbp")),
        holding("ceo", (Role.LEAD_SAFEGUARDING_PARTNER, "tbp"), agency="council"),
        holding("icb-ceo", (Role.LEAD_SAFEGUARDING_PARTNER, "tbp"), agency="icb"),
        holding("constable", (Role.LEAD_SAFEGUARDING_PARTNER, "tbp"), agency="police"),
        holding("head", (Role.LEAD_SAFEGUARDING_PARTNER, "tbp"), agency="school"),
        holding("adults-lsp", (Role.LEAD_SAFEGUARDING_PARTNER, "bsab"), agency="police"),
    ),
)


def test_the_yearly_report_needs_the_lead_safeguarding_partner_of_each_statutory_partner():
    assert [r.label for r in approvals_required(yearly_report(), PARTNERS)] == [
        "the lead safeguarding partner for Bradford Council",
        "the lead safeguarding partner for West Yorkshire ICB",
        "the lead safeguarding partner for West Yorkshire Police",
    ]


def test_the_yearly_report_is_approved_only_when_every_lead_partner_has_approved():
    report = in_review(yearly_report())
    two = approved_by(report, "ceo", "icb-ceo", p=PARTNERS)
    assert two.state is ReportState.IN_REVIEW
    assert [r.agency_key for r in outstanding_approvals(two, PARTNERS)] == ["police"]
    assert approved_by(two, "constable", p=PARTNERS).state is ReportState.APPROVED


def test_the_same_person_cannot_approve_the_same_version_twice():
    once = approved_by(in_review(yearly_report()), "ceo", p=PARTNERS)
    refused = refusal(lambda: approved_by(once, "ceo", p=PARTNERS))
    assert refused.rule is EACH_APPROVER_APPROVES_A_VERSION_ONCE


def test_a_lead_partner_of_a_non_statutory_agency_or_of_another_board_cannot_approve_the_yearly_report():
    report = in_review(yearly_report())
    for person in ("head", "adults-lsp", "tbp-chair"):
        assert (
            refusal(lambda who=person: approved_by(report, who, p=PARTNERS)).rule
            is ONLY_NAMED_APPROVERS_APPROVE_REPORTS
        )


# --- publishing and sending -----------------------------------------------------------------------


def test_publishing_needs_accessibility_confirmed():
    refused = refusal(
        lambda: publish(approved_annual_report(), on=date(2026, 10, 15), accessibility_confirmed=False)
    )
    assert refused.rule is PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE


def test_only_an_approved_report_is_published():
    with pytest.raises(TransitionRefused):
        publish(in_review(sab_report()), on=date(2026, 10, 15), accessibility_confirmed=True)


def published_annual_report() -> ReportOnRecord:
    return publish(approved_annual_report(), on=date(2026, 10, 15), accessibility_confirmed=True)


SCH2_PARA4_2 = (
    Recipient.COUNCIL_CHIEF_EXECUTIVE,
    Recipient.COUNCIL_LEADER,
    Recipient.LOCAL_POLICING_BODY,
    Recipient.LOCAL_HEALTHWATCH,
    Recipient.HEALTH_AND_WELLBEING_BOARD_CHAIR,
)


def sent(report: ReportOnRecord, *recipients: Recipient) -> ReportOnRecord:
    for recipient in recipients:
        report = record_dispatch(
            report, recipient=recipient, sent_to=recipient.value, sent_on=date(2026, 10, 20)
        )
    return report


def test_a_published_sab_annual_report_is_distributed_only_when_all_five_recipients_have_a_copy():
    published = published_annual_report()
    assert published.state is ReportState.PUBLISHED and published.published_on == date(2026, 10, 15)
    four = sent(published, *SCH2_PARA4_2[:4])
    assert four.state is ReportState.PUBLISHED
    assert four.outstanding_recipients() == [Recipient.HEALTH_AND_WELLBEING_BOARD_CHAIR]
    assert not is_complete(four)
    five = sent(four, Recipient.HEALTH_AND_WELLBEING_BOARD_CHAIR)
    assert five.state is ReportState.DISTRIBUTED and is_complete(five)


def test_a_second_copy_to_the_same_recipient_is_refused_saying_when_the_first_was_sent():
    once = sent(published_annual_report(), Recipient.COUNCIL_LEADER)
    refused = refusal(lambda: sent(once, Recipient.COUNCIL_LEADER))
    assert refused.rule is EACH_RECIPIENT_IS_SENT_ONE_COPY
    assert "already sent to the leader of the council on 20 October 2026" in str(refused)
    assert len(once.outstanding_recipients()) == 4


def test_sending_to_a_recipient_the_kind_does_not_name_is_refused():
    refused = refusal(lambda: sent(published_annual_report(), Recipient.NATIONAL_PANEL))
    assert refused.rule is A_REPORT_IS_SENT_ONLY_TO_ITS_RECIPIENTS


def test_nothing_is_sent_before_it_is_published():
    with pytest.raises(TransitionRefused):
        sent(approved_annual_report(), Recipient.COUNCIL_LEADER)


def test_a_report_whose_kind_names_no_recipients_is_complete_once_published():
    approved = approved_by(in_review(strategic_plan()), "bsab-chair")
    assert not is_complete(approved)
    assert is_complete(publish(approved, on=date(2026, 10, 15), accessibility_confirmed=True))


def test_a_text_changed_back_is_not_approved_again_if_the_register_has_moved_since():
    from governance.partnership.model import CaseReviewOnRecord, ReviewKind

    approved = approved_annual_report()
    changed = edit(approved, title=approved.title, content={**ANNUAL, "strategy": "Corrected figures."})
    back = edit(changed, title=approved.title, content=approved.content)
    moved = make_partnership(
        case_reviews=(
            CaseReviewOnRecord(
                reference="SAR-9",
                kind=ReviewKind.SAFEGUARDING_ADULTS_REVIEW,
                board_key="bsab",
                initiated_on=date(2025, 5, 1),
                concluded_on=date(2025, 12, 1),
            ),
        )
    )
    assert (
        in_review(back, moved).state is ReportState.IN_REVIEW
    )  # SAR-9 concluded in the year and is not reported
