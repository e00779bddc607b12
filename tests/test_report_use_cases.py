"""Reports on the Bradford demo through their use cases: the checks block approval, approvals are
bound to the version read, the business unit publishes and records each statutory copy sent, and
exempt appendices are withheld from those not entitled — decided below any page."""

from datetime import UTC, date, datetime

import pytest

from governance.lifecycles import ReportState
from governance.reports.model import Recipient
from governance.reports.use_cases import (
    WITHHELD,
    approve_report,
    check_report,
    edit_report,
    publish_report,
    read_report,
    record_dispatch,
    send_for_review,
)
from governance.rules import (
    A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED,
    AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
    ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
    ONLY_NAMED_APPROVERS_APPROVE_REPORTS,
    RuleBroken,
)
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
SAB = "bsab-annual-report-2025-26"
MANAGER, BSAB_CHAIR = "joanne-pickering", "rukhsana-malik"


class AsJson:
    """A renderer that gives the document's own JSON: the use cases need bytes, not a format."""

    def render(self, document, fmt) -> bytes:
        return document.model_dump_json().encode()


class Passes:
    def check(self, fmt, content) -> list[str]:
        return []


def uow(engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine)


def refused(rule, move) -> RuleBroken:
    with pytest.raises(RuleBroken) as error:
        move()
    assert error.value.rule is rule, str(error.value)
    return error.value


def completed_content(engine) -> dict:
    content = dict(read_report(SAB, reader=MANAGER, uow=uow(engine)).content)
    content["member_contributions"] = {
        **content["member_contributions"],
        "healthwatch-bradford": "[Demo text] Ran the Voice survey.",
    }
    content["findings_not_implemented"] = {
        "BSAB-SAR-2025-01/2": "Covered by the regional advocacy contract from April 2026."
    }
    return content


def test_the_demo_sab_report_cannot_be_approved_while_it_misses_a_member(bradford):
    send_for_review(SAB, by=MANAGER, uow=uow(bradford), now=NOW)
    version = check_report(SAB, uow=uow(bradford)).version
    error = refused(
        A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED,
        lambda: approve_report(SAB, approved_by=BSAB_CHAIR, version=version, uow=uow(bradford), now=NOW),
    )
    assert "Care Act 2014 Sch 2 para 4(1)(c)" in str(error)
    assert "para 4(1)(g)" not in str(error)  # the reviews register holds the reason: it is drafted in


def test_put_right_approved_published_and_sent_to_all_five_the_sab_report_is_complete(bradford):
    status = edit_report(
        SAB,
        edited_by=MANAGER,
        based_on=check_report(SAB, uow=uow(bradford)).version,
        title="BSAB annual report 2025/26",
        content=completed_content(bradford),
        uow=uow(bradford),
        now=NOW,
    )
    assert [f for f in status.findings if f.blocking] == []
    send_for_review(SAB, by=MANAGER, uow=uow(bradford), now=NOW)
    approved = approve_report(SAB, approved_by=BSAB_CHAIR, version=status.version, uow=uow(bradford), now=NOW)
    assert approved.state is ReportState.APPROVED
    publish_report(
        SAB,
        by=MANAGER,
        on=date(2026, 11, 30),
        uow=uow(bradford),
        now=NOW,
        renderer=AsJson(),
        checker=Passes(),
    )
    for recipient in list(Recipient)[:5]:
        status = record_dispatch(
            SAB,
            by=MANAGER,
            recipient=recipient,
            sent_to="by e-mail",
            sent_on=date(2026, 12, 1),
            uow=uow(bradford),
            now=NOW,
        )
    assert status.state is ReportState.DISTRIBUTED


def test_an_approval_of_a_version_read_before_a_change_is_refused(bradford):
    read = edit_report(
        SAB,
        edited_by=MANAGER,
        based_on=check_report(SAB, uow=uow(bradford)).version,
        title="BSAB annual report 2025/26",
        content=completed_content(bradford),
        uow=uow(bradford),
        now=NOW,
    ).version
    changed = {
        **completed_content(bradford),
        "strategy": "[Demo text] Three priorities, with figures corrected.",
    }
    edit_report(
        SAB,
        edited_by=MANAGER,
        based_on=check_report(SAB, uow=uow(bradford)).version,
        title="BSAB annual report 2025/26",
        content=changed,
        uow=uow(bradford),
        now=NOW,
    )
    send_for_review(SAB, by=MANAGER, uow=uow(bradford), now=NOW)
    refused(
        AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
        lambda: approve_report(SAB, approved_by=BSAB_CHAIR, version=read, uow=uow(bradford), now=NOW),
    )


def test_the_tbp_chair_cannot_approve_the_adults_boards_report(bradford):
    status = edit_report(
        SAB,
        edited_by=MANAGER,
        based_on=check_report(SAB, uow=uow(bradford)).version,
        title="BSAB annual report 2025/26",
        content=completed_content(bradford),
        uow=uow(bradford),
        now=NOW,
    )
    send_for_review(SAB, by=MANAGER, uow=uow(bradford), now=NOW)
    refused(
        ONLY_NAMED_APPROVERS_APPROVE_REPORTS,
        lambda: approve_report(
            SAB, approved_by="helen-achebe", version=status.version, uow=uow(bradford), now=NOW
        ),
    )


def test_only_the_business_unit_changes_or_publishes_a_report_not_even_its_chair(bradford):
    refused(
        ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
        lambda: edit_report(
            SAB, edited_by=BSAB_CHAIR, based_on="", title="x", content={}, uow=uow(bradford), now=NOW
        ),
    )
    refused(
        ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
        lambda: send_for_review(SAB, by=BSAB_CHAIR, uow=uow(bradford), now=NOW),
    )


def exempt_appendix(report) -> str:
    return next(a["text"] for a in report.content["appendices"] if a.get("exempt_paragraph"))


def test_an_exempt_appendix_is_withheld_from_a_councillor_of_another_committee(bradford):
    seen = read_report("executive-exploitation-update-2027", reader="tom-greenwood", uow=uow(bradford))
    assert exempt_appendix(seen) == WITHHELD.format(paragraph=7)


def test_the_business_unit_sees_the_exempt_appendix(bradford):
    seen = read_report("executive-exploitation-update-2027", reader=MANAGER, uow=uow(bradford))
    assert exempt_appendix(seen).startswith("[Demo text] The 30 recommendations")


def test_checking_a_report_shows_where_it_stands_but_not_its_text(bradford):
    status = check_report("executive-exploitation-update-2027", uow=uow(bradford))
    assert "content" not in status.model_dump() and status.version and status.state is ReportState.DRAFT


def test_an_approver_sends_a_report_back_saying_why_and_a_stranger_cannot(bradford):
    from governance.reports.use_cases import return_report
    from governance.rules import ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS

    send_for_review(SAB, by=MANAGER, uow=uow(bradford), now=NOW)
    refused(
        ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS,
        lambda: return_report(SAB, by="tom-greenwood", note="No", uow=uow(bradford), now=NOW),
    )
    refused(
        ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS,
        lambda: return_report(SAB, by=BSAB_CHAIR, note=" ", uow=uow(bradford), now=NOW),
    )
    assert (
        return_report(SAB, by=BSAB_CHAIR, note="Add Healthwatch's part.", uow=uow(bradford), now=NOW).state
        is ReportState.DRAFT
    )
