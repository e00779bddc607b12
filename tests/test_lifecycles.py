from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.lifecycles import (
    DEADLINE,
    EXTENSION,
    REPORT,
    DeadlineState,
    ExtensionState,
    ReportState,
    TransitionRefused,
)

LIFECYCLES = {
    "deadline": (DEADLINE, DeadlineState, DeadlineState.SCHEDULED),
    "report": (REPORT, ReportState, ReportState.DRAFT),
    "extension": (EXTENSION, ExtensionState, ExtensionState.REQUESTED),
}

# --- deadlines ------------------------------------------------------------------------------


def test_a_scheduled_deadline_opens():
    assert DEADLINE.after(DeadlineState.SCHEDULED, "open") is DeadlineState.OPEN


def test_an_open_deadline_can_be_submitted():
    assert DEADLINE.after(DeadlineState.OPEN, "submit") is DeadlineState.SUBMITTED


def test_a_submitted_deadline_can_be_accepted_or_returned():
    assert DEADLINE.after(DeadlineState.SUBMITTED, "accept") is DeadlineState.ACCEPTED
    assert DEADLINE.after(DeadlineState.SUBMITTED, "return") is DeadlineState.RETURNED


def test_a_returned_deadline_can_be_resubmitted():
    assert DEADLINE.after(DeadlineState.RETURNED, "submit") is DeadlineState.SUBMITTED


@pytest.mark.parametrize("state", [DeadlineState.SCHEDULED, DeadlineState.OPEN, DeadlineState.RETURNED])
def test_extending_a_deadline_keeps_its_state(state):
    assert DEADLINE.after(state, "extend") is state


@pytest.mark.parametrize("state", [DeadlineState.SUBMITTED, DeadlineState.ACCEPTED, DeadlineState.CLOSED])
def test_a_deadline_already_submitted_accepted_or_closed_cannot_be_extended(state):
    with pytest.raises(TransitionRefused, match="cannot be extended"):
        DEADLINE.after(state, "extend")


def test_a_closed_deadline_cannot_be_submitted_and_the_refusal_says_it_is_final():
    with pytest.raises(TransitionRefused) as refused:
        DEADLINE.after(DeadlineState.CLOSED, "submit")
    assert (
        str(refused.value) == "a deadline that is closed cannot be submitted; allowed: nothing (it is final)"
    )


def test_a_refusal_names_the_state_and_the_events_that_are_allowed_in_it():
    with pytest.raises(TransitionRefused) as refused:
        DEADLINE.after(DeadlineState.SCHEDULED, "submit")
    assert (
        str(refused.value) == "a deadline that is scheduled cannot be submitted; allowed: open, extend, close"
    )


def test_a_scheduled_deadline_cannot_be_accepted():
    with pytest.raises(TransitionRefused, match="that is scheduled cannot be accepted"):
        DEADLINE.after(DeadlineState.SCHEDULED, "accept")


def test_only_a_closed_deadline_is_final():
    assert [s for s in DeadlineState if DEADLINE.is_final(s)] == [DeadlineState.CLOSED]


def test_an_unknown_event_is_refused_naming_the_known_ones():
    with pytest.raises(TransitionRefused) as refused:
        DEADLINE.after(DeadlineState.OPEN, "withdraw")
    events = "open, submit, accept, return, extend, close"
    assert str(refused.value) == f"a deadline has no event 'withdraw'; events: {events}"


# --- reports --------------------------------------------------------------------------------


def test_a_draft_report_is_sent_for_review():
    assert REPORT.after(ReportState.DRAFT, "send for review") is ReportState.IN_REVIEW


def test_one_approval_keeps_a_report_in_review_until_approval_is_complete():
    assert REPORT.after(ReportState.IN_REVIEW, "approve") is ReportState.IN_REVIEW
    assert REPORT.after(ReportState.IN_REVIEW, "complete approval") is ReportState.APPROVED


def test_a_report_returned_from_review_goes_back_to_draft():
    assert REPORT.after(ReportState.IN_REVIEW, "return") is ReportState.DRAFT


@pytest.mark.parametrize("state", [ReportState.DRAFT, ReportState.IN_REVIEW])
def test_a_report_cannot_be_published_before_it_is_approved(state):
    with pytest.raises(TransitionRefused, match=f"a report that is {state.value} cannot be published"):
        REPORT.after(state, "publish")


def test_an_approved_report_is_published():
    assert REPORT.after(ReportState.APPROVED, "publish") is ReportState.PUBLISHED


def test_editing_an_approved_report_sends_it_back_to_draft():
    assert REPORT.after(ReportState.APPROVED, "edit") is ReportState.DRAFT


@pytest.mark.parametrize("state", [ReportState.PUBLISHED, ReportState.DISTRIBUTED])
def test_a_published_or_distributed_report_cannot_be_edited(state):
    with pytest.raises(TransitionRefused, match="cannot be edited"):
        REPORT.after(state, "edit")


def test_sending_a_published_report_keeps_it_published_until_distribution_is_complete():
    assert REPORT.after(ReportState.PUBLISHED, "send") is ReportState.PUBLISHED
    assert REPORT.after(ReportState.PUBLISHED, "complete distribution") is ReportState.DISTRIBUTED


