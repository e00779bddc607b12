"""The values a command is given are checked in the command itself, so a page, a flow, a script and the
command line meet the same refusal, in the rule's words."""

from datetime import date

import pytest
from pydantic import ValidationError

from governance.action_plans.use_cases import SubmitActionUpdate
from governance.deadlines.model import Duty
from governance.extensions.model import DecideExtension, RequestExtension
from governance.reports.model import Dispatch, Recipient, ReportOnRecord
from governance.reports.workflow import record_dispatch
from governance.returns.model import DecideSubmission, SubmitReturn, SubmitSubGroupReport
from governance.rules import (
    A_COPY_IS_SENT_AFTER_PUBLICATION,
    A_COPY_SENT_NAMES_ITS_ADDRESSEE,
    A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS,
    A_KEY_IS_SHORT_PLAIN_TEXT,
    A_MONTH_IS_A_REAL_MONTH,
    A_RECORD_NUMBER_IS_ONE_THE_REGISTRY_HOLDS,
    A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH,
    EACH_RECIPIENT_IS_SENT_ONE_COPY,
    RuleBroken,
)
from governance.vocabulary import ReportKind

ON = date(2026, 1, 12)


def update(**values) -> SubmitActionUpdate:
    return SubmitActionUpdate(
        **{
            "reference": "CSE-2021/R01.1",
            "submitted_by": "grace-mensah",
            "progress": "Done",
            "submitted_on": ON,
        }
        | values
    )


def refused_with(message: str, make) -> None:
    with pytest.raises(ValidationError) as refused:
        make()
    assert message in str(refused.value)


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "1999-12", "26-01", "2026-1", "2026-1a"])
def test_a_month_that_is_not_a_real_month_is_refused(month):
    refused_with(A_MONTH_IS_A_REAL_MONTH.message, lambda: update(period=month))


def test_a_real_month_is_taken():
    assert update(period="2026-12").period == "2026-12"


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(1999, 12, 31), date(2100, 1, 1), date(9999, 12, 31)])
def test_a_date_outside_the_partnership_years_is_refused_by_every_command(day):
    ask = dict(duty=Duty.ACTION_COMPLETION, subject="CSE-2021/R01.1", period="once", requested_by="x")
    ask |= dict(reason="r", evidence="e", proposed_due_on=date(2026, 2, 1), requested_on=ON)
    submit = dict(duty=Duty.SECTION_11_AUDIT, subject="s", period="2026", submitted_by="x", submitted_on=ON)
    decide = dict(duty=Duty.SECTION_11_AUDIT, subject="s", period="2026", decided_by="x", accept=True)
    commands = [
        lambda: update(submitted_on=day),
        lambda: RequestExtension(**ask | {"proposed_due_on": day}),
        lambda: RequestExtension(**ask | {"requested_on": day}),
        lambda: DecideExtension(request_id=1, decided_by="x", approve=True, decided_on=day),
        lambda: SubmitReturn(**submit | {"submitted_on": day}),
        lambda: SubmitSubGroupReport(sub_group="aae", submitted_by="x", submitted_on=day),
        lambda: DecideSubmission(**decide, decided_on=day),
    ]
    for command in commands:
        refused_with(A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS.message, command)


def test_the_range_of_dates_is_said_in_the_message():
    assert (
        A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS.message == "Give a date from 1 January 2000 to 31 December 2099"
    )


@pytest.mark.parametrize("number", [0, -1, 2**31, 10**19])
def test_a_request_number_the_registry_cannot_hold_is_refused(number):
    refused_with(
        A_RECORD_NUMBER_IS_ONE_THE_REGISTRY_HOLDS.message,
        lambda: DecideExtension(request_id=number, decided_by="x", approve=True, decided_on=ON),
    )


@pytest.mark.parametrize("text", ["a\x00b", "\x1b[31m", "x" * 20_001])
def test_a_text_with_control_characters_or_beyond_a_readable_length_is_refused(text):
    refused_with(A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH.message, lambda: update(progress=text))


def test_a_text_may_run_over_several_lines():
    assert update(progress="Protocol revised.\n\tCirculated to partners.").progress.startswith("Protocol")


@pytest.mark.parametrize("key", ["x" * 201, "grace\nmensah", "grace\x00"])
def test_a_key_longer_than_the_registry_keeps_or_with_control_characters_is_refused(key):
    refused_with(A_KEY_IS_SHORT_PLAIN_TEXT.message, lambda: update(submitted_by=key))


# --- copies of a published report sent to its statutory recipients ----------------------------

PUBLISHED = ReportOnRecord(
    key="bsab-annual-report-2025-26",
    kind=ReportKind.SAB_ANNUAL_REPORT,
    board_key="bsab",
    period="2025/26",
    title="BSAB annual report 2025/26",
    state="published",
    published_on=date(2026, 9, 30),
    dispatches=(
        Dispatch(recipient=Recipient.COUNCIL_LEADER, sent_to="Cllr Lindqvist", sent_on=date(2026, 10, 2)),
    ),
)


def dispatch_refused(**values) -> RuleBroken:
    given = {
        "recipient": Recipient.LOCAL_HEALTHWATCH,
        "sent_to": "Healthwatch Bradford",
        "sent_on": date(2026, 10, 5),
    }
    with pytest.raises(RuleBroken) as refused:
        record_dispatch(PUBLISHED, **given | values)
    return refused.value


@pytest.mark.parametrize("addressee", ["", "   "])
def test_a_copy_sent_to_nobody_named_is_refused(addressee):
    assert dispatch_refused(sent_to=addressee).rule is A_COPY_SENT_NAMES_ITS_ADDRESSEE


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(9999, 12, 31)])
def test_a_copy_dated_outside_the_partnership_years_is_refused_and_counts_for_nothing(day):
    assert dispatch_refused(sent_on=day).rule is A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS


def test_a_copy_dated_before_publication_is_refused():
    refused = dispatch_refused(sent_on=date(2026, 9, 29))
    assert refused.rule is A_COPY_IS_SENT_AFTER_PUBLICATION
    assert "published on 30 September 2026, sent on 29 September 2026" in str(refused)


def test_a_second_copy_to_a_recipient_is_refused_naming_the_first():
    refused = dispatch_refused(recipient=Recipient.COUNCIL_LEADER)
    assert refused.rule is EACH_RECIPIENT_IS_SENT_ONE_COPY
    assert str(refused) == (
        "A copy to each statutory recipient is recorded once: already sent to the leader of the council "
        "on 2 October 2026 (Cllr Lindqvist)"
    )


def test_a_copy_on_the_day_of_publication_to_a_named_addressee_is_recorded():
    sent = record_dispatch(
        PUBLISHED, recipient=Recipient.LOCAL_HEALTHWATCH, sent_to=" Healthwatch ", sent_on=date(2026, 9, 30)
    )
    assert sent.dispatches[-1].sent_to == "Healthwatch" and len(sent.outstanding_recipients()) == 3