def test_a_distributed_report_is_final():
    assert REPORT.is_final(ReportState.DISTRIBUTED)
    assert REPORT.allowed(ReportState.DISTRIBUTED) == []
    assert [s for s in ReportState if REPORT.is_final(s)] == [ReportState.DISTRIBUTED]


def test_sending_a_draft_report_is_refused_in_plain_english():
    with pytest.raises(TransitionRefused) as refused:
        REPORT.after(ReportState.DRAFT, "send")
    assert "cannot be sent;" in str(refused.value)


@pytest.mark.parametrize("name", ["DEADLINE", "REPORT", "EXTENSION"])
def test_every_event_has_its_words_for_a_refusal(name):
    from governance.lifecycles import PAST

    assert set(globals()[name].moves) <= set(PAST)


# --- extension requests ---------------------------------------------------------------------


def test_one_approval_keeps_an_extension_requested_until_approval_is_complete():
    assert EXTENSION.after(ExtensionState.REQUESTED, "approve") is ExtensionState.REQUESTED
    assert EXTENSION.after(ExtensionState.REQUESTED, "complete approval") is ExtensionState.APPROVED


def test_an_extension_request_that_is_refused_is_final():
    refused = EXTENSION.after(ExtensionState.REQUESTED, "refuse")
    assert refused is ExtensionState.REFUSED
    assert EXTENSION.is_final(refused)


def test_an_approved_extension_cannot_then_be_refused():
    assert EXTENSION.is_final(ExtensionState.APPROVED)
    with pytest.raises(TransitionRefused, match="extension request that is approved cannot be refused"):
        EXTENSION.after(ExtensionState.APPROVED, "refuse")


def test_a_refused_extension_request_is_called_an_extension_request():
    with pytest.raises(TransitionRefused) as refused:
        EXTENSION.after(ExtensionState.APPROVED, "refuse")
    assert str(refused.value).startswith("an extension request that is approved")


# --- every lifecycle ------------------------------------------------------------------------


@pytest.mark.parametrize("name", LIFECYCLES)
def test_every_move_starts_and_ends_in_a_state_of_its_own_lifecycle(name):
    lifecycle, states, _ = LIFECYCLES[name]
    for move in lifecycle.moves.values():
        assert move.sources and move.sources <= set(states)
        assert move.target is None or move.target in states


def _reachable(lifecycle, start):
    seen, queue = {start}, deque([start])
    while queue:
        state = queue.popleft()
        for event in lifecycle.allowed(state):
            following = lifecycle.after(state, event)
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return seen


@pytest.mark.parametrize("name", LIFECYCLES)
def test_every_state_reachable_from_the_start_can_still_reach_a_final_state(name):
    lifecycle, _, start = LIFECYCLES[name]
    for state in _reachable(lifecycle, start):
        assert any(lifecycle.is_final(s) for s in _reachable(lifecycle, state)), state


@pytest.mark.parametrize("name", LIFECYCLES)
def test_every_state_of_a_lifecycle_is_reachable_from_its_start(name):
    lifecycle, states, start = LIFECYCLES[name]
    assert _reachable(lifecycle, start) == set(states)


def _walk(lifecycle, start, events):
    """The (state, event, following state) of each step; allowed events are applied, the rest must be refused."""
    steps, state = [], start
    for event in events:
        if event in lifecycle.allowed(state):
            following = lifecycle.after(state, event)
        else:
            with pytest.raises(TransitionRefused):
                lifecycle.after(state, event)
            following = state
        steps.append((state, event, following))
        state = following
    return steps


def _events(lifecycle):
    return st.lists(st.sampled_from(sorted(lifecycle.moves)), max_size=40)


@settings(max_examples=200)
@given(st.sampled_from(sorted(LIFECYCLES)), st.data())
def test_random_runs_stay_inside_the_lifecycle_and_never_leave_a_final_state(name, data):
    lifecycle, states, start = LIFECYCLES[name]
    for state, _, following in _walk(lifecycle, start, data.draw(_events(lifecycle))):
        assert following in states
        if lifecycle.is_final(state):
            assert following is state


@settings(max_examples=200)
@given(_events(REPORT))
def test_a_report_is_only_ever_published_straight_from_approved(events):
    for state, _, following in _walk(REPORT, ReportState.DRAFT, events):
        if following is ReportState.PUBLISHED and state is not ReportState.PUBLISHED:
            assert state is ReportState.APPROVED


@settings(max_examples=200)
@given(_events(DEADLINE))
def test_a_closed_deadline_stays_closed(events):
    closed = False
    for _, _, following in _walk(DEADLINE, DeadlineState.SCHEDULED, events):
        closed = closed or following is DeadlineState.CLOSED
        assert not closed or following is DeadlineState.CLOSED


@settings(max_examples=200)
@given(_events(REPORT))
def test_a_published_report_never_goes_back_to_an_earlier_state(events):
    published = False
    for _, _, following in _walk(REPORT, ReportState.DRAFT, events):
        published = published or following is ReportState.PUBLISHED
        assert not published or following in {ReportState.PUBLISHED, ReportState.DISTRIBUTED}
